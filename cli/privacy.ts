/**
 * `npm run privacy -- export|forget <customer id>`: answers a customer's privacy request (GDPR,
 * PIPL) over the store the server uses (the same settings: .env and the environment; SQLite by
 * default, Redis when REDIS_URL is set). See docs/PRIVACY.md.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import type { WarmlineConfig } from '../config';
import { loadCustomerProfiles } from '../customers/yamlCustomerProfiles';
import { loadAgentRoster } from '../handoff/agentRosterLoader';
import { loadRouting } from '../handoff/routingLoader';
import { silentLogger } from '../logger';
import { findCustomerData, isEmpty } from '../privacy/customerData';
import type { FindOptions } from '../privacy/customerData';
import { eraseCustomerData } from '../privacy/customerErasure';
import { exportDocument } from '../privacy/customerExport';
import { resolveCustomer } from '../privacy/customerIdentity';
import type { CustomerDirectory, CustomerIdentity } from '../privacy/customerIdentity';
import { openStorageBackend } from '../storage/storageBackend';
import type { StorageBackend } from '../storage/storageBackend';
import { openAnalyticsStore } from '../analytics/openAnalyticsStore';
import type { AnalyticsStore } from '../analytics/analyticsStore';
import { customerRef } from '../privacy/customerRef';
import { stopQuietlyOnClosedPipe } from './closedPipe';

/** Where the tool writes; tests pass their own. */
export interface PrivacyIo {
  out(text: string): void;
  err(line: string): void;
}

/** Exit codes of `npm run privacy` (also in docs/PRIVACY.md). */
export const privacyExitCodes = {
  done: 0,
  /** The work failed part-way (a store error); the message says what. Running it again is safe. */
  failed: 1,
  /** Bad arguments: unknown command, no customer id, an unknown option. */
  usage: 2,
  /** The store cannot be opened or reached. */
  storeUnavailable: 3,
  /** The settings, the customers file or the roster are not valid (or STORAGE=memory). */
  configuration: 4,
  /** Erased, but a search afterwards still found data written meanwhile: run forget again. */
  incomplete: 5,
} as const;

const usage = `Usage:
  npm run privacy -- export <customer id> [--out <file>] [--user <channel user id>]...
  npm run privacy -- forget <customer id> [--user <channel user id>]...

<customer id> is a customer id from the customers file, any of their user_ids or their Entra object
id, or a bare channel user id. --user adds ids the customers file does not list (e.g. from a CRM).
export prints the customer's data as JSON (or writes it to --out); forget erases it everywhere.
Uses the server's settings (.env, environment): SQLite by default, Redis when REDIS_URL is set.
Exit codes: 0 done, 1 failed part-way, 2 usage, 3 store unreachable, 4 settings invalid, 5 incomplete.`;

class UsageError extends Error {}

/** A problem with the settings or content files. */
class SetupError extends Error {}

interface Request {
  readonly command: 'export' | 'forget';
  readonly customer: string;
  readonly out?: string;
  readonly users: readonly string[];
}

