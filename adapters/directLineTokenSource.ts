/**
 * Where the Web Chat page gets its Direct Line token: the local endpoint in development, or Azure's
 * Direct Line channel (the usual token-server pattern: the secret stays on the server).
 */

/** A Direct Line token bound to one conversation and one user. */
export interface DirectLineToken {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
}

/** Issues Direct Line tokens for the Web Chat page. */
export interface DirectLineTokenSource {
  /** Base URL of the Direct Line 3.0 API the page should talk to. */
  readonly domain: string;
  generateToken(user: { id: string; name?: string }): Promise<DirectLineToken>;
  /**
   * A token for an existing conversation (the page resumes it after a reload), or undefined when the
   * service does not know it or (where it can tell) it is another user's. Without this method the
   * page always starts a new conversation. The caller has checked the page's proof that
   * `conversationId` was given to `userId`.
   */
  resumeToken?(conversationId: string, userId: string): Promise<DirectLineToken | undefined>;
}

/** Thrown when the Direct Line service refuses or cannot be reached. */
export class DirectLineTokenError extends Error {
  readonly code = 'WL_DIRECTLINE_TOKEN';
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'DirectLineTokenError';
  }
}

/** Tokens from a remote Direct Line 3.0 service (Azure's, or any compatible one) using a secret. */
export class RemoteDirectLineTokens implements DirectLineTokenSource {
  constructor(
    readonly domain: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
  ) {
    if (!/^https?:\/\//.test(domain)) throw new TypeError('RemoteDirectLineTokens: domain must be an http(s) URL');
    if (!secret) throw new TypeError('RemoteDirectLineTokens: a Direct Line secret is required');
  }

  async generateToken(user: { id: string; name?: string }): Promise<DirectLineToken> {
    let response: Response;
    try {
      response = await fetch(`${this.domain.replace(/\/+$/, '')}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: user.id, ...(user.name ? { name: user.name } : {}) } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new DirectLineTokenError(`Direct Line could not be reached: ${(err as Error).message}`);
    }
    if (!response.ok) throw new DirectLineTokenError(`Direct Line refused to issue a token (HTTP ${response.status})`, response.status);
    const body = (await response.json().catch(() => undefined)) as Partial<DirectLineToken> | undefined;
    if (!body || typeof body.token !== 'string' || typeof body.conversationId !== 'string') {
      throw new DirectLineTokenError('Direct Line answered without a token');
    }
    return { conversationId: body.conversationId, token: body.token, expires_in: Number(body.expires_in ?? 0) };
  }

  /**
   * Reconnects to a conversation with the secret (`GET /conversations/{id}`), which answers with a
   * token for it; undefined when the service no longer has it (404, 403). The service does not say
   * whose conversation it is, so the page's proof (checked by the caller) is what binds it to the user.
   */
  async resumeToken(conversationId: string): Promise<DirectLineToken | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.domain.replace(/\/+$/, '')}/conversations/${encodeURIComponent(conversationId)}`, {
        headers: { Authorization: `Bearer ${this.secret}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new DirectLineTokenError(`Direct Line could not be reached: ${(err as Error).message}`);
    }
    if (response.status === 404 || response.status === 403 || response.status === 400) return undefined;
    if (!response.ok) throw new DirectLineTokenError(`Direct Line refused to reconnect (HTTP ${response.status})`, response.status);
    const body = (await response.json().catch(() => undefined)) as Partial<DirectLineToken> | undefined;
    if (!body || typeof body.token !== 'string') throw new DirectLineTokenError('Direct Line answered without a token');
    return { conversationId, token: body.token, expires_in: Number(body.expires_in ?? 0) };
  }
}
