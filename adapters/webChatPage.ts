/**
 * Serves the local Web Chat page (web/) and Bot Framework Web Chat's bundle from the installed
 * `botframework-webchat` package (no CDN), plus `POST /api/webchat/token` that hands the page a
 * Direct Line token bound to the user id the person picked. A roster agent's user id is handed out
 * only to that agent: signed in with their own account (the studio session, with its CSRF token),
 * on a developer's machine, or (deprecated) with the shared agent access code.
 *
 * The page resumes its conversation after a reload: each token comes with a resume key (an HMAC of
 * the conversation and user id), which only this endpoint makes and only the page it answered
 * holds; given back with the same user id, it gets a token for that conversation instead of a new
 * one. `POST /api/webchat/handoff` tells the page, with the same key, whether a person is on the way
 * or with the customer, so "Start a new chat" can ask first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import type restify from 'restify';
import type { Logger } from 'pino';
import { sameSecret } from './accessCode';
import { sendError } from './httpServer';
import type { DirectLineTokenSource } from './directLineTokenSource';
import { LogThrottle } from './logThrottle';
import { newNonce, securityHeaders } from './securityHeaders';
import { fromThisMachine } from './localCallers';

/** Options for {@link registerWebChatPage}. */
export interface WebChatPageOptions {
  /** Folder with index.html, app.js and app.css. */
  readonly webRoot: string;
  /** Token issuer; undefined when no Direct Line is configured (the page then says so). */
  readonly tokens: DirectLineTokenSource | undefined;
  readonly logger: Logger;
  /**
   * Who may chat as an agent from this page. A user id of the roster is a claim to be an agent, so it
   * needs that agent's signed-in account, or the (deprecated) access code, unless `openToAgents`
   * (local development only) and the browser is on this machine: a colleague on the network who
   * opens the page with an agent's user id is refused.
   */
  readonly agents?: {
    /** The roster agent id behind a user id, or undefined for a customer's. */
    readonly agentIdOf: (userId: string) => string | undefined;
    /** The roster agent id the request's signed-in account is (agent or supervisor role), if any. */
    readonly accountAgentOf?: (req: restify.Request) => Promise<string | undefined>;
    /** The shared agent access code (deprecated: agents sign in with their accounts). */
    readonly accessCode: string | undefined;
    readonly openToAgents: boolean;
    /** Records the conversation a token was issued to as the agent's, which is what makes its sender an agent. */
    readonly sessions: { open(conversationId: string, userId: string, agentId: string, provenBy: AgentProof): Promise<void> };
  };
  /** Signs resume keys (the Direct Line secret will do: a key is derived from it for this purpose only). Without it, a reload starts a new chat. */
  readonly resumeSecret?: string;
  /** Whether a person is on the way (`waiting`) or with the customer of a conversation (`assigned`). */
  readonly handoffOf?: (conversationId: string) => Promise<'waiting' | 'assigned' | undefined>;
}

/** What the page gives back to resume its conversation, or to ask about it. */
interface ResumeClaim {
  readonly conversationId: string;
  readonly key: string;
}

/** How an agent proved who they are to the token endpoint. */
export type AgentProof = 'account' | 'access-code' | 'local-development';

/** A user id the page may ask for: what Direct Line and Teams ids look like, nothing that could inject. */
const userIdPattern = /^[A-Za-z0-9_.@:-]{1,64}$/;

interface StaticFile {
  readonly file: string;
  readonly type: string;
  readonly cache: string;
  /** An HTML page: served with a fresh style nonce in place of {@link noncePlaceholder} and in its policy. */
  readonly page?: boolean;
}

/** Where index.html wants the response's nonce (on the script that hands it to Web Chat). */
const noncePlaceholder = '__CSP_NONCE__';

