/**
 * Signing in to Warmline Studio with single sign-on (Microsoft Entra ID): who a verified ID token is
 * here, with which role, and the session. The identity provider decides the role: a roster agent
 * (`aad_object_id` = the token's `oid`) is an agent, and the token's `groups` may map higher
 * (`ENTRA_GROUP_ROLES`); without either the person is refused. The account is made on the first
 * sign-in, without a password, bound to that one identity, and its role follows the provider's.
 */
import type { AgentRoster } from '../handoff/routing';
import type { AccountAudit } from './accountAudit';
import { AccountError, accountErrorCodes } from './accountErrors';
import { roles } from './roles';
import type { Role } from './roles';
import type { NewSession, StudioSessions } from './studioSessions';
import { accountName } from './userAccounts';
import type { ExternalIdentity, UserAccounts, UserRecord } from './userAccounts';

/** The claims of a verified ID token that sign-in reads. */
export interface SsoClaims {
  readonly iss: string;
  readonly sub: string;
  /** Entra ID: the person's object id in the directory (the roster's `aad_object_id`). */
  readonly oid?: unknown;
  /** Entra ID: the object ids of the person's groups, when the app registration asks for them. */
  readonly groups?: unknown;
  readonly preferred_username?: unknown;
  readonly email?: unknown;
}

/** What decides roles: the group mapping and the roster in force. */
export interface SsoRules {
  /** Group object id (lower case) → role. */
  readonly groupRoles: Readonly<Record<string, Role>>;
  readonly roster: () => AgentRoster;
}

/** Who a token is here: the account name, its role, and the identity it is bound to. */
export interface SsoIdentity {
  readonly name: string;
  readonly role: Role;
  readonly external: ExternalIdentity;
}

/** What a single sign-on came to. */
export type SsoSignInResult =
  | { readonly status: 'signedIn'; readonly session: NewSession; readonly created: boolean }
  /** Neither a roster agent nor in a mapped group. */
  | { readonly status: 'noRole' }
  /** The account is disabled. */
  | { readonly status: 'disabled'; readonly user: string }
  /** The name belongs to a password account, or to another person's single sign-on account. */
  | { readonly status: 'conflict'; readonly user: string };

/** Who made the changes single sign-on makes, in the account audit. */
export const ssoAuditor = 'sso';

/** The account name and role `claims` give under `rules`, or undefined when they give no role. */
export function ssoIdentity(claims: SsoClaims, rules: SsoRules): SsoIdentity | undefined {
  const oid = typeof claims.oid === 'string' && claims.oid !== '' ? claims.oid.toLowerCase() : undefined;
  const agent = oid === undefined ? undefined : rules.roster().agents.find((a) => a.aadObjectId?.toLowerCase() === oid);
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === 'string') : [];
  const granted = [...groups.map((g) => rules.groupRoles[g.toLowerCase()]), agent ? 'agent' : undefined].filter((r): r is Role => r !== undefined);
  const role = roles.find((r) => granted.includes(r));
  if (role === undefined) return undefined;
  const subject = oid ?? claims.sub;
  return { name: (agent && validName(agent.id)) ?? nameFromClaims(claims, subject), role, external: { issuer: claims.iss, subject } };
}

/** Signs people in with verified ID token claims. */
export class SsoSignIn {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly sessions: StudioSessions,
    private readonly audit: AccountAudit,
    private readonly rules: SsoRules,
  ) {}

  /** The session for `claims` (already verified), making or updating the account; or why not. */
  async signIn(claims: SsoClaims): Promise<SsoSignInResult> {
    const identity = ssoIdentity(claims, this.rules);
    if (!identity) return { status: 'noRole' };
    const { name, role, external } = identity;
    let user = await this.accounts.find(name);
    let created = false;
    if (!user) {
      created = await this.accounts.addExternal(name, role, external).then(
        () => true,
        (error: unknown) => {
          // Made by a parallel sign-in (or by an admin) in the meantime: decided below like any other.
          if (error instanceof AccountError && error.code === accountErrorCodes.exists) return false;
          throw error;
        },
      );
      if (created) await this.audit.record({ action: 'user-added', who: ssoAuditor, user: name, after: { role } });
      user = await this.accounts.find(name);
    }
    if (!user || !sameIdentity(user, external)) return { status: 'conflict', user: name };
    if (user.disabled) return { status: 'disabled', user: name };
    if (user.role !== role) {
      await this.accounts.setRole(name, role);
      await this.audit.record({ action: 'role-changed', who: ssoAuditor, user: name, before: { role: user.role }, after: { role } });
      user = { ...user, role };
    }
    return { status: 'signedIn', session: await this.sessions.create(user), created };
  }
}

function sameIdentity(user: UserRecord, external: ExternalIdentity): boolean {
  return user.external !== undefined && user.external.issuer === external.issuer && user.external.subject === external.subject;
}

function validName(input: string): string | undefined {
  try {
    return accountName(input);
  } catch {
    return undefined;
  }
}

/** `ana.souza@contoso.com` → `ana.souza.contoso.com`; without a usable name, `sso-` and part of the subject. */
function nameFromClaims(claims: SsoClaims, subject: string): string {
  const given = [claims.preferred_username, claims.email].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const shaped = given
    ?.trim()
    .toLowerCase()
    .replace(/@/g, '.')
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 64);
  return (shaped && validName(shaped)) ?? `sso-${subject.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 20)}`;
}
