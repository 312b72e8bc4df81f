/**
 * Signing in to Warmline Studio: limits, the password check and the new session, as one decision. A
 * refusal never says whether the user exists: an unknown name costs the same hash as a wrong password.
 */
import { hashPassword, verifyPassword } from './passwordHash';
import type { PasswordHash, ScryptParameters } from './passwordHash';
import { addressSubject, nameSubject } from './signInLimiter';
import type { SignInLimiter } from './signInLimiter';
import type { NewSession, StudioSessions } from './studioSessions';
import type { UserAccounts } from './userAccounts';

/** What a sign-in attempt came to. */
export type SignInResult =
  | { readonly status: 'signedIn'; readonly session: NewSession }
  /** Unknown user or wrong password (the same answer for both). */
  | { readonly status: 'refused' }
  /** The right password for a disabled account. */
  | { readonly status: 'disabled'; readonly user: string }
  /** Too many recent failures for this name or address. */
  | { readonly status: 'limited'; readonly retryAfterSeconds: number };

/** Signs people in. */
export class SignIn {
  private dummy: Promise<PasswordHash> | undefined;

  constructor(
    private readonly accounts: UserAccounts,
    private readonly sessions: StudioSessions,
    private readonly limiter: SignInLimiter,
    /** The parameters the accounts hash with, so that an unknown name costs what a known one does. */
    private readonly scrypt?: ScryptParameters,
  ) {}

  /** Checks `password` for `username`, coming from `address`, and starts a session when it is right. */
  async attempt(username: string, password: string, address: string): Promise<SignInResult> {
    const name = username.trim().toLowerCase();
    const subjects = [nameSubject(name), addressSubject(address)];
    const wait = await this.limiter.retryAfterSeconds(subjects);
    if (wait > 0) return { status: 'limited', retryAfterSeconds: wait };
    const user = await this.accounts.find(name);
    // An unknown name is checked against a throwaway hash, so it takes as long as a wrong password.
    const right = await verifyPassword(password, user?.password ?? (await this.dummyHash()));
    if (!user || !right) {
      await this.limiter.recordFailure(subjects);
      return { status: 'refused' };
    }
    if (user.disabled) return { status: 'disabled', user: user.name };
    await this.limiter.clear(subjects[0] as string);
    return { status: 'signedIn', session: await this.sessions.create(user) };
  }

  private dummyHash(): Promise<PasswordHash> {
    this.dummy ??= hashPassword('not anyone’s password', this.scrypt);
    return this.dummy;
  }
}
