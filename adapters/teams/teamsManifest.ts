/**
 * The Teams app package (`npm run teams:package`): the manifest (schema 1.19) for Warmline's bot,
 * built from settings, with a zh-CN localization file and the two icons, and the checks a package
 * must pass before anyone uploads it. Every problem is reported at once ({@link TeamsPackageError}).
 */
import { agentCommandNames } from '../../handoff/agentCommands';
import { agentCardText } from '../../handoff/agentCardText';
import type { SupportedLocale } from '../../locale/locale';
import { readPngHeader } from './pngImage';
import { teamsAppText } from './teamsAppText';
import { colorIcon, outlineIcon, teamsIconSizes, warmlineAccent } from './teamsIcons';
import type { ZipEntry } from './zipArchive';

/** The manifest schema the package follows. */
export const teamsManifestVersion = '1.19';
const manifestSchema = `https://developer.microsoft.com/json-schemas/teams/v${teamsManifestVersion}/MicrosoftTeams.schema.json`;
const localizationSchema = `https://developer.microsoft.com/json-schemas/teams/v${teamsManifestVersion}/MicrosoftTeams.Localization.schema.json`;

/** What the package is built from (`MicrosoftAppId`, `PUBLIC_URL` and the `TEAMS_*` settings). */
export interface TeamsPackageSettings {
  /** The Azure Bot's Microsoft App ID (`MicrosoftAppId`): the manifest's `bots[0].botId`. */
  readonly botAppId: string;
  /** The Teams app's own id (`TEAMS_APP_ID`); the bot's app id when not set. */
  readonly appId?: string;
  /** The package's version (`TEAMS_APP_VERSION`), raised on every upload; Warmline's version when not set. */
  readonly version: string;
  /** `TEAMS_DEVELOPER_NAME`, default "Warmline". */
  readonly developerName?: string;
  /** `TEAMS_WEBSITE_URL`, default `PUBLIC_URL`. */
  readonly websiteUrl?: string;
  /** `TEAMS_PRIVACY_URL`, default the website. */
  readonly privacyUrl?: string;
  /** `TEAMS_TERMS_URL`, default the website. */
  readonly termsOfUseUrl?: string;
  /** `TEAMS_VALID_DOMAINS` (comma-separated); the host of `PUBLIC_URL` when not set and it is https. */
  readonly validDomains?: readonly string[];
  /** `PUBLIC_URL` (or its default). */
  readonly publicUrl: string;
}

