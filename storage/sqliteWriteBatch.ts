/**
 * Group commit for one SQLite connection. Every turn writes several times (its replay claim, three
 * transcript rows, the conversation's and the customer's state), and each write used to be its own
 * transaction: a lock, WAL frames and a commit each. Writes issued in the same event-loop turn now
 * share one IMMEDIATE transaction, each in a savepoint of its own, so one write that fails (a stale
 * eTag) fails alone. Durability is unchanged: a write's promise resolves only once the transaction
 * that holds it has committed. Order is unchanged too: every read of the connection's stores first
 * runs what is queued, so it sees each write issued before it, as if the write had run at once.
 */
import type { Database } from 'better-sqlite3';

interface Queued {
  readonly work: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const batches = new WeakMap<Database, SqliteWriteBatch>();

/** The write batch of a connection, shared by every store over it. */
export function sqliteWriteBatch(db: Database): SqliteWriteBatch {
  let batch = batches.get(db);
  if (!batch) {
    batch = new SqliteWriteBatch(db);
    batches.set(db, batch);
  }
  return batch;
}

/** Writes of one connection, committed together once per event-loop turn. */
export class SqliteWriteBatch {
  private queue: Queued[] = [];
  private readonly commitAll: (queue: readonly Queued[]) => unknown[];

  constructor(private readonly db: Database) {
    // Called inside the outer transaction, better-sqlite3 runs this one as a SAVEPOINT.
    const savepoint = db.transaction((work: () => void) => work());
    const all = db.transaction((queue: readonly Queued[]) =>
      queue.map((item) => {
        try {
          savepoint(item.work);
          return undefined;
        } catch (error) {
          return error ?? new Error('write failed');
        }
      }),
    );
    this.commitAll = (queue) => all.immediate(queue);
  }

  /** Runs `work` (synchronous statements) in the next group commit; resolves once it is committed. */
  run(work: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (reads call this first, and so does closing the connection). */
  flush(): void {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    let outcomes: unknown[];
    try {
      outcomes = this.commitAll(queue);
    } catch (error) {
      // The transaction itself failed (the file is locked past the busy timeout, closed, full): nothing was written.
      for (const item of queue) item.reject(error);
      return;
    }
    queue.forEach((item, i) => (outcomes[i] === undefined ? item.resolve() : item.reject(outcomes[i])));
  }
}
