/**
 * `npm run users -- token add|list|revoke`: per-user API tokens from the command line, for the
 * programs an admin sets up (a wallboard reading handoffs, a shop reporting purchases). The token
 * is printed once, alone on stdout so a script can capture it; the store keeps only its hash.
 */
import type { AccountAdmin } from '../accounts/accountAdmin';
import type { ApiTokenInfo } from '../accounts/apiTokens';
import type { OutputIo } from './contentOutput';

/** A token command, as read from the arguments. */
export type TokenRequest =
  | { readonly command: 'token-add'; readonly name: string; readonly label: string; readonly days?: number }
  | { readonly command: 'token-list'; readonly name: string }
  | { readonly command: 'token-revoke'; readonly name: string; readonly id: string };

/** The usage lines of the token commands. */
export const tokenUsage = `  npm run users -- token add <name> [--label <what it is for>] [--days <1-366>]
  npm run users -- token list <name>
  npm run users -- token revoke <name> <token id>`;

/**
 * Reads `token <sub> …` (`rest` is what follows `token`). `fail` reports a usage error (it throws).
 */
export function readTokenRequest(rest: readonly string[], values: { label?: string; days?: string }, fail: (message: string) => never): TokenRequest {
  const [sub, name, id, ...extra] = rest;
  if (name === undefined) fail('token takes add, list or revoke, and a user name.');
  if ((values.label !== undefined || values.days !== undefined) && sub !== 'add') fail(`token ${sub ?? ''} does not take --label or --days.`);
  switch (sub) {
    case 'add': {
      if (id !== undefined) fail('token add takes one user name.');
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && !Number.isInteger(days)) fail('--days is a whole number of days (1 to 366).');
      return { command: 'token-add', name, label: values.label ?? 'cli', ...(days !== undefined ? { days } : {}) };
    }
    case 'list':
      if (id !== undefined) fail('token list takes one user name.');
      return { command: 'token-list', name };
    case 'revoke':
      if (id === undefined || extra.length > 0) fail('token revoke takes a user name and a token id (from token list).');
      return { command: 'token-revoke', name, id };
    default:
      return fail(`Unknown token command "${sub ?? ''}": use add, list or revoke.`);
  }
}

/** Runs a token command as `by`. */
export async function runTokenCommand(request: TokenRequest, admin: AccountAdmin, by: string, io: OutputIo): Promise<void> {
  switch (request.command) {
    case 'token-add': {
      const made = await admin.createToken(by, request.name, request.label, request.days);
      io.err(`Made API token ${made.info.id} "${made.info.name}" for ${made.info.user}${made.info.expiresAt ? `, valid until ${made.info.expiresAt}` : ''}. Copy it now: it is not shown again.`);
      io.out(made.token);
      break;
    }
    case 'token-list':
      printTokens(request.name, await admin.tokens.list(request.name), io);
      break;
    case 'token-revoke': {
      const revoked = await admin.revokeToken(by, request.name, request.id);
      io.out(`Revoked API token ${revoked.id} "${revoked.name}" of ${revoked.user}.`);
      break;
    }
  }
}

function printTokens(user: string, tokens: readonly ApiTokenInfo[], io: OutputIo): void {
  if (tokens.length === 0) {
    io.out(`${user} has no API tokens: npm run users -- token add ${user} --label <what it is for>`);
    return;
  }
  const width = Math.max(...tokens.map((t) => [...t.name].length), 4);
  io.out(`${'ID'.padEnd(12)}  ${'NAME'.padEnd(width)}  ${'CREATED'.padEnd(24)}  ${'LAST USED'.padEnd(24)}  EXPIRES`);
  for (const t of tokens) io.out(`${t.id.padEnd(12)}  ${t.name.padEnd(width)}  ${t.createdAt.padEnd(24)}  ${(t.lastUsedAt ?? 'never').padEnd(24)}  ${t.expiresAt ?? 'never'}`);
}
