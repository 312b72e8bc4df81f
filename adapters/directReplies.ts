/**
 * Sends a bot's messages to the Bot Connector service without the Azure HTTP pipeline. Every reply
 * and proactive message goes through `ConnectorClient.conversations.replyToActivity` or
 * `sendToConversation`; in botbuilder 4.23 each call runs the generic @azure/core-client operation
 * machinery (request building, about ten pipeline policies, response deserialisation), which a
 * profile of a FAQ turn put at roughly a quarter of its CPU for its two replies. This module swaps
 * just those two methods, on a client the connector factory built, for a direct request that keeps
 * the wire contract:
 * - the body is the connector's own serialisation (its serializer and `Activity` mapper), byte for byte
 *   (`activityBody.ts`);
 * - the Authorization header comes from the client's own credentials (`signRequest`, which caches
 *   and refreshes its token), so authentication is the connector's;
 * - the URL, method and `x-ms-conversation-id` header are those of the operation specs;
 * - 2xx answers give the `ResourceResponse`; other answers throw with the status and the service's
 *   error code and message, as the connector's RestError does;
 * - transient failures are retried as the pipeline's default retry policy does (its network errors
 *   and two more, 408, 429 and 5xx but 501/505; at most three retries; exponential back-off;
 *   `Retry-After`).
 * Every other operation, and these two when called with options or a callback, stays on the
 * client. When an HTTP proxy is configured in the environment nothing is swapped, because the
 * pipeline's proxy support is kept only there.
 */
import http from 'node:http';
import https from 'node:https';
import type { ConnectorClient } from 'botframework-connector';
import { AzureCoreHttpCompat } from 'botbuilder-stdlib';
import type { ResourceResponse } from 'botbuilder';
import { activityBody } from './activityBody';

