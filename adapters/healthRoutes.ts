/**
 * Liveness and readiness probes for orchestrators and load balancers.
 * `GET /healthz`: the process answers. `GET /readyz`: storage is reachable and we are not stopping.
 */
import type restify from 'restify';
import type { Logger } from 'pino';

/** What readiness depends on. */
export interface ReadinessChecks {
  /** Throws when storage cannot be reached. */
  pingStorage(): Promise<void>;
  /** True once shutdown has begun: stop sending traffic here. */
  isStopping(): boolean;
}

/** Registers `/healthz` and `/readyz`. */
export function registerHealthRoutes(server: restify.Server, checks: ReadinessChecks, logger: Logger): void {
  const log = logger.child({ area: 'health' });
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    if (checks.isStopping()) {
      res.send(503, { status: 'stopping' });
      return;
    }
    try {
      await checks.pingStorage();
      res.send(200, { status: 'ready', storage: 'ok' });
    } catch (err) {
      log.warn({ err }, 'storage not reachable');
      res.send(503, { status: 'unavailable', storage: 'unreachable' });
    }
  });
}