/** A package that cannot be built or is not valid; `problems` lists every reason. */
export class TeamsPackageError extends Error {
  readonly code = 'WL_TEAMS_PACKAGE_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package cannot be built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

/** The languages besides English that the package carries, and the file each is in. */
const localizations: readonly { readonly locale: SupportedLocale; readonly tag: string; readonly file: string }[] = [{ locale: 'zh-CN', tag: 'zh-cn', file: 'zh-cn.json' }];

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** A host name, or `*.` and a host name with at least two labels. */
const domain = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/i;

/** The files of the package, in the order they are zipped; throws {@link TeamsPackageError} on bad settings. */
export function teamsPackageFiles(settings: TeamsPackageSettings): ZipEntry[] {
  const { manifest, problems } = buildManifest(settings);
  if (problems.length > 0) throw new TeamsPackageError(problems);
  const files: ZipEntry[] = [
    { name: 'manifest.json', data: json(manifest) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
    ...localizations.map((l) => ({ name: l.file, data: json(localizationFile(l.locale)) })),
  ];
  const invalid = checkTeamsPackage(files);
  if (invalid.length > 0) throw new TeamsPackageError(invalid);
  return files;
}

function buildManifest(settings: TeamsPackageSettings): { manifest: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  const botId = settings.botAppId.trim();
  if (!botId) problems.push('MicrosoftAppId is not set: the package needs the Azure Bot\'s Microsoft App ID (Azure portal → your Azure Bot → Configuration)');
  else if (!guid.test(botId)) problems.push(`MicrosoftAppId "${botId}" is not an app id (a GUID such as 6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f)`);
  const appId = settings.appId?.trim() || botId;
  if (settings.appId?.trim() && !guid.test(appId)) problems.push(`TEAMS_APP_ID "${appId}" is not a GUID`);
  if (!semver.test(settings.version)) problems.push(`TEAMS_APP_VERSION "${settings.version}" is not a version Teams accepts (three numbers, such as 1.0.3)`);
  const developerName = settings.developerName?.trim() || 'Warmline';
  if (developerName.length > 32) problems.push(`TEAMS_DEVELOPER_NAME is ${developerName.length} characters; Teams allows 32`);
  // Privacy and terms default to the website, so a bad website is reported once, not three times.
  const websiteUrl = checkUrl(settings.websiteUrl?.trim() ? 'TEAMS_WEBSITE_URL' : 'TEAMS_WEBSITE_URL (unset, so PUBLIC_URL)', settings.websiteUrl?.trim() || settings.publicUrl, problems);
  const privacy = settings.privacyUrl?.trim();
  const terms = settings.termsOfUseUrl?.trim();
  const urls = {
    websiteUrl,
    privacyUrl: privacy ? checkUrl('TEAMS_PRIVACY_URL', privacy, problems) : websiteUrl,
    termsOfUseUrl: terms ? checkUrl('TEAMS_TERMS_URL', terms, problems) : websiteUrl,
  };
  const domains = settings.validDomains ?? defaultDomains(settings.publicUrl);
  for (const d of domains) {
    if (!domain.test(d)) problems.push(`TEAMS_VALID_DOMAINS: "${d}" is not a domain (such as warmline.example.com or *.example.com, no https://)`);
  }
  const en = teamsAppText['en-US'];
  const manifest = {
    $schema: manifestSchema,
    manifestVersion: teamsManifestVersion,
    version: settings.version,
    id: appId,
    developer: { name: developerName, ...urls },
    name: { short: en.shortName, full: en.fullName },
    description: { short: en.shortDescription, full: en.fullDescription },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: warmlineAccent,
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: localizations.map((l) => ({ languageTag: l.tag, file: l.file })) },
    bots: [
      {
        botId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        // Agents work with the bot one to one; customers do not need commands.
        commandLists: [{ scopes: ['personal'], commands: agentCommandNames.map((name) => ({ title: `/${name}`, description: agentCardText['en-US'].commands[name].does })) }],
      },
    ],
    validDomains: [...domains],
  };
  return { manifest, problems };
}

/** The zh-CN (or other) wording of the manifest, as Teams' localization file. */
function localizationFile(locale: SupportedLocale): Record<string, string> {
  const t = teamsAppText[locale];
  const file: Record<string, string> = {
    $schema: localizationSchema,
    'name.short': t.shortName,
    'name.full': t.fullName,
    'description.short': t.shortDescription,
    'description.full': t.fullDescription,
  };
  agentCommandNames.forEach((name, i) => {
    file[`bots[0].commandLists[0].commands[${i}].title`] = `/${name}`;
    file[`bots[0].commandLists[0].commands[${i}].description`] = agentCardText[locale].commands[name].does;
  });
  return file;
}

function checkUrl(setting: string, value: string, problems: string[]): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:') problems.push(`${setting}: "${value}" must be an https:// URL that people can open (Teams shows it on the app's page)`);
  return value;
}

function defaultDomains(publicUrl: string): string[] {
  try {
    const url = new URL(publicUrl);
    return url.protocol === 'https:' && url.hostname !== 'localhost' ? [url.host] : [];
  } catch {
    return [];
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/**
 * Checks a package's files as Teams would before accepting it: the manifest's required fields and
 * their limits, the id a GUID, the version three numbers, every file it names present, the icons
 * real PNGs of the right size (read from their headers) and each localization file's wording within
 * the same limits. Returns every problem; an empty list means valid.
 */
export function checkTeamsPackage(files: readonly ZipEntry[]): string[] {
  const problems: string[] = [];
  const byName = new Map(files.map((f) => [f.name, f.data]));
  const manifestData = byName.get('manifest.json');
  if (!manifestData) return ['manifest.json is missing'];
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(Buffer.from(manifestData).toString('utf8')) as Record<string, unknown>;
  } catch (err) {
    return [`manifest.json is not JSON: ${(err as Error).message}`];
  }
  const at = (path: string): unknown => path.split('.').reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), manifest);
  const text = (path: string, max: number): void => {
    const v = at(path);
    if (typeof v !== 'string' || v.trim() === '') problems.push(`manifest.json: ${path} is required`);
    else if (v.length > max) problems.push(`manifest.json: ${path} is ${v.length} characters; at most ${max}`);
  };
  if (at('manifestVersion') !== teamsManifestVersion) problems.push(`manifest.json: manifestVersion must be "${teamsManifestVersion}"`);
  if (typeof at('id') !== 'string' || !guid.test(at('id') as string)) problems.push('manifest.json: id must be a GUID');
  if (typeof at('version') !== 'string' || !semver.test(at('version') as string)) problems.push('manifest.json: version must be three numbers, such as 1.0.3');
  text('developer.name', 32);
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    const v = at(`developer.${key}`);
    if (typeof v !== 'string' || !v.startsWith('https://')) problems.push(`manifest.json: developer.${key} must be an https:// URL`);
  }
  text('name.short', 30);
  text('name.full', 100);
  text('description.short', 80);
  text('description.full', 4000);
  if (typeof at('accentColor') !== 'string' || !/^#[0-9a-f]{6}$/i.test(at('accentColor') as string)) problems.push('manifest.json: accentColor must be a colour such as #2E7D6B');
  for (const [kind, size] of Object.entries(teamsIconSizes)) {
    const name = at(`icons.${kind}`);
    const data = typeof name === 'string' ? byName.get(name) : undefined;
    if (!data) {
      problems.push(`icons.${kind}: ${typeof name === 'string' ? `${name} is not in the package` : 'is required'}`);
      continue;
    }
    try {
      const png = readPngHeader(data);
      if (png.width !== size || png.height !== size) problems.push(`${String(name)} is ${png.width}×${png.height}; Teams needs ${size}×${size}`);
      if (kind === 'outline' && png.colourType !== 6) problems.push(`${String(name)} must have transparency (RGBA) for its transparent background`);
    } catch (err) {
      problems.push(`${String(name)}: ${(err as Error).message}`);
    }
  }
  problems.push(...checkBots(at('bots')));
  const info = at('localizationInfo') as { additionalLanguages?: { languageTag?: unknown; file?: unknown }[] } | undefined;
  for (const language of info?.additionalLanguages ?? []) {
    const data = typeof language.file === 'string' ? byName.get(language.file) : undefined;
    if (!data) {
      problems.push(`localizationInfo: the file for ${String(language.languageTag)} (${String(language.file)}) is not in the package`);
      continue;
    }
    problems.push(...checkLocalization(String(language.file), data));
  }
  return problems;
}