/** Registers the page, its assets and the token endpoint. */
export function registerWebChatPage(server: restify.Server, options: WebChatPageOptions): void {
  const log = options.logger.child({ area: 'webchat-page' });
  const refusals = new LogThrottle(log);
  const webChatBundle = path.join(packageRoot('botframework-webchat'), 'dist', 'webchat.js');
  const files: Record<string, StaticFile> = {
    '/': { file: path.join(options.webRoot, 'index.html'), type: 'text/html; charset=utf-8', cache: 'no-store', page: true },
    '/app.js': { file: path.join(options.webRoot, 'app.js'), type: 'text/javascript; charset=utf-8', cache: 'no-cache' },
    '/app.css': { file: path.join(options.webRoot, 'app.css'), type: 'text/css; charset=utf-8', cache: 'no-cache' },
    '/webchat/webchat.js': { file: webChatBundle, type: 'text/javascript; charset=utf-8', cache: 'public, max-age=86400' },
  };
  const contents = new Map<string, Promise<Buffer>>();

  for (const [route, entry] of Object.entries(files)) {
    server.get(route, async (_req: restify.Request, res: restify.Response) => {
      let body = contents.get(entry.file);
      if (!body) {
        body = readFile(entry.file);
        contents.set(entry.file, body);
        body.catch(() => contents.delete(entry.file));
      }
      try {
        const nonce = entry.page ? newNonce() : undefined;
        const stored = await body;
        const data = nonce ? Buffer.from(stored.toString('utf8').replaceAll(noncePlaceholder, nonce)) : stored;
        const headers = securityHeaders(nonce ? { nonce, ...(options.tokens ? { directLine: options.tokens.domain } : {}) } : {});
        res.writeHead(200, { 'Content-Type': entry.type, 'Content-Length': data.length, 'Cache-Control': entry.cache, ...headers });
        res.end(data);
      } catch (err) {
        log.error({ err, file: entry.file }, 'page asset missing');
        sendError(res, 500, 'AssetMissing', 'This page is not installed correctly (a file is missing).');
      }
    });
  }

  const resumeKeys = options.resumeSecret ? new ResumeKeys(options.resumeSecret) : undefined;

  server.post('/api/webchat/handoff', async (req: restify.Request, res: restify.Response) => {
    const body: unknown = req.body ?? {};
    const userId = typeof body === 'object' && body !== null ? (body as { userId?: unknown }).userId : undefined;
    const claim = readResumeClaim(body);
    if (typeof userId !== 'string' || !userIdPattern.test(userId) || !claim) {
      sendError(res, 400, 'InvalidHandoffQuery', 'Send {"userId": "...", "conversationId": "...", "key": "..."} as the token endpoint gave them.');
      return;
    }
    if (!resumeKeys?.matches(claim, userId)) {
      sendError(res, 403, 'ResumeKeyInvalid', 'This conversation was not given to this user by this page.');
      return;
    }
    try {
      res.send(200, { withPerson: (await options.handoffOf?.(claim.conversationId)) ?? null });
    } catch (err) {
      log.error({ err }, 'could not read the handoff of a conversation');
      sendError(res, 503, 'HandoffUnavailable', 'Could not check the conversation right now.');
    }
  });

  let codeWarned = false;
  server.post('/api/webchat/token', async (req: restify.Request, res: restify.Response) => {
    if (!options.tokens) {
      sendError(res, 503, 'DirectLineNotConfigured', 'No Direct Line is configured: enable the local one (DIRECTLINE_ENABLED) or set DIRECTLINE_ENDPOINT and DIRECTLINE_SECRET.');
      return;
    }
    const body: unknown = req.body ?? {};
    const userId = typeof body === 'object' && body !== null ? (body as { userId?: unknown }).userId : undefined;
    if (userId !== undefined && (typeof userId !== 'string' || !userIdPattern.test(userId))) {
      sendError(res, 400, 'InvalidUserId', 'userId must be 1 to 64 letters, digits or _ . @ : -');
      return;
    }
    const agentId = typeof userId === 'string' ? options.agents?.agentIdOf(userId) : undefined;
    let proof: AgentProof | undefined;
    if (agentId !== undefined && options.agents) {
      proof = await agentProof(options.agents, agentId, req, (body as { agentCode?: unknown }).agentCode);
      if (!proof) {
        refusals.warn({ userId }, 'refused an agent user id without that agent’s account');
        sendError(res, 403, 'AgentSignInRequired', 'This user id belongs to an agent. Sign in with your agent account at /studio/ in this browser, then start the chat again.');
        return;
      }
      if (proof === 'access-code' && !codeWarned) {
        codeWarned = true;
        log.warn('AGENT_ACCESS_CODE is deprecated: give each agent an account (role agent, named like their roster id) and unset AGENT_ACCESS_CODE');
      }
    }
    const resume = typeof body === 'object' && body !== null && 'resume' in body ? (body as { resume?: unknown }).resume : undefined;
    const claim = resume === undefined || resume === null ? undefined : readResumeClaim(resume);
    if (resume !== undefined && resume !== null && !claim) {
      sendError(res, 400, 'InvalidResume', 'resume must be {"conversationId": "...", "key": "..."} as an earlier answer gave them.');
      return;
    }
    const id = userId ?? `dl_${randomBytes(6).toString('hex')}`;
    try {
      // Only the page that was given the conversation for this user id holds the key: a stale or
      // foreign conversation id gets a new conversation, never someone else's.
      const proven = claim !== undefined && typeof userId === 'string' && resumeKeys?.matches(claim, userId) === true;
      if (claim && !proven) log.debug('resume key did not match: starting a new conversation');
      const resumed = proven && options.tokens.resumeToken ? await options.tokens.resumeToken(claim.conversationId, id) : undefined;
      const token = resumed ?? (await options.tokens.generateToken({ id }));
      if (agentId !== undefined && options.agents && proof) {
        // The token's conversation is the agent's; nobody else's conversation is, whatever user id it claims.
        await options.agents.sessions.open(token.conversationId, id, agentId, proof);
      }
      res.send(200, {
        token: token.token,
        conversationId: token.conversationId,
        expiresIn: token.expires_in,
        userId: id,
        domain: options.tokens.domain,
        resumed: resumed !== undefined,
        ...(resumeKeys ? { resumeKey: resumeKeys.keyFor(token.conversationId, id) } : {}),
      });
    } catch (err) {
      log.error({ err }, 'could not issue a Direct Line token');
      sendError(res, 502, 'DirectLineUnavailable', 'Could not start a chat right now. Please try again in a moment.');
    }
  });
}

