/**
 * How the admin tools (`npm run flows`, `npm run content`) reach the store the server uses: the same
 * settings (.env and the environment; SQLite by default, Redis when REDIS_URL is set), opened for one
 * command and closed after it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import type { WarmlineConfig } from '../config';
import { silentLogger } from '../logger';
import { ContentVersions } from '../publishing/contentVersions';
import { openStorageBackend } from '../storage/storageBackend';
import type { StorageBackend } from '../storage/storageBackend';
import { stopQuietlyOnClosedPipe } from './closedPipe';
import type { OutputIo } from './contentOutput';

/** The exit codes a tool gives when the settings are not valid, or the store cannot be reached. */
export interface StoreExitCodes {
  readonly configuration: number;
  readonly storeUnavailable: number;
}

/** Opens the server's store, runs `work` on it with the settings, and closes it; a store that cannot be opened is told and given its exit code. */
export async function withStore(env: NodeJS.ProcessEnv, io: OutputIo, codes: StoreExitCodes, work: (versions: ContentVersions, config: WarmlineConfig) => Promise<number>): Promise<number> {
  return withBackend(env, io, codes, (backend, config) => work(new ContentVersions(backend.storage), config));
}

/** {@link withStore} for tools that use the store itself rather than the published content (`npm run users`). */
export async function withBackend(env: NodeJS.ProcessEnv, io: OutputIo, codes: StoreExitCodes, work: (backend: StorageBackend, config: WarmlineConfig) => Promise<number>): Promise<number> {
  let backend: StorageBackend;
  let config: WarmlineConfig;
  try {
    config = loadConfig(env);
    if (config.storage.kind === 'memory') {
      io.err('STORAGE=memory keeps nothing outside the server process: there is nowhere to publish to. Use SQLite or Redis.');
      return codes.configuration;
    }
    backend = await openStorageBackend(config.storage, silentLogger());
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\nSee .env.example for every setting.`);
      return codes.configuration;
    }
    io.err(`Cannot open the store: ${(err as Error).message}`);
    return codes.storeUnavailable;
  }
  try {
    return await work(backend, config);
  } finally {
    await backend.close();
  }
}

/**
 * The request `read` makes of the arguments, or the exit code when there is nothing more to do: the
 * usage was asked for (`help`), or the arguments are wrong (told with the usage).
 */
export function requestOrExit<T>(read: () => T | 'help', usage: string, io: OutputIo, codes: { readonly done: number; readonly usage: number }): { readonly request: T } | { readonly exit: number } {
  let request: T | 'help';
  try {
    request = read();
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`);
    return { exit: codes.usage };
  }
  if (request !== 'help') return { request };
  io.out(usage);
  return { exit: codes.done };
}

/** `1 problem`, `2 problems`. */
export function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** What an admin is told when a command stopped part-way on an unexpected error. */
export function stoppedMessage(err: unknown): string {
  return `Stopped: ${(err as Error).message ?? String(err)}. Each change is one atomic write, so nothing is half-done; running it again is safe.`;
}

/** Runs an admin tool as a program: reads `.env` if present, like the server, and exits with the tool's code. */
export async function runAsProgram(run: (argv: readonly string[], io: OutputIo) => Promise<number>): Promise<void> {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  stopQuietlyOnClosedPipe();
  process.exitCode = await run(process.argv.slice(2), { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) });
}
