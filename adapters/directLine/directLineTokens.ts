/**
 * Direct Line tokens: short-lived credentials bound to one conversation (and usually one user),
 * signed with the Direct Line secret. They are compact JWTs (HS256) because Web Chat and
 * botframework-directlinejs read the `user` claim from the token to know who "me" is. Each carries
 * its conversation's token generation (`gen`); a refresh starts a new one, which retires the older
 * tokens of that conversation (see {@link assertTokenCurrent}).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DirectLineError } from './directLineErrors';
import type { WireAccount } from './wireActivity';

/** What a valid token says. Times are seconds since the epoch. */
export interface TokenClaims {
  readonly conversationId: string;
  readonly user?: WireAccount;
  /** The conversation's token generation when the token was issued (0 for tokens from before refreshes). */
  readonly generation: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** A freshly signed token. */
export interface IssuedToken {
  readonly token: string;
  /** Seconds until it expires (Direct Line's `expires_in`). */
  readonly expiresIn: number;
  readonly claims: TokenClaims;
}

/** Who is calling: the holder of the secret (may do anything) or of a token (one conversation). */
export type DirectLineCaller =
  | { readonly kind: 'secret' }
  | { readonly kind: 'token'; readonly token: string; readonly claims: TokenClaims };

const issuer = 'warmline-local-directline';
const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const payloadSchema = z.object({
  iss: z.literal(issuer),
  conv: z.string().min(1),
  user: z.string().min(1).optional(),
  name: z.string().optional(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
  gen: z.number().int().min(0).optional(),
});

/** Issues and checks Direct Line tokens, and tells the secret from a token in `Authorization`. */
export class DirectLineTokens {
  private readonly signingKey: Buffer;
  private readonly secretDigest: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {
    // A key derived for this one purpose, so a token signature never doubles as anything else.
    this.signingKey = createHmac('sha256', secret).update('warmline/directline/token/v1').digest();
    this.secretDigest = digest(secret);
  }

  /** Signs a token for `conversationId` in token generation `generation`, valid for the configured lifetime. */
  issue(conversationId: string, user?: WireAccount, generation = 0): IssuedToken {
    const iat = this.seconds();
    const exp = iat + this.ttlSeconds;
    const payload = {
      iss: issuer,
      conv: conversationId,
      ...(user ? { user: user.id, ...(user.name ? { name: user.name } : {}) } : {}),
      iat,
      exp,
      jti: randomBytes(9).toString('base64url'),
      gen: generation,
    };
    const body = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const claims: TokenClaims = { conversationId, ...(user ? { user: toAccount(user) } : {}), generation, issuedAt: iat, expiresAt: exp };
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds, claims };
  }

  /** The claims of a token this endpoint signed and that has not expired; throws a 403 error otherwise. */
  verify(token: string): TokenClaims {
    const parts = token.split('.');
    const [head, payloadPart, signature] = parts;
    if (parts.length !== 3 || head !== header || !payloadPart || !signature) throw new DirectLineError('WL_DL_TOKEN_INVALID');
    const expected = Buffer.from(this.sign(`${head}.${payloadPart}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DirectLineError('WL_DL_TOKEN_INVALID');
    const parsed = payloadSchema.safeParse(decodeJson(payloadPart));
    if (!parsed.success) throw new DirectLineError('WL_DL_TOKEN_INVALID');
    const p = parsed.data;
    if (p.exp <= this.seconds()) throw new DirectLineError('WL_DL_TOKEN_EXPIRED');
    const user = p.user === undefined ? undefined : toAccount({ id: p.user, ...(p.name ? { name: p.name } : {}) });
    return { conversationId: p.conv, ...(user ? { user } : {}), generation: p.gen ?? 0, issuedAt: p.iat, expiresAt: p.exp };
  }

  /** Seconds until a verified token expires. */
  expiresIn(claims: TokenClaims): number {
    return Math.max(0, claims.expiresAt - this.seconds());
  }

  /** True when `value` is the Direct Line secret (compared in constant time). */
  isSecret(value: string): boolean {
    return timingSafeEqual(digest(value), this.secretDigest);
  }

  /** Reads an `Authorization: Bearer ...` header; throws 401 when absent and 403 when not valid. */
  authenticate(authorization: string | undefined): DirectLineCaller {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const credential = match?.[1];
    if (!credential) throw new DirectLineError('WL_DL_AUTH_MISSING');
    return this.authenticateCredential(credential);
  }

  /** Like {@link authenticate} for a bare secret or token (the `t` query value of a stream URL). */
  authenticateCredential(credential: string): DirectLineCaller {
    if (this.isSecret(credential)) return { kind: 'secret' };
    return { kind: 'token', token: credential, claims: this.verify(credential) };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.signingKey).update(body).digest('base64url');
  }

  private seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

/** Throws 403 unless the caller may act on `conversationId` (the secret may act on any). */
export function assertConversationAccess(caller: DirectLineCaller, conversationId: string): void {
  if (caller.kind === 'token' && caller.claims.conversationId !== conversationId) {
    throw new DirectLineError('WL_DL_WRONG_CONVERSATION');
  }
}

/**
 * Throws 403 `WL_DL_TOKEN_REPLACED` when the caller's token is from an earlier token generation
 * than the conversation's, i.e. it (or a token issued alongside it) has been refreshed since.
 */
export function assertTokenCurrent(caller: DirectLineCaller, conversation: { readonly tokenGeneration: number }): void {
  if (caller.kind === 'token' && caller.claims.generation < conversation.tokenGeneration) {
    throw new DirectLineError('WL_DL_TOKEN_REPLACED');
  }
}

function toAccount(user: WireAccount): WireAccount {
  return { id: user.id, ...(user.name ? { name: user.name } : {}), role: 'user' };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
