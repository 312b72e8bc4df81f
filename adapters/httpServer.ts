/**
 * The restify server every HTTP route of Warmline hangs off: body limits, JSON errors for people
 * and programs, request logging without message text, and a count of requests in flight so that
 * shutdown can wait for them.
 */
import restify from 'restify';
import type { Logger } from 'pino';
import { securityHeaders } from './securityHeaders';

/** Options for {@link createHttpServer}. */
export interface HttpServerOptions {
  /** Largest request body accepted; larger ones get 413. */
  readonly maxBodyBytes: number;
  readonly logger: Logger;
  readonly name?: string;
}

/** A restify server plus the bookkeeping Warmline needs around it. */
export interface HttpServer {
  readonly server: restify.Server;
  /** Requests currently being handled. */
  inFlight(): number;
  /** Resolves when no request is in flight, or after `timeoutMs` (then resolves false). */
  drain(timeoutMs: number): Promise<boolean>;
  /**
   * Starts shutting down: from now on every new request (also on an open keep-alive connection) is
   * answered 503 with `Connection: close`, answers to requests in flight close their connection,
   * and idle keep-alive connections are closed, so the drain ends. Requests for which `stillServe`
   * is true are served until the end (the bot's own replies to the local Direct Line).
   */
  refuseNewRequests(stillServe?: (req: restify.Request) => boolean): void;
}

/** Builds the restify server with Warmline's parsing, limits and error shape. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const log = options.logger.child({ area: 'http' });
  const server = restify.createServer({ name: options.name ?? 'warmline', handleUncaughtExceptions: false });
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  let refusing: ((req: restify.Request) => boolean) | undefined;
  const open = new Set<restify.Response>();

  server.pre((req, res, next) => {
    if (refusing?.(req)) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      sendError(res, 503, 'ShuttingDown', 'This instance is shutting down; retry the request.');
      return next(false);
    }
    inFlight += 1;
    open.add(res);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      inFlight -= 1;
      open.delete(res);
      if (inFlight === 0) {
        const w = waiters;
        waiters = [];
        w.forEach((fn) => fn());
      }
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  });
  // Every answer, JSON ones included, is not to be sniffed, framed or followed by a referrer; pages
  // replace the CSP with their own (adapters/securityHeaders.ts).
  server.use((req, res, next) => {
    for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Limits are on what is read, so a compressed body could expand far past them: take plain bodies only.
  server.use((req, res, next) => {
    const encoding = (req.header('content-encoding') ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      sendError(res, 415, 'UnsupportedContentEncoding', 'Compressed request bodies are not accepted; send the body without Content-Encoding.');
      return next(false);
    }
    return next();
  });
  // No route takes file uploads; refuse them before the body parser spools them to disk.
  server.use((req, res, next) => {
    if (/^multipart\//i.test(req.header('content-type') ?? '')) {
      sendError(res, 415, 'UnsupportedMediaType', 'File uploads are not accepted here; send JSON.');
      return next(false);
    }
    return next();
  });
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: options.maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: false,
      requestBodyOnGet: false,
    }),
  );

  // Restify's own errors (404, 405, 413, 400 on bad JSON) keep its JSON shape: { code, message }.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) log.error({ err, method: req.method, url: routePath(req) }, 'request failed');
    else log.debug({ status, method: req.method, url: routePath(req), code: err.name }, 'request rejected');
    cb();
  });
  server.on('uncaughtException', (req: restify.Request, res: restify.Response, _route: unknown, err: Error) => {
    log.error({ err, method: req.method, url: routePath(req) }, 'uncaught error in route');
    if (!res.headersSent) res.send(500, { code: 'InternalError', message: 'Something went wrong on our side.' });
  });

  return {
    server,
    inFlight: () => inFlight,
    refuseNewRequests: (stillServe) => {
      refusing = (req) => !stillServe?.(req);
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.server.closeIdleConnections();
    },
    drain: (timeoutMs) =>
      inFlight === 0
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            timer.unref();
            waiters.push(() => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
  };
}

/** The path of a request without its query string (which may carry tokens). */
export function routePath(req: restify.Request): string {
  return (req.url ?? '').split('?')[0] ?? '';
}

/** Sends a JSON error in the same `{ code, message }` shape restify uses. */
export function sendError(res: restify.Response, status: number, code: string, message: string): void {
  res.send(status, { code, message });
}
