import { expect } from 'chai';
import { TeamsPackageError, checkTeamsPackage, teamsPackageFiles } from '../../../adapters/teams/teamsManifest';
import type { TeamsPackageSettings } from '../../../adapters/teams/teamsManifest';
import { encodePng } from '../../../adapters/teams/pngImage';
import type { ZipEntry } from '../../../adapters/teams/zipArchive';

const botAppId = '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const good: TeamsPackageSettings = { botAppId, version: '1.2.3', publicUrl: 'https://warmline.example.com' };

interface Manifest {
  readonly [key: string]: unknown;
  readonly developer: unknown;
  readonly validDomains: readonly string[];
  readonly localizationInfo: unknown;
  readonly bots: readonly { readonly botId: string; readonly scopes: readonly string[]; readonly commandLists: readonly { readonly commands: readonly { readonly title: string }[] }[] }[];
}

function manifestOf(files: readonly ZipEntry[]): Manifest {
  const data = files.find((f) => f.name === 'manifest.json')?.data;
  return JSON.parse(Buffer.from(data ?? '').toString('utf8')) as Manifest;
}

function problemsOf(settings: TeamsPackageSettings): readonly string[] {
  try {
    teamsPackageFiles(settings);
  } catch (err) {
    expect(err).to.be.instanceOf(TeamsPackageError);
    return (err as TeamsPackageError).problems;
  }
  expect.fail('expected the settings to be refused');
}

describe('teamsManifest', () => {
  it('builds a manifest 1.19 for the bot, in every scope, with the agent commands and a zh-CN file', () => {
    const files = teamsPackageFiles(good);
    expect(files.map((f) => f.name)).to.deep.equal(['manifest.json', 'color.png', 'outline.png', 'zh-cn.json']);
    const manifest = manifestOf(files);
    expect(manifest).to.include({ manifestVersion: '1.19', version: '1.2.3', id: botAppId });
    expect(manifest.$schema).to.equal('https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');
    expect(manifest.developer).to.deep.equal({ name: 'Warmline', websiteUrl: 'https://warmline.example.com', privacyUrl: 'https://warmline.example.com', termsOfUseUrl: 'https://warmline.example.com' });
    expect(manifest.validDomains).to.deep.equal(['warmline.example.com']);
    const bot = manifest.bots[0];
    if (!bot) expect.fail('no bot');
    expect(bot.botId).to.equal(botAppId);
    expect(bot.scopes).to.deep.equal(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0]?.commands.map((c) => c.title)).to.deep.equal(['/help', '/queue', '/accept', '/transcript', '/note', '/transfer', '/end', '/available', '/away']);
    expect(manifest.localizationInfo).to.deep.equal({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: 'zh-cn.json' }] });
    const zh = JSON.parse(Buffer.from(files[3]?.data ?? '').toString('utf8')) as Record<string, string>;
    expect(zh['name.full']).to.equal('Warmline 客户服务');
    expect(zh['bots[0].commandLists[0].commands[1].description']).to.equal('查看你的队列中正在等待的客户。');
    expect(checkTeamsPackage(files)).to.deep.equal([]);
  });

  it('uses the TEAMS_* settings when given', () => {
    const files = teamsPackageFiles({
      ...good,
      appId: '11111111-2222-3333-4444-555555555555',
      developerName: 'Contoso Support',
      websiteUrl: 'https://contoso.example',
      privacyUrl: 'https://contoso.example/privacy',
      termsOfUseUrl: 'https://contoso.example/terms',
      validDomains: ['contoso.example', '*.contoso.example'],
    });
    const manifest = manifestOf(files);
    expect(manifest.id).to.equal('11111111-2222-3333-4444-555555555555');
    expect(manifest.bots[0]?.botId).to.equal(botAppId);
    expect(manifest.developer).to.deep.equal({ name: 'Contoso Support', websiteUrl: 'https://contoso.example', privacyUrl: 'https://contoso.example/privacy', termsOfUseUrl: 'https://contoso.example/terms' });
    expect(manifest.validDomains).to.deep.equal(['contoso.example', '*.contoso.example']);
  });

  it('lists every problem with bad settings at once', () => {
    expect(problemsOf({ botAppId: '', version: '1.0', publicUrl: 'http://localhost:3978', developerName: 'x'.repeat(33), privacyUrl: 'ftp://a', validDomains: ['https://a.example', '*'] })).to.deep.equal([
      "MicrosoftAppId is not set: the package needs the Azure Bot's Microsoft App ID (Azure portal → your Azure Bot → Configuration)",
      'TEAMS_APP_VERSION "1.0" is not a version Teams accepts (three numbers, such as 1.0.3)',
      'TEAMS_DEVELOPER_NAME is 33 characters; Teams allows 32',
      'TEAMS_WEBSITE_URL (unset, so PUBLIC_URL): "http://localhost:3978" must be an https:// URL that people can open (Teams shows it on the app\'s page)',
      'TEAMS_PRIVACY_URL: "ftp://a" must be an https:// URL that people can open (Teams shows it on the app\'s page)',
      'TEAMS_VALID_DOMAINS: "https://a.example" is not a domain (such as warmline.example.com or *.example.com, no https://)',
      'TEAMS_VALID_DOMAINS: "*" is not a domain (such as warmline.example.com or *.example.com, no https://)',
    ]);
    expect(problemsOf({ ...good, botAppId: 'my-bot', appId: 'app' })).to.deep.equal([
      'MicrosoftAppId "my-bot" is not an app id (a GUID such as 6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f)',
      'TEAMS_APP_ID "app" is not a GUID',
    ]);
  });

  it('checks a package as Teams would: required fields, GUID, version, icon sizes read from the PNGs, localization files', () => {
    const files = teamsPackageFiles(good);
    const manifest = manifestOf(files);
    const broken = { ...manifest, id: 'nope', version: 'v1', name: { short: 'A name far longer than thirty characters' }, description: { short: 'ok' } };
    delete (broken as Record<string, unknown>).accentColor;
    const wrongIcon = encodePng({ width: 48, height: 48, pixels: new Uint8Array(48 * 48 * 4) });
    const replaced: ZipEntry[] = [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(broken)) },
      { name: 'color.png', data: wrongIcon },
      { name: 'outline.png', data: Buffer.from('not a png, just text pretending to be one') },
    ];
    expect(checkTeamsPackage(replaced)).to.deep.equal([
      'manifest.json: id must be a GUID',
      'manifest.json: version must be three numbers, such as 1.0.3',
      'manifest.json: name.short is 40 characters; at most 30',
      'manifest.json: name.full is required',
      'manifest.json: description.full is required',
      'manifest.json: accentColor must be a colour such as #2E7D6B',
      'color.png is 48×48; Teams needs 192×192',
      'outline.png: not a PNG file (no PNG signature)',
      'localizationInfo: the file for zh-cn (zh-cn.json) is not in the package',
    ]);
    expect(checkTeamsPackage(files.filter((f) => f.name !== 'manifest.json'))).to.deep.equal(['manifest.json is missing']);
  });
});
