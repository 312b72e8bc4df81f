/**
 * `npm run teams:package [-- --out <file>]`: builds the Teams app package (manifest, zh-CN wording,
 * icons) from the server's settings (.env and the environment) into `dist/teams/warmline-teams.zip`,
 * ready to upload in Teams (Apps → Manage your apps → Upload an app), the Teams admin center or the
 * Developer Portal. Bad settings are listed all at once; nothing is written then.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, appRoot, loadConfig } from '../config';
import { TeamsPackageError, teamsManifestVersion, teamsPackageFiles } from '../adapters/teams/teamsManifest';
import { zipArchive } from '../adapters/teams/zipArchive';
import type { OutputIo } from './contentOutput';
import { runAsProgram } from './contentStore';

/** Exit codes of `npm run teams:package` (also in the README). */
export const teamsPackageExitCodes = {
  done: 0,
  /** The package could not be written (folder not writable, disk full). */
  failed: 1,
  /** Bad arguments or settings. */
  usage: 2,
} as const;

/** Where the package goes unless `--out` says otherwise (relative to the working directory). */
export const defaultPackagePath = path.join('dist', 'teams', 'warmline-teams.zip');

const usage = `Usage: npm run teams:package [-- --out <file.zip>]

Builds the Teams app package (manifest ${teamsManifestVersion}, zh-CN wording, color.png 192×192, outline.png 32×32)
from the settings (.env, environment): MicrosoftAppId (required), PUBLIC_URL, and optionally TEAMS_APP_ID,
TEAMS_APP_VERSION, TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL,
TEAMS_VALID_DOMAINS (see .env.example). Default output: ${defaultPackagePath}.
Exit codes: 0 written, 1 could not write, 2 bad arguments or settings.`;

/** Runs the tool; resolves with the process exit code ({@link teamsPackageExitCodes}). */
export async function runTeamsPackage(argv: readonly string[], io: OutputIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let out: string;
  try {
    const { values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    if (values.help) {
      io.out(usage);
      return teamsPackageExitCodes.done;
    }
    out = values.out ?? defaultPackagePath;
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`);
    return teamsPackageExitCodes.usage;
  }
  let zip: Buffer;
  let files: readonly string[];
  try {
    const config = loadConfig(env);
    const t = config.teamsApp;
    const entries = teamsPackageFiles({
      botAppId: config.bot.appId,
      ...(t.appId ? { appId: t.appId } : {}),
      version: t.version ?? warmlineVersion(),
      ...(t.developerName ? { developerName: t.developerName } : {}),
      ...(t.websiteUrl ? { websiteUrl: t.websiteUrl } : {}),
      ...(t.privacyUrl ? { privacyUrl: t.privacyUrl } : {}),
      ...(t.termsOfUseUrl ? { termsOfUseUrl: t.termsOfUseUrl } : {}),
      ...(t.validDomains ? { validDomains: t.validDomains.split(',').map((d) => d.trim()).filter((d) => d) } : {}),
      publicUrl: config.publicUrl,
    });
    zip = zipArchive(entries);
    files = entries.map((e) => e.name);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TeamsPackageError) {
      io.err(`${err.message}\nSee .env.example for every setting; nothing was written.`);
      return teamsPackageExitCodes.usage;
    }
    io.err(`Could not build the package: ${(err as Error).message}`);
    return teamsPackageExitCodes.failed;
  }
  try {
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, zip);
  } catch (err) {
    io.err(`Cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return teamsPackageExitCodes.failed;
  }
  io.out(`Wrote ${out} (${zip.length} bytes): ${files.join(', ')}.`);
  io.out('Upload it in Teams (Apps → Manage your apps → Upload an app), the Teams admin center or the Developer Portal.');
  return teamsPackageExitCodes.done;
}

/** Warmline's own version, from package.json. */
function warmlineVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

if (require.main === module) {
  void runAsProgram((argv, io) => runTeamsPackage(argv, io));
}
