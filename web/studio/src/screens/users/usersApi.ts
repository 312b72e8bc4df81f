/** The Accounts screen's calls: users (admins) and the signed-in user's API tokens. */
import type { SignedIn } from '../../api';
import { call } from '../../../../shared/apiCall';

export type { Outcome } from '../../../../shared/apiCall';

/** An account as the server lists it. */
export interface UserRow {
  readonly name: string;
  readonly role: string;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Signs in with Microsoft Entra ID only: no password to reset. */
  readonly sso?: true;
}

/** An API token as the server lists it (never the token). */
export interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
}

/** Every role, most trusted first (as the server has them). */
export const allRoles = ['admin', 'editor', 'supervisor', 'agent', 'viewer'] as const;

export const usersApi = {
  list: (s: SignedIn) => call<{ users: UserRow[] }>(s, 'GET', '/api/users'),
  add: (s: SignedIn, user: { name: string; role: string; password: string }) => call<{ user: UserRow }>(s, 'POST', '/api/users', user),
  change: (s: SignedIn, name: string, change: { role?: string; disabled?: boolean }) => call<{ user: UserRow }>(s, 'PATCH', `/api/users/${encodeURIComponent(name)}`, change),
  resetPassword: (s: SignedIn, name: string, password: string) => call<{ user: UserRow }>(s, 'POST', `/api/users/${encodeURIComponent(name)}/password`, { password }),
};

export const tokensApi = {
  list: (s: SignedIn) => call<{ tokens: TokenRow[] }>(s, 'GET', '/api/auth/tokens'),
  create: (s: SignedIn, name: string, expiresInDays?: number) => call<TokenRow & { token: string }>(s, 'POST', '/api/auth/tokens', { name, ...(expiresInDays ? { expiresInDays } : {}) }),
  revoke: (s: SignedIn, id: string) => call<unknown>(s, 'DELETE', `/api/auth/tokens/${encodeURIComponent(id)}`),
};
