import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkTeamsPackage } from '../../adapters/teams/teamsManifest';
import { runTeamsPackage, teamsPackageExitCodes } from '../../cli/teamsPackage';

const appId = '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';

describe('npm run teams:package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-teams-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTeamsPackage(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('writes a zip that unzip lists and whose files pass the package checks', async () => {
    const file = path.join(dir, 'nested', 'warmline-teams.zip');
    const result = await run({ MicrosoftAppId: appId, MicrosoftAppPassword: 'secret', PUBLIC_URL: 'https://bot.example.com', TEAMS_APP_VERSION: '2.0.1', TEAMS_VALID_DOMAINS: 'bot.example.com, *.example.org' }, '--out', file);
    expect(result.err).to.equal('');
    expect(result.code).to.equal(teamsPackageExitCodes.done);
    expect(result.out).to.include('manifest.json, color.png, outline.png, zh-cn.json');
    expect(execFileSync('unzip', ['-l', file], { encoding: 'utf8' })).to.match(/manifest\.json[\s\S]*color\.png[\s\S]*outline\.png[\s\S]*zh-cn\.json[\s\S]*4 files/);
    // Read back through Python's zipfile, then checked by the same rules the builder uses.
    const script = 'import base64,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))';
    const read = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as Record<string, string>;
    const files = Object.entries(read).map(([name, b64]) => ({ name, data: Buffer.from(b64, 'base64') }));
    expect(checkTeamsPackage(files)).to.deep.equal([]);
    const manifest = JSON.parse(read['manifest.json'] ? Buffer.from(read['manifest.json'], 'base64').toString('utf8') : '{}') as { version: string; validDomains: string[] };
    expect(manifest.version).to.equal('2.0.1');
    expect(manifest.validDomains).to.deep.equal(['bot.example.com', '*.example.org']);
  });

  it('defaults the version to Warmline\'s own', async () => {
    const file = path.join(dir, 'p.zip');
    expect((await run({ MicrosoftAppId: appId, MicrosoftAppPassword: 'secret', PUBLIC_URL: 'https://bot.example.com' }, '--out', file)).code).to.equal(0);
    const manifest = JSON.parse(execFileSync('unzip', ['-p', file, 'manifest.json'], { encoding: 'utf8' })) as { version: string };
    expect(manifest.version).to.match(/^\d+\.\d+\.\d+$/);
  });

  it('without an app id says so with every other problem, exits 2 and writes nothing', async () => {
    const file = path.join(dir, 'p.zip');
    const result = await run({ TEAMS_APP_VERSION: 'latest' }, '--out', file);
    expect(result.code).to.equal(teamsPackageExitCodes.usage);
    expect(result.err).to.include('cannot be built (3 problems)');
    expect(result.err).to.include('MicrosoftAppId is not set');
    expect(result.err).to.include('TEAMS_APP_VERSION "latest"');
    expect(result.err).to.include('TEAMS_WEBSITE_URL (unset, so PUBLIC_URL): "http://localhost:3978"');
    expect(result.err).not.to.match(/\n\s+at /);
    expect(existsSync(file)).to.equal(false);
  });

  it('reports invalid server settings and unknown arguments with exit code 2', async () => {
    const bad = await run({ MicrosoftAppId: appId, PUBLIC_URL: 'https://bot.example.com' });
    expect(bad.code).to.equal(2);
    expect(bad.err).to.include('MicrosoftAppPassword is required');
    const usage = await run({}, '--zip');
    expect(usage.code).to.equal(2);
    expect(usage.err).to.include("Unknown option '--zip'");
    expect(usage.err).to.include('Usage: npm run teams:package');
  });

  it('says when the package cannot be written (exit 1)', async () => {
    const result = await run({ MicrosoftAppId: appId, MicrosoftAppPassword: 'secret', PUBLIC_URL: 'https://bot.example.com' }, '--out', dir);
    expect(result.code).to.equal(teamsPackageExitCodes.failed);
    expect(result.err).to.match(/^Cannot write .*: EISDIR/);
  });
});
