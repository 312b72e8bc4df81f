/**
 * `npm run users -- add|list|disable|enable|reset-password|set-role|token`: how an admin manages
 * Warmline Studio accounts and API tokens, over the store the server uses (the same settings: .env
 * and the environment; SQLite by default, Redis when REDIS_URL is set). The first admin is made this
 * way: there is never a default password. Passwords are read from a prompt that does not echo, or
 * from stdin with --password-stdin; never from the command line, where they would land in shell
 * history. Every change goes into the accounts' audit log, as `--by <name>` or `cli:<system user>`.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AccountAdmin } from '../accounts/accountAdmin';
import { AccountAudit } from '../accounts/accountAudit';
import { AccountError, accountErrorCodes } from '../accounts/accountErrors';
import { ApiTokens } from '../accounts/apiTokens';
import { roles } from '../accounts/roles';
import { UserAccounts } from '../accounts/userAccounts';
import type { User } from '../accounts/userAccounts';
import type { OutputIo } from './contentOutput';
import { requestOrExit, runAsProgram, withBackend } from './contentStore';
import { readTokenRequest, runTokenCommand, tokenUsage } from './userTokens';
import type { TokenRequest } from './userTokens';

/** Exit codes of `npm run users` (also in docs). */
export const usersExitCodes = {
  done: 0,
  /** Refused (bad name, role or password, no such user, name taken) or the store failed. */
  failed: 1,
  /** Bad arguments. */
  usage: 2,
} as const;

/** Where passwords come from; tests pass their own. */
export interface PasswordInput {
  /** True when stdin is a terminal a person types into. */
  readonly isTTY: boolean;
  /** All of stdin (for --password-stdin). */
  readAll(): Promise<string>;
  /** Asks for a line without echoing it (only called when isTTY). */
  promptHidden(question: string): Promise<string>;
}

const usage = `Usage:
  npm run users -- add <name> --role <role> [--password-stdin]
  npm run users -- list
  npm run users -- disable <name>
  npm run users -- enable <name>
  npm run users -- reset-password <name> [--password-stdin]
  npm run users -- set-role <name> <role>
${tokenUsage}

Roles: ${roles.join(', ')}. Passwords: at least 12 characters, not containing the user name; asked
for without echo, or read from stdin with --password-stdin (e.g. from a secrets manager).
Disabling a user or resetting a password ends their sessions; a disabled user's API tokens stop
working until they are enabled. token add prints the token once, alone on stdout.
Every change is in the audit log as --by <name> (default cli:<system user>). Uses the server's
settings (.env, environment): SQLite by default, Redis when REDIS_URL is set.
Exit codes: 0 done, 1 refused or failed, 2 usage.`;

class UsageError extends Error {}

type Request =
  | { readonly command: 'add'; readonly name: string; readonly role: string; readonly passwordStdin: boolean }
  | { readonly command: 'list' }
  | { readonly command: 'disable' | 'enable'; readonly name: string }
  | { readonly command: 'reset-password'; readonly name: string; readonly passwordStdin: boolean }
  | { readonly command: 'set-role'; readonly name: string; readonly role: string }
  | TokenRequest;

/** Runs the tool; resolves with the process exit code ({@link usersExitCodes}). */
export async function runUsers(argv: readonly string[], io: OutputIo, env: NodeJS.ProcessEnv = process.env, input: PasswordInput = processInput()): Promise<number> {
  const read = requestOrExit(() => readRequest(argv), usage, io, usersExitCodes);
  if ('exit' in read) return read.exit;
  const { request, by } = read.request;
  if ((request.command === 'add' || request.command === 'reset-password') && !request.passwordStdin && !input.isTTY) {
    io.err('stdin is not a terminal, so the password cannot be asked for. Pipe it in with --password-stdin.');
    return usersExitCodes.usage;
  }
  const codes = { configuration: usersExitCodes.failed, storeUnavailable: usersExitCodes.failed };
  return withBackend(env, io, codes, async (backend) => {
    const accounts = new UserAccounts(backend.storage);
    const admin = new AccountAdmin(accounts, new ApiTokens(backend.storage, accounts), new AccountAudit(backend.storage));
    try {
      switch (request.command) {
        case 'add': {
          const user = await admin.add(by, request.name, request.role, await password(request.passwordStdin, input));
          io.out(`Added ${user.name} (${user.role}).`);
          break;
        }
        case 'list':
          printUsers(await accounts.list(), io);
          break;
        case 'disable':
        case 'enable': {
          const user = await admin.setDisabled(by, request.name, request.command === 'disable');
          io.out(user.disabled ? `Disabled ${user.name}; their sessions have ended.` : `Enabled ${user.name}.`);
          break;
        }
        case 'reset-password': {
          if (!(await accounts.find(request.name))) throw new AccountError(accountErrorCodes.unknownUser, request.name, `There is no user "${request.name}".`);
          const user = await admin.resetPassword(by, request.name, await password(request.passwordStdin, input));
          io.out(`Set a new password for ${user.name}; their sessions have ended.`);
          break;
        }
        case 'set-role': {
          const user = await admin.setRole(by, request.name, request.role);
          io.out(`${user.name} is now ${user.role}.`);
          break;
        }
        default:
          await runTokenCommand(request, admin, by, io);
      }
      return usersExitCodes.done;
    } catch (err) {
      if (err instanceof AccountError || err instanceof PasswordInputError) {
        io.err(err.message);
        return usersExitCodes.failed;
      }
      io.err(`Stopped: ${(err as Error).message ?? String(err)}. Nothing was half-done; running it again is safe.`);
      return usersExitCodes.failed;
    }
  });
}

