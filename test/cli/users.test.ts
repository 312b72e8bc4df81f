import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccountAudit } from '../../accounts/accountAudit';
import type { AccountAuditEntry } from '../../accounts/accountAudit';
import { ApiTokens } from '../../accounts/apiTokens';
import { verifyPassword } from '../../accounts/passwordHash';
import { UserAccounts } from '../../accounts/userAccounts';
import type { PasswordInput } from '../../cli/users';
import { runUsers, usersExitCodes } from '../../cli/users';
import { loadConfig } from '../../config';
import { silentLogger } from '../../logger';
import { openStorageBackend } from '../../storage/storageBackend';

const root = path.resolve(__dirname, '..', '..');

/** Stdin as a pipe carrying `text`, or a terminal where a person types `typed` (one answer per prompt). */
function stdin(options: { text?: string; typed?: string[] }): PasswordInput & { prompts: string[] } {
  const prompts: string[] = [];
  const typed = [...(options.typed ?? [])];
  return {
    prompts,
    isTTY: options.typed !== undefined,
    readAll: async () => options.text ?? '',
    promptHidden: async (question) => {
      prompts.push(question);
      return typed.shift() ?? '';
    },
  };
}

describe('npm run users', () => {
  let dir: string;
  let env: Record<string, string>;

  async function users(input: PasswordInput, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runUsers(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env, input);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  /** What a server on the same settings finds stored for `name`. */
  async function stored(name: string): ReturnType<UserAccounts['find']> {
    const backend = await openStorageBackend(loadConfig(env).storage, silentLogger());
    try {
      return await new UserAccounts(backend.storage).find(name);
    } finally {
      await backend.close();
    }
  }

  /** What a server on the same settings does with `token`, and the audit log it finds. */
  async function inStore<T>(work: (tokens: ApiTokens, audit: AccountAudit) => Promise<T>): Promise<T> {
    const backend = await openStorageBackend(loadConfig(env).storage, silentLogger());
    try {
      return await work(new ApiTokens(backend.storage, new UserAccounts(backend.storage)), new AccountAudit(backend.storage));
    } finally {
      await backend.close();
    }
  }
  const audited = (): Promise<AccountAuditEntry[]> => inStore((_t, audit) => audit.list());

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-users-'));
    env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the first admin with the password from stdin, and lists users without hashes', async () => {
    const added = await users(stdin({ text: 'correct horse battery\n' }), 'add', 'Alice', '--role', 'admin', '--password-stdin');
    expect(added).to.deep.equal({ code: 0, out: 'Added alice (admin).', err: '' });
    expect(await verifyPassword('correct horse battery', (await stored('alice'))!.password!)).to.equal(true);
    await users(stdin({ text: 'another good password' }), 'add', 'bob', '--role', 'viewer', '--password-stdin');
    const listed = await users(stdin({}), 'list');
    expect(listed.code).to.equal(0);
    expect(listed.out.split('\n').map((l) => l.split(/\s+/).slice(0, 3).join(' '))).to.deep.equal(['NAME ROLE STATUS', 'alice admin active', 'bob viewer active']);
  });

  it('asks twice at a terminal, and changes nothing when the two differ', async () => {
    const terminal = stdin({ typed: ['correct horse battery', 'correct horse battery'] });
    expect((await users(terminal, 'add', 'alice', '--role', 'editor')).code).to.equal(0);
    expect(terminal.prompts).to.deep.equal(['New password: ', 'Same password again: ']);
    const differ = await users(stdin({ typed: ['a brand new password', 'a brand new passw0rd'] }), 'reset-password', 'alice');
    expect([differ.code, differ.err]).to.deep.equal([usersExitCodes.failed, 'The two passwords differ; nothing was changed.']);
    expect(await verifyPassword('correct horse battery', (await stored('alice'))!.password!)).to.equal(true);
  });

  it('refuses to prompt when stdin is not a terminal (exit 2) and never takes a password from the command line', async () => {
    const piped = await users(stdin({ text: 'correct horse battery' }), 'add', 'alice', '--role', 'admin');
    expect([piped.code, piped.err]).to.deep.equal([usersExitCodes.usage, 'stdin is not a terminal, so the password cannot be asked for. Pipe it in with --password-stdin.']);
    expect((await users(stdin({}), 'add', 'alice', '--role', 'admin', '--password', 'correct horse battery')).code).to.equal(usersExitCodes.usage);
    expect(await stored('alice')).to.equal(undefined);
  });

  it('refuses weak passwords, bad names and roles, and a taken name, with exit 1 and the reason', async () => {
    const cases: Array<[string[], string, string]> = [
      [['add', 'alice', '--role', 'admin', '--password-stdin'], 'short\n', 'The password must be at least 12 characters long (it has 5).'],
      [['add', 'alice', '--role', 'admin', '--password-stdin'], 'alice-wonderland\n', 'The password must not contain the user name.'],
      [['add', 'alice', '--role', 'root', '--password-stdin'], 'correct horse battery\n', '"root" is not a role: use one of admin, editor, supervisor, agent, viewer.'],
      [['add', 'a', '--role', 'admin', '--password-stdin'], 'correct horse battery\n', '"a" is not a user name: use 2 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter.'],
      [['add', 'alice', '--role', 'admin', '--password-stdin'], 'two\nlines of password\n', '--password-stdin takes one line: the password.'],
    ];
    for (const [argv, text, message] of cases) expect(await users(stdin({ text }), ...argv), argv.join(' ')).to.deep.equal({ code: usersExitCodes.failed, out: '', err: message });
    expect((await users(stdin({ text: 'correct horse battery' }), 'add', 'alice', '--role', 'admin', '--password-stdin')).code).to.equal(0);
    const taken = await users(stdin({ text: 'another good password' }), 'add', 'alice', '--role', 'viewer', '--password-stdin');
    expect([taken.code, taken.err]).to.deep.equal([1, 'There is already a user "alice".']);
  });

  it('disables, enables, resets a password and sets a role; an unknown user is exit 1', async () => {
    await users(stdin({ text: 'correct horse battery' }), 'add', 'alice', '--role', 'editor', '--password-stdin');
    expect(await users(stdin({}), 'disable', 'alice')).to.deep.equal({ code: 0, out: 'Disabled alice; their sessions have ended.', err: '' });
    expect((await stored('alice'))?.disabled).to.equal(true);
    expect((await users(stdin({}), 'list')).out).to.match(/alice\s+editor\s+disabled/);
    expect((await users(stdin({}), 'enable', 'alice')).out).to.equal('Enabled alice.');
    expect((await stored('alice'))?.disabled).to.equal(false);
    const reset = await users(stdin({ text: 'a brand new password\n' }), 'reset-password', 'alice', '--password-stdin');
    expect([reset.code, reset.out]).to.deep.equal([0, 'Set a new password for alice; their sessions have ended.']);
    expect(await verifyPassword('a brand new password', (await stored('alice'))!.password!)).to.equal(true);
    expect((await users(stdin({}), 'set-role', 'alice', 'supervisor')).out).to.equal('alice is now supervisor.');
    expect((await stored('alice'))?.role).to.equal('supervisor');
    for (const argv of [['disable', 'nobody'], ['set-role', 'nobody', 'admin'], ['reset-password', 'nobody', '--password-stdin']]) {
      expect(await users(stdin({ text: 'correct horse battery' }), ...argv)).to.deep.equal({ code: 1, out: '', err: 'There is no user "nobody".' });
    }
  });

  it('makes an API token (printed once, alone on stdout), lists it without the token, and revokes it', async () => {
    await users(stdin({ text: 'correct horse battery' }), 'add', 'wall', '--role', 'agent', '--password-stdin');
    const made = await users(stdin({}), 'token', 'add', 'wall', '--label', 'wallboard', '--days', '90', '--by', 'ada');
    expect(made.code).to.equal(0);
    expect(made.out).to.match(/^wlt_[A-Za-z0-9_-]{43}$/);
    expect(made.err).to.match(/^Made API token [0-9a-f]{12} "wallboard" for wall, valid until .+\. Copy it now: it is not shown again\.$/);
    expect(await inStore((tokens) => tokens.resolve(made.out))).to.include({ user: 'wall', role: 'agent' });
    const listed = await users(stdin({}), 'token', 'list', 'wall');
    const id = /token ([0-9a-f]{12})/.exec(made.err)?.[1] ?? '';
    expect(listed.out.split('\n')[0]).to.match(/^ID\s+NAME\s+CREATED\s+LAST USED\s+EXPIRES$/);
    expect(listed.out.split('\n')[1]).to.match(new RegExp(`^${id}\\s+wallboard\\s+\\S+\\s+\\S+\\s+\\S+$`));
    expect(listed.out).not.to.contain(made.out);
    expect(await users(stdin({}), 'token', 'revoke', 'wall', id)).to.deep.equal({ code: 0, out: `Revoked API token ${id} "wallboard" of wall.`, err: '' });
    expect(await inStore((tokens) => tokens.resolve(made.out))).to.equal(undefined);
    expect((await users(stdin({}), 'token', 'list', 'wall')).out).to.equal('wall has no API tokens: npm run users -- token add wall --label <what it is for>');
    expect(await users(stdin({}), 'token', 'revoke', 'wall', id)).to.deep.equal({ code: 1, out: '', err: `wall has no API token "${id}".` });
    expect((await users(stdin({}), 'token', 'add', 'nobody')).code).to.equal(1);
    const entries = (await audited()).filter((e) => e.action.startsWith('token'));
    expect(entries.map((e) => [e.who, e.action, e.user, e.token?.name])).to.deep.equal([
      [entries[0]?.who, 'token-revoked', 'wall', 'wallboard'],
      ['ada', 'token-created', 'wall', 'wallboard'],
    ]);
    expect(entries[0]?.who).to.match(/^cli(:|$)/);
  });

  it('records every change in the audit log, as --by or the system user, never the password', async () => {
    await users(stdin({ text: 'correct horse battery' }), 'add', 'alice', '--role', 'admin', '--password-stdin', '--by', 'installer');
    await users(stdin({ text: 'correct horse battery' }), 'add', 'bob', '--role', 'viewer', '--password-stdin');
    await users(stdin({}), 'set-role', 'bob', 'editor', '--by', 'alice');
    await users(stdin({}), 'disable', 'bob', '--by', 'alice');
    await users(stdin({}), 'enable', 'bob', '--by', 'alice');
    await users(stdin({ text: 'a brand new password' }), 'reset-password', 'bob', '--password-stdin', '--by', 'alice');
    const entries = (await audited()).reverse();
    expect(entries.map((e) => [e.action, e.user])).to.deep.equal([
      ['user-added', 'alice'],
      ['user-added', 'bob'],
      ['role-changed', 'bob'],
      ['user-disabled', 'bob'],
      ['user-enabled', 'bob'],
      ['password-reset', 'bob'],
    ]);
    expect(entries[0]?.who).to.equal('installer');
    expect(entries[1]?.who).to.match(/^cli(:|$)/);
    expect(entries[2]).to.deep.include({ who: 'alice', before: { role: 'viewer' }, after: { role: 'editor' } });
    expect(JSON.stringify(entries)).not.to.contain('correct horse').and.not.to.contain('brand new');
    // The last enabled admin stays one.
    expect(await users(stdin({}), 'disable', 'alice')).to.deep.equal({ code: 1, out: '', err: 'alice is the only enabled admin; make another admin first, so that someone can still manage accounts.' });
  });

  it('answers bad arguments with the usage and exit 2', async () => {
    for (const argv of [
      ['frobnicate'], ['add', 'alice'], ['add', '--role', 'admin'], ['disable'], ['set-role', 'alice'], ['list', '--role', 'admin'], ['disable', 'alice', '--password-stdin'],
      ['token'], ['token', 'add'], ['token', 'mint', 'alice'], ['token', 'revoke', 'alice'], ['token', 'list', 'alice', '--label', 'x'], ['token', 'add', 'alice', '--days', 'soon'],
      ['token', 'add', 'alice', '--role', 'admin'], ['disable', 'alice', '--label', 'x'], ['list', '--by', ' '],
    ]) {
      const answer = await users(stdin({}), ...argv);
      expect(answer.code, argv.join(' ')).to.equal(usersExitCodes.usage);
      expect(answer.err, argv.join(' ')).to.contain('Usage:');
    }
    expect((await users(stdin({}), '--help')).code).to.equal(0);
  });

  it('fails with exit 1 on settings that have no store to write to', async () => {
    env = { STORAGE: 'memory' };
    expect((await users(stdin({}), 'list')).code).to.equal(usersExitCodes.failed);
  });

  it('runs as a program: npm run users reads the password from a pipe and exits with its code', () => {
    const run = (args: string[], input: string) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'users.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, input, encoding: 'utf8' });
    const added = run(['add', 'alice', '--role', 'admin', '--password-stdin'], 'correct horse battery\n');
    expect([added.status, added.stdout.trim()]).to.deep.equal([0, 'Added alice (admin).']);
    expect(added.stdout + added.stderr).not.to.contain('correct horse');
    const prompted = run(['add', 'bob', '--role', 'admin'], 'correct horse battery\n');
    expect(prompted.status).to.equal(2);
  });
});
