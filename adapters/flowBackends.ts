/**
 * The backends flows may call with `HttpRequest`: each is named in settings with its base URL and,
 * optionally, a bearer token, so a flow only ever adds a path to an address an operator chose (the
 * allow-list) and never holds a secret. A call never throws: a timeout, a refused connection, a
 * non-2xx answer or a body that is not JSON comes back as a `failed` result for the flow's
 * `onError` path.
 */
import type { Logger } from 'pino';
import type { FlowRequest, FlowResult } from '../flows/flowEffect';

/** One backend a flow may call. */
export interface FlowBackend {
  readonly name: string;
  /** Base URL, e.g. `https://erp.example.com/api`; a function when it is known only later (this server's own port). */
  readonly baseUrl: string | (() => string);
  /** Sent as `Authorization: Bearer <token>`. Secret: never logged. */
  readonly token?: string;
}

/** Largest answer body read from a backend. */
const maxAnswerBytes = 256 * 1024;
/** Longest a call may take, whatever the flow asks. */
const maxTimeoutMs = 15_000;

/** Calls the configured backends for flows. */
export class FlowBackends {
  private readonly byName: ReadonlyMap<string, FlowBackend>;
  private readonly log: Logger;

  constructor(backends: readonly FlowBackend[], logger: Logger) {
    this.byName = new Map(backends.map((b) => [b.name, b]));
    this.log = logger.child({ area: 'flow-backends' });
  }

  /** Names of the configured backends (the validator checks flows against them). */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Carries out a flow's HTTP request; see the module comment. */
  async call(request: Extract<FlowRequest, { kind: 'http-request' }>): Promise<FlowResult> {
    const backend = this.byName.get(request.backend);
    if (!backend) return { kind: 'failed', code: 'unknown-backend' };
    const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
    // A path may not leave the backend's base (no scheme, no host, no climbing out).
    if (/^\/\/|:\/\/|(^|\/)\.\.(\/|$)/.test(path)) return { kind: 'failed', code: 'path-not-allowed' };
    const where = { backend: backend.name, method: request.method, topicId: request.topicId, actionId: request.actionId };
    let response: Response;
    try {
      const base = (typeof backend.baseUrl === 'function' ? backend.baseUrl() : backend.baseUrl).replace(/\/+$/, '');
      response = await fetch(`${base}${path}`, {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...(backend.token ? { authorization: `Bearer ${backend.token}` } : {}),
        },
        ...(request.method === 'POST' ? { body: JSON.stringify(request.body ?? {}) } : {}),
        signal: AbortSignal.timeout(Math.min(Math.max(1, request.timeoutMs), maxTimeoutMs)),
        redirect: 'error',
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      this.log.warn({ ...where, reason: timedOut ? 'timeout' : 'unreachable' }, 'flow backend call failed');
      return { kind: 'failed', code: timedOut ? 'timeout' : 'unreachable' };
    }
    const text = await readLimited(response);
    if (!response.ok) {
      this.log.warn({ ...where, status: response.status }, 'flow backend answered an error');
      return { kind: 'failed', code: 'http-status', status: response.status };
    }
    if (text === undefined) return { kind: 'failed', code: 'too-large', status: response.status };
    try {
      return { kind: 'http', status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    } catch {
      this.log.warn({ ...where, status: response.status }, 'flow backend answered something that is not JSON');
      return { kind: 'failed', code: 'not-json', status: response.status };
    }
  }
}

/** The body as text, or undefined when it is larger than {@link maxAnswerBytes} (reading stops there). */
async function readLimited(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxAnswerBytes) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}
