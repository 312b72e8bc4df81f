/**
 * Runs the SQLite file's WAL checkpoints on a worker thread instead of inside a turn's commit.
 * By default SQLite checkpoints in whichever commit pushes the WAL past 1,000 pages: that commit
 * copies the pages into the database file and syncs both files, on the event loop, while every
 * other turn waits. Profiling the FAQ turn showed those commits as 12–15 ms stalls, about half of
 * the time spent committing. Here the main connection stops checkpointing by itself
 * (`wal_autocheckpoint = 0`) and a worker thread with its own connection runs a PASSIVE checkpoint
 * (it never blocks a reader or writer) every `intervalMs`. Durability is unchanged: commits are
 * the same, only who copies the WAL back moves. If the worker cannot start, fails or exits, the main
 * connection checkpoints by itself again (and the failure is logged), so the WAL never grows unbounded.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../logger';
import { sqliteBusyTimeoutMs } from './sqliteDatabase';
import { startSqliteWorker } from './sqliteWorker';

/** SQLite's own default, restored when the worker is not there. */
const defaultAutoCheckpointPages = 1000;

/** Options for {@link startBackgroundCheckpoints}. */
export interface CheckpointerOptions {
  /** Time between checkpoints (default 1,000 ms). */
  readonly intervalMs?: number;
  /** The better-sqlite3 module the worker loads (default: the one this process uses); tests point it elsewhere. */
  readonly driver?: string;
}

/** A running background checkpointer. */
export interface SqliteCheckpointer {
  /** Whether the worker is checkpointing (false once it stopped or failed, and the main connection checkpoints again). */
  readonly running: boolean;
  /** Stops the worker and gives checkpointing back to the main connection; safe to call twice. */
  stop(): Promise<void>;
}

/** What the worker reports after each checkpoint. */
export type CheckpointReport = { readonly kind: 'checkpoint'; readonly walPages: number; readonly checkpointed: number } | { readonly kind: 'error'; readonly message: string };

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
const tick = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpoint', walPages: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.close();
});
`;

/**
 * Moves `db`'s checkpoints (a file database in WAL mode; the worker opens the file `db` was opened
 * with) to a worker thread. Returns undefined for an in-memory database, which has no WAL.
 */
export function startBackgroundCheckpoints(db: Database, log: Logger, options: CheckpointerOptions = {}): SqliteCheckpointer | undefined {
  if (db.memory) return undefined;
  const intervalMs = options.intervalMs ?? 1_000;
  if (!(intervalMs > 0)) throw new TypeError('startBackgroundCheckpoints: intervalMs must be positive');
  let running = true;
  let stopping = false;
  const handBack = (reason: string, err?: unknown): void => {
    if (!running) return;
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${defaultAutoCheckpointPages}`);
    if (!stopping) log.warn({ err, reason }, 'background SQLite checkpoints stopped; the main connection checkpoints again');
  };
  db.pragma('wal_autocheckpoint = 0');
  const { worker, stop } = startSqliteWorker(workerSource, { driver: options.driver ?? require.resolve('better-sqlite3'), file: path.resolve(db.name), intervalMs, busyTimeoutMs: sqliteBusyTimeoutMs }, (reason, err) => handBack(reason, err));
  worker.on('message', (report: CheckpointReport) => {
    if (report.kind === 'error') log.warn({ reason: report.message }, 'a background SQLite checkpoint failed; the next one tries again');
  });
  return {
    get running() {
      return running;
    },
    async stop() {
      stopping = true;
      await stop();
      handBack('stopped');
    },
  };
}