/** Makes and checks resume keys: HMAC-SHA256 of the conversation and user id, with a key derived for this use only. */
class ResumeKeys {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('warmline/webchat/resume/v1').digest();
  }

  keyFor(conversationId: string, userId: string): string {
    return createHmac('sha256', this.key).update(`${conversationId}\n${userId}`).digest('base64url');
  }

  matches(claim: ResumeClaim, userId: string): boolean {
    return sameSecret(claim.key, this.keyFor(claim.conversationId, userId));
  }
}

/** `{ conversationId, key }` of plain strings of a sane length, or undefined. */
function readResumeClaim(value: unknown): ResumeClaim | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { conversationId, key } = value as { conversationId?: unknown; key?: unknown };
  if (typeof conversationId !== 'string' || !/^[A-Za-z0-9_.:|-]{1,128}$/.test(conversationId)) return undefined;
  if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(key)) return undefined;
  return { conversationId, key };
}

/** How the request proves it is agent `agentId`, or undefined when it does not. */
async function agentProof(agents: NonNullable<WebChatPageOptions['agents']>, agentId: string, req: restify.Request, code: unknown): Promise<AgentProof | undefined> {
  if (agents.accountAgentOf && (await agents.accountAgentOf(req)) === agentId) return 'account';
  if (agents.accessCode) return typeof code === 'string' && sameSecret(code, agents.accessCode) ? 'access-code' : undefined;
  return agents.openToAgents && fromThisMachine({ remoteAddress: req.socket?.remoteAddress, headers: req.headers }) ? 'local-development' : undefined;
}

/** The folder of an installed package (its `exports` may hide package.json, so walk up from main). */
function packageRoot(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
}
