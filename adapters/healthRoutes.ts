/**
 * Liveness and readiness probes for orchestrators and load balancers.
 * `GET /healthz`: the process answers. `GET /readyz`: storage takes a write and gives it back,
 * and we are not stopping.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { storageErrorCodes } from '../storage/storageErrors';
import { storageOutageCode } from '../storage/storageOutage';
import type { StorageOutageCode } from '../storage/storageOutage';

/** What readiness depends on. */
export interface ReadinessChecks {
  /** Throws when storage cannot take a write and read it back. */
  pingStorage(): Promise<void>;
  /** True once shutdown has begun: stop sending traffic here. */
  isStopping(): boolean;
}

/** What `/readyz` tells an operator per failure; the path or URL stays in the log, not on the wire. */
const storageProblems: Readonly<Record<StorageOutageCode, { storage: string; message: string }>> = {
  [storageErrorCodes.unavailable]: { storage: 'unreachable', message: 'Storage cannot be reached or did not answer in time; see the server log.' },
  [storageErrorCodes.corrupt]: { storage: 'corrupt', message: 'The database file is damaged (database disk image is malformed); restore it from a backup.' },
  [storageErrorCodes.closed]: { storage: 'closed', message: 'Storage has been closed.' },
};

/** Registers `/healthz` and `/readyz`. */
export function registerHealthRoutes(server: restify.Server, checks: ReadinessChecks, logger: Logger): void {
  const log = logger.child({ area: 'health' });
  let failing: StorageOutageCode | undefined;
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
      if (failing) log.info('storage check passes again');
      failing = undefined;
      res.send(200, { status: 'ready', storage: 'ok' });
    } catch (err) {
      const code = storageOutageCode(err) ?? storageErrorCodes.unavailable;
      // Probes come every few seconds: warn when the state changes, not on every probe.
      if (failing === code) log.debug({ err, code }, 'storage check still failing');
      else log.warn({ err, code }, 'storage check failed');
      failing = code;
      res.send(503, { status: 'unavailable', code, ...storageProblems[code] });
    }
  });
}