/** Runs the tool; resolves with the process exit code ({@link privacyExitCodes}). */
export async function runPrivacy(argv: readonly string[], io: PrivacyIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let request: Request;
  try {
    const parsed = readRequest(argv);
    if (parsed === 'help') {
      io.out(`${usage}\n`);
      return privacyExitCodes.done;
    }
    request = parsed;
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`);
    return privacyExitCodes.usage;
  }
  let setup: { config: WarmlineConfig; who: CustomerIdentity; options: FindOptions };
  try {
    setup = prepare(request, env);
  } catch (err) {
    io.err(err instanceof ConfigError ? `${err.message}\nSee .env.example for every setting.` : (err as Error).message);
    return err instanceof UsageError ? privacyExitCodes.usage : privacyExitCodes.configuration;
  }
  let backend: StorageBackend;
  try {
    backend = await openStorageBackend(setup.config.storage, silentLogger());
  } catch (err) {
    io.err(`Cannot open the store: ${(err as Error).message}`);
    return privacyExitCodes.storeUnavailable;
  }
  let analytics: AnalyticsStore;
  try {
    analytics = await openAnalyticsStore({ ...setup.config.analytics, storage: setup.config.storage });
  } catch (err) {
    await backend.close();
    io.err(`Cannot open the analytics database: ${(err as Error).message}`);
    return privacyExitCodes.storeUnavailable;
  }
  try {
    return await carryOut(request, setup, { records: backend.storage, transcripts: backend.transcripts }, analytics, io);
  } catch (err) {
    io.err(`${request.command} stopped part-way: ${(err as Error).message}. Nothing is lost by running it again.`);
    return privacyExitCodes.failed;
  } finally {
    await analytics.close();
    await backend.close();
  }
}

/** The one-way references the analytics events know this customer by (their user ids, and their customer id for purchases). */
function analyticsRefs(who: CustomerIdentity): string[] {
  return [...who.userIds.map(customerRef), ...(who.customerId ? [customerRef(`customer:${who.customerId}`)] : [])];
}

function readRequest(argv: readonly string[]): Request | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { out: { type: 'string' }, user: { type: 'string', multiple: true }, help: { type: 'boolean', default: false } } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, customer, ...extra] = positionals;
  if (command === undefined) throw new UsageError('A command is required: export or forget.');
  if (command !== 'export' && command !== 'forget') throw new UsageError(`Unknown command "${command}": use export or forget.`);
  if (customer === undefined || customer.trim() === '') throw new UsageError(`${command} needs a customer id.`);
  if (extra.length > 0) throw new UsageError(`One customer at a time: unexpected "${extra.join(' ')}".`);
  if (values.out !== undefined && command !== 'export') throw new UsageError('--out goes with export only.');
  if (values.out === '') throw new UsageError('--out needs a file name.');
  return { command, customer, ...(values.out !== undefined ? { out: values.out } : {}), users: values.user ?? [] };
}

/** Settings, who the customer is, and the agents' user ids (for what agents said to them). */
function prepare(request: Request, env: NodeJS.ProcessEnv): { config: WarmlineConfig; who: CustomerIdentity; options: FindOptions } {
  const config = loadConfig(env);
  if (config.storage.kind === 'memory') throw new SetupError('STORAGE=memory keeps nothing outside the server process: there is nothing to export or erase.');
  const directory: CustomerDirectory | undefined = config.crm ? undefined : loadCustomerProfiles(config.handoff.customersFile);
  let who: CustomerIdentity;
  try {
    who = resolveCustomer(request.customer, directory, request.users);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const routing = loadRouting(config.handoff.routingFile);
  const roster = loadAgentRoster(config.handoff.agentsFile, routing.queues.map((q) => q.id));
  const agentUserIds = (agentId: string): readonly string[] => roster.agents.find((a) => a.id === agentId)?.userIds ?? [];
  return { config, who, options: { agentUserIds } };
}

async function carryOut(request: Request, setup: { config: WarmlineConfig; who: CustomerIdentity; options: FindOptions }, stores: Parameters<typeof findCustomerData>[0], analytics: AnalyticsStore, io: PrivacyIo): Promise<number> {
  const { who, options, config } = setup;
  const data = await findCustomerData(stores, who, options);
  const names = `${who.requested} (user ids: ${who.userIds.join(', ') || 'none'}${who.aadObjectIds.length > 0 ? `; Entra ids: ${who.aadObjectIds.join(', ')}` : ''})`;
  if (request.command === 'export') {
    const json = `${JSON.stringify(exportDocument(data, new Date()), null, 2)}\n`;
    if (request.out) {
      // Personal data: readable by its owner only.
      writeFileSync(request.out, json, { mode: 0o600 });
      io.err(`Wrote the data of ${names} to ${path.resolve(request.out)}.`);
    } else io.out(json);
    if (isEmpty(data)) io.err(`Nothing found for ${names}.`);
    return privacyExitCodes.done;
  }
  const report = await eraseCustomerData(stores, data, options);
  // Analytics events: their conversations' events go whole (masked, but still about them).
  let analyticsEvents = 0;
  for (const ref of analyticsRefs(who)) analyticsEvents += await analytics.forget(ref);
  const { remaining, ...kept } = report;
  const erased = { ...kept, analyticsEvents };
  io.out(`${JSON.stringify({ customer: who.requested, userIds: who.userIds, aadObjectIds: who.aadObjectIds, erased, remaining })}\n`);
  const what = `${report.records} records, ${report.sharedRecords} shared records trimmed, ${report.conversations} conversation transcripts, ${report.activities} activities in agents' conversations`;
  io.err(`Erased ${names}: ${what}.`);
  if (who.profile && !config.crm && existsSync(config.handoff.customersFile)) {
    io.err(`Their profile is in ${config.handoff.customersFile}; Warmline does not edit that file: remove it there.`);
  }
  if (remaining > 0) {
    io.err(`${remaining} records or conversations of theirs were written while erasing; run forget again.`);
    return privacyExitCodes.incomplete;
  }
  return privacyExitCodes.done;
}

/** Runs the tool as a program: reads `.env` if present, like the server. */
async function main(): Promise<void> {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  stopQuietlyOnClosedPipe();
  process.exitCode = await runPrivacy(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (line) => process.stderr.write(`${line}\n`) });
}

if (require.main === module) {
  void main();
}