/** How requests are retried and timed out; tests shorten the waits. */
export interface DirectReplyOptions {
  /** Retries after the first attempt (default 3, as the connector's pipeline). */
  readonly maxRetries?: number;
  /** First back-off in ms, doubled each retry with jitter (default 1,000). */
  readonly retryDelayMs?: number;
  /** Longest back-off in ms, also the cap on a `Retry-After` (default 64,000). */
  readonly maxRetryDelayMs?: number;
  /** An attempt with no answer for this long fails and is retried (default 30,000 ms). */
  readonly timeoutMs?: number;
  /** The environment whose proxy settings are checked (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** A Bot Connector answer other than 2xx, or a request that never got one. */
export class ConnectorRequestError extends Error {
  override readonly name = 'ConnectorRequestError';
  constructor(
    message: string,
    /** HTTP status, when an answer came. */
    readonly statusCode?: number,
    /** The service's error code (`ErrorResponse.error.code`), or the network error's code. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const keepAlive = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const userAgent = `Microsoft-BotFramework/3.1 botframework-connector/4.23 warmline-direct-replies Node.js/${process.version}`;
/** Network errors worth another attempt: the pipeline's list, plus EPIPE (a keep-alive socket the connector had closed) and EAI_AGAIN (a passing DNS failure). */
const retriedNetworkCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/** Whether an HTTP proxy is configured, in which case the connector's own pipeline must send. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return proxyVariables.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * Makes `client` send replies and new messages directly (see the module comment); returns the same
 * client. Leaves it as it is when a proxy is configured, when the service URL is not http(s), or when
 * the client is not one it can drive (no signing credentials, e.g. a stand-in).
 */
export function withDirectReplies(client: ConnectorClient, serviceUrl: string, options: DirectReplyOptions = {}): ConnectorClient {
  if (proxyConfigured(options.env) || !drivable(client)) return client;
  let base: URL;
  try {
    base = new URL(serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
  } catch {
    return client;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return client;
  const sender = new DirectSender(client, base, options);
  const conversations = client.conversations;
  const reply = conversations.replyToActivity.bind(conversations) as (...args: unknown[]) => unknown;
  const send = conversations.sendToConversation.bind(conversations) as (...args: unknown[]) => unknown;
  Object.assign(conversations, {
    replyToActivity: (...args: unknown[]) => (args.length > 3 ? reply(...args) : sender.reply(args[0], args[1], args[2])),
    sendToConversation: (...args: unknown[]) => (args.length > 2 ? send(...args) : sender.send(args[0], args[1])),
  });
  return client;
}

function drivable(client: ConnectorClient): boolean {
  const candidate = client as Partial<ConnectorClient> | undefined;
  return (
    typeof candidate?.conversations?.replyToActivity === 'function' &&
    typeof candidate.conversations.sendToConversation === 'function' &&
    typeof (candidate.credentials as Partial<SigningCredentials> | undefined)?.signRequest === 'function'
  );
}

/** A required URL parameter, encoded as the connector encodes it. */
function pathPart(value: unknown, name: string): string {
  if (value === undefined || value === null) throw new TypeError(`${name} cannot be null or undefined.`);
  return encodeURIComponent(String(value));
}

/** The credentials part of a ConnectorClient: `signRequest` adds the Authorization header. */
interface SigningCredentials {
  signRequest(resource: { url: string; method: string; headers: InstanceType<typeof AzureCoreHttpCompat.HttpHeaders> }): Promise<unknown>;
}

class DirectSender {
  private readonly credentials: SigningCredentials;
  private readonly maxRetries: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    client: ConnectorClient,
    private readonly base: URL,
    options: DirectReplyOptions,
  ) {
    this.credentials = client.credentials as unknown as SigningCredentials;
    this.maxRetries = options.maxRetries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 64_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** `Conversations.replyToActivity`: POST v3/conversations/{conversationId}/activities/{activityId}. */
  async reply(conversationId: unknown, activityId: unknown, activity: unknown): Promise<ResourceResponse> {
    const path = `v3/conversations/${pathPart(conversationId, 'conversationId')}/activities/${pathPart(activityId, 'activityId')}`;
    return this.post(path, activity, { 'x-ms-conversation-id': String(conversationId) });
  }

  /** `Conversations.sendToConversation`: POST v3/conversations/{conversationId}/activities. */
  async send(conversationId: unknown, activity: unknown): Promise<ResourceResponse> {
    return this.post(`v3/conversations/${pathPart(conversationId, 'conversationId')}/activities`, activity, {});
  }

  /** Posts one activity; resolves with the service's ResourceResponse. */
  private async post(path: string, activity: unknown, extraHeaders: Record<string, string>): Promise<ResourceResponse> {
    if (activity === undefined || activity === null) throw new TypeError('activity cannot be null or undefined.');
    const url = new URL(path, this.base);
    const body = activityBody(activity);
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt >= this.maxRetries;
      let answer: Awaited<ReturnType<DirectSender['attempt']>>;
      try {
        answer = await this.attempt(url, body, extraHeaders);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (last || !code || !retriedNetworkCodes.has(code)) throw err;
        await pause(Math.min(this.maxRetryDelayMs, this.backoff(attempt)));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return parsed(answer.text);
      if (last || !retriedStatus(answer.status)) throw serviceError(answer.status, answer.text);
      await pause(Math.min(this.maxRetryDelayMs, retryAfterMs(answer.retryAfter) ?? this.backoff(attempt)));
    }
  }

  /** Exponential back-off with jitter (80–120 %), as the pipeline's. */
  private backoff(attempt: number): number {
    return this.retryDelayMs * 2 ** attempt * (0.8 + Math.random() * 0.4);
  }

  private async attempt(url: URL, body: string, extraHeaders: Record<string, string>): Promise<{ status: number; text: string; retryAfter?: string }> {
    const headers = new AzureCoreHttpCompat.HttpHeaders();
    await this.credentials.signRequest({ url: url.href, method: 'POST', headers });
    const sent: Record<string, string> = {
      ...headers.rawHeaders(),
      ...extraHeaders,
      accept: 'application/json',
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': userAgent,
    };
    const secure = url.protocol === 'https:';
    const send = secure ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(url, { method: 'POST', headers: sent, agent: secure ? keepAlive.https : keepAlive.http, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from the Bot Connector within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    });
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** 408, 429 and 5xx but 501 and 505: what the pipeline's retry policies try again. */
function retriedStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** A `Retry-After` header in ms (seconds or an HTTP date), if present and sensible. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1_000 : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The service's answer body: a ResourceResponse, or `{}` when it sent none. */
function parsed(text: string): ResourceResponse {
  if (text.trim() === '') return {} as ResourceResponse;
  try {
    const value = JSON.parse(text) as unknown;
    return (typeof value === 'object' && value !== null ? value : {}) as ResourceResponse;
  } catch {
    throw new ConnectorRequestError(`the Bot Connector answered with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

/** The error for a non-2xx answer, with the service's `ErrorResponse` code and message when given. */
function serviceError(status: number, text: string): ConnectorRequestError {
  let code: string | undefined;
  let message: string | undefined;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.message === 'string') message = error.message;
  } catch {
    // not JSON: the status says enough
  }
  return new ConnectorRequestError(`the Bot Connector answered ${status}${message ? `: ${message}` : text ? `: ${text.slice(0, 200)}` : ''}`, status, code);
}
