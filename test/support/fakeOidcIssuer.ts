/**
 * A small OpenID provider on loopback for single sign-on tests, shaped like Entra ID's v2.0 endpoint:
 * discovery, JWKS, an authorize endpoint that "signs in" whoever the test says (no page: it sends the
 * browser straight back with a code), and a token endpoint that checks the client secret, the
 * redirect URI and the PKCE verifier, and returns an ID token signed (RS256, jose) with the nonce.
 * A test can have the next ID token tampered with, to see it refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

/** Who signs in at the fake provider: Entra-style claims. */
export interface FakeOidcUser {
  readonly oid: string;
  readonly preferred_username?: string;
  readonly groups?: readonly string[];
}

/** How the next ID token is spoiled. */
export type IdTokenTamper = 'signature' | 'nonce' | 'audience';

/** A running fake provider. */
export interface FakeOidcIssuer {
  /** The issuer URL (`OIDC_ISSUER_URL`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who the next authorize request signs in. */
  signInAs(user: FakeOidcUser): void;
  /** Spoils the next ID token the token endpoint returns. */
  tamperNext(how: IdTokenTamper): void;
  /** How many codes were exchanged for tokens. */
  readonly exchanges: number;
  stop(): Promise<void>;
}

interface Grant {
  readonly user: FakeOidcUser;
  readonly nonce: string;
  readonly challenge: string;
  readonly redirectUri: string;
}

/** Starts a fake provider on 127.0.0.1 with a fresh signing key. */
export async function startFakeOidcIssuer(clientId = 'warmline-test-client', clientSecret = 'warmline-test-secret'): Promise<FakeOidcIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomBytes(6).toString('hex');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  let user: FakeOidcUser | undefined;
  let tamper: IdTokenTamper | undefined;
  let exchanges = 0;
  let issuer = '';

  const idToken = async (grant: Grant): Promise<string> => {
    const how = tamper;
    tamper = undefined;
    const claims = { ...grant.user, nonce: how === 'nonce' ? 'another-nonce' : grant.nonce, tid: 'fake-tenant' };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience(how === 'audience' ? 'someone-else' : clientId)
      .setSubject(`pairwise-${grant.user.oid}`)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    if (how !== 'signature') return token;
    // Same header and signature, different claims (a higher role): the signature no longer fits.
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), groups: ['forged-admins'] };
    return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', issuer);
    const path = url.pathname.slice(new URL(issuer).pathname.length);
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/keys`,
        response_types_supported: ['code'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    }
    if (req.method === 'GET' && path === '/keys') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && path === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('nonce') || !user) {
        return json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('base64url');
      grants.set(code, { user, nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge') ?? '', redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { Location: back.href });
      res.end();
      return;
    }
    if (req.method === 'POST' && path === '/token') {
      const form = new URLSearchParams(await bodyOf(req));
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
      if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
      const grant = grants.get(form.get('code') ?? '');
      grants.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      exchanges += 1;
      return json(res, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 3600, id_token: await idToken(grant) });
    }
    json(res, 404, { error: 'not_found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'server_error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fake-tenant/v2.0`;
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (next) => {
      user = next;
    },
    tamperNext: (how) => {
      tamper = how;
    },
    get exchanges() {
      return exchanges;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  // Not chained: restify, loaded in the same process, replaces writeHead with one that returns nothing.
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