function checkBots(bots: unknown): string[] {
  if (!Array.isArray(bots) || bots.length !== 1) return ['manifest.json: bots must hold exactly one bot'];
  const bot = bots[0] as { botId?: unknown; scopes?: unknown; commandLists?: { commands?: { title?: unknown; description?: unknown }[] }[] };
  const problems: string[] = [];
  if (typeof bot.botId !== 'string' || !guid.test(bot.botId)) problems.push('manifest.json: bots[0].botId must be the bot\'s Microsoft App ID (a GUID)');
  const scopes = Array.isArray(bot.scopes) ? bot.scopes : [];
  if (scopes.length === 0 || scopes.some((s) => !['personal', 'team', 'groupChat'].includes(s as string))) problems.push('manifest.json: bots[0].scopes must be personal, team and/or groupChat');
  for (const list of bot.commandLists ?? []) {
    const commands = list.commands ?? [];
    if (commands.length > 10) problems.push(`manifest.json: a command list holds at most 10 commands, not ${commands.length}`);
    for (const c of commands) {
      if (typeof c.title !== 'string' || c.title.length === 0 || c.title.length > 32) problems.push(`manifest.json: command title "${String(c.title)}" must be 1–32 characters`);
      if (typeof c.description !== 'string' || c.description.length === 0 || c.description.length > 128) problems.push(`manifest.json: the description of ${String(c.title)} must be 1–128 characters`);
    }
  }
  return problems;
}

function checkLocalization(file: string, data: Uint8Array): string[] {
  let values: Record<string, unknown>;
  try {
    values = JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>;
  } catch (err) {
    return [`${file} is not JSON: ${(err as Error).message}`];
  }
  const limits: Record<string, number> = { 'name.short': 30, 'name.full': 100, 'description.short': 80, 'description.full': 4000 };
  const problems: string[] = [];
  for (const [key, max] of Object.entries(limits)) {
    const v = values[key];
    if (typeof v !== 'string' || v.trim() === '') problems.push(`${file}: ${key} is required`);
    else if (v.length > max) problems.push(`${file}: ${key} is ${v.length} characters; at most ${max}`);
  }
  for (const [key, v] of Object.entries(values)) {
    if (/\.commands\[\d+]\.description$/.test(key) && (typeof v !== 'string' || v.length > 128)) problems.push(`${file}: ${key} must be at most 128 characters`);
  }
  return problems;
}