function readRequest(argv: readonly string[]): { request: Request; by: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        by: { type: 'string' },
        label: { type: 'string' },
        days: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === undefined || positionals[0] === 'help') return 'help';
  if (values.by !== undefined && values.by.trim() === '') throw new UsageError('--by names who makes the change, for the audit log.');
  return { request: commandOf(positionals, values), by: values.by?.trim() ?? cliUser() };
}

/** Who a change is logged as when --by is not given. */
function cliUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function commandOf(positionals: readonly string[], values: { role?: string; 'password-stdin': boolean; label?: string; days?: string }): Request {
  const [command, ...rest] = positionals;
  if (command === 'token') {
    if (values.role !== undefined || values['password-stdin']) throw new UsageError('token does not take --role or --password-stdin.');
    return readTokenRequest(rest, values, (message) => {
      throw new UsageError(message);
    });
  }
  if (values.label !== undefined || values.days !== undefined) throw new UsageError('--label and --days are for token add.');
  const expect = (count: number): string[] => {
    if (rest.length !== count) throw new UsageError(`${command} takes ${count === 1 ? 'a user name' : 'a user name and a role'}.`);
    return rest;
  };
  const only = (allowed: readonly string[]): void => {
    if (values.role !== undefined && !allowed.includes('role')) throw new UsageError(`${command} does not take --role.`);
    if (values['password-stdin'] && !allowed.includes('password-stdin')) throw new UsageError(`${command} does not take --password-stdin.`);
  };
  switch (command) {
    case 'add': {
      only(['role', 'password-stdin']);
      const [name] = expect(1);
      if (values.role === undefined) throw new UsageError(`add needs --role <role> (${roles.join(', ')}).`);
      return { command, name: name as string, role: values.role, passwordStdin: values['password-stdin'] };
    }
    case 'list':
      only([]);
      expect(0);
      return { command };
    case 'disable':
    case 'enable':
      only([]);
      return { command, name: expect(1)[0] as string };
    case 'reset-password':
      only(['password-stdin']);
      return { command, name: expect(1)[0] as string, passwordStdin: values['password-stdin'] };
    case 'set-role': {
      only([]);
      const [name, role] = expect(2);
      return { command, name: name as string, role: role as string };
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

class PasswordInputError extends Error {}

/** The new password: stdin's first line, or typed twice at a prompt. */
async function password(fromStdin: boolean, input: PasswordInput): Promise<string> {
  if (fromStdin) {
    const text = await input.readAll();
    const line = text.replace(/\r?\n$/, '');
    if (line.includes('\n')) throw new PasswordInputError('--password-stdin takes one line: the password.');
    return line;
  }
  const first = await input.promptHidden('New password: ');
  const again = await input.promptHidden('Same password again: ');
  if (first !== again) throw new PasswordInputError('The two passwords differ; nothing was changed.');
  return first;
}

function printUsers(users: readonly User[], io: OutputIo): void {
  if (users.length === 0) {
    io.out('No users yet: npm run users -- add <name> --role admin');
    return;
  }
  const width = Math.max(...users.map((u) => u.name.length), 4);
  io.out(`${'NAME'.padEnd(width)}  ${'ROLE'.padEnd(10)}  ${'STATUS'.padEnd(8)}  UPDATED`);
  for (const u of users) io.out(`${u.name.padEnd(width)}  ${u.role.padEnd(10)}  ${(u.disabled ? 'disabled' : 'active').padEnd(8)}  ${u.updatedAt}`);
}

/** Passwords from this process's stdin: a terminal prompt in raw mode (no echo), or all of a pipe. */
function processInput(): PasswordInput {
  const stdin = process.stdin;
  return {
    isTTY: stdin.isTTY === true,
    async readAll() {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
    promptHidden(question) {
      process.stderr.write(question);
      return new Promise<string>((resolve, reject) => {
        let value = '';
        const done = (error?: Error): void => {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          if (error) reject(error);
          else resolve(value);
        };
        const onData = (chunk: Buffer): void => {
          for (const ch of chunk.toString('utf8')) {
            if (ch === '\r' || ch === '\n') return done();
            if (ch === '\u0003' || ch === '\u0004') return done(new PasswordInputError('Cancelled; nothing was changed.'));
            if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
            else value += ch;
          }
        };
        stdin.setRawMode(true);
        stdin.resume();
        stdin.on('data', onData);
      });
    },
  };
}

if (require.main === module) void runAsProgram((argv, io) => runUsers(argv, io));
