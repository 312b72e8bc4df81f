/**
 * Writes analytics events to the SQLite file from a worker thread. Each event is a row in a table with
 * four secondary indexes; inserting it cost about 30 µs of the event loop, and a FAQ turn records
 * three (`answered`, `topic-started`, `conversation-started`): about 8% of the turn's CPU went to
 * analytics. The worker has its own connection and writes each batch in short transactions (a few
 * dozen rows), so the write lock the turn's own commits need is never held for long. The bot already
 * records analytics in the background (`BufferedRecorder`); a batch's promise still settles only once
 * its rows are committed, or with the error that stopped them.
 */
import path from 'node:path';
import { sqliteBusyTimeoutMs } from '../storage/sqliteDatabase';
import { startSqliteWorker } from '../storage/sqliteWorker';
import type { SqlValue } from './sqlRunner';

/** Options for {@link startEventWriter}. */
export interface EventWriterOptions {
  /** Rows per transaction (default 32): short, so the write lock is soon free for the turn's commits. */
  readonly rowsPerTransaction?: number;
  /** The better-sqlite3 module the worker loads (default: the one this process uses); tests point it elsewhere. */
  readonly driver?: string;
}

/** A running writer. */
export interface EventWriter {
  /** Whether the worker takes rows (false once it stopped or failed). */
  readonly running: boolean;
  /** Inserts the rows with `sql`; resolves once all are committed. Rejects with {@link EventWriterStopped} when the worker was gone before it answered. */
  insert(rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** Waits for the rows sent so far, then stops the worker; safe to call twice. */
  stop(): Promise<void>;
}

/** The worker ended before it said what became of a batch: the caller writes it another way. */
export class EventWriterStopped extends Error {
  override readonly name = 'EventWriterStopped';
}

type Reply = { readonly id: number; readonly error?: string };

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
db.pragma('secure_delete = ON');
const insert = db.prepare(workerData.sql);
const some = db.transaction((rows) => { for (const row of rows) insert.run(...row); });
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    for (let i = 0; i < message.rows.length; i += workerData.rowsPerTransaction) some.immediate(message.rows.slice(i, i + workerData.rowsPerTransaction));
    parentPort.postMessage({ id: message.id });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String((error && error.message) || error) });
  }
});
`;

/**
 * Starts a worker that runs `sql` (an INSERT with one `?` per value) for each row sent, on the SQLite
 * file at `filePath` (which must exist and be in WAL mode). `onStopped` is told when the worker ends
 * without being asked to.
 */
export function startEventWriter(filePath: string, sql: string, onStopped: (reason: string, err?: unknown) => void, options: EventWriterOptions = {}): EventWriter {
  const rowsPerTransaction = options.rowsPerTransaction ?? 32;
  if (!Number.isInteger(rowsPerTransaction) || rowsPerTransaction < 1) throw new TypeError('startEventWriter: rowsPerTransaction must be a whole number of at least 1');
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let running = true;
  let stopping = false;
  const { worker, stop } = startSqliteWorker(
    workerSource,
    { driver: options.driver ?? require.resolve('better-sqlite3'), file: path.resolve(filePath), sql, rowsPerTransaction, busyTimeoutMs: sqliteBusyTimeoutMs },
    (reason, err) => {
      running = false;
      for (const { reject } of waiting.values()) reject(new EventWriterStopped(`the analytics writer stopped (${reason}) before it answered`));
      waiting.clear();
      if (!stopping) onStopped(reason, err);
    },
  );
  worker.on('message', (reply: Reply) => {
    const request = waiting.get(reply.id);
    if (!request) return;
    waiting.delete(reply.id);
    if (reply.error === undefined) request.resolve();
    else request.reject(new Error(reply.error));
  });
  return {
    get running() {
      return running;
    },
    insert(rows) {
      if (!running || stopping) return Promise.reject(new EventWriterStopped('the analytics writer is stopped'));
      if (rows.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const id = (nextId += 1);
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows });
      });
    },
    stop() {
      // Messages are handled in order: every batch sent before 'stop' is written first.
      stopping = true;
      return stop();
    },
  };
}
