/**
 * Group commit for one SQLite connection. Every turn writes several times (its replay claim, three
 * transcript rows, the conversation's and the customer's state), and each write used to be its own
 * transaction: a lock, WAL frames and a commit each. Writes issued in the same event-loop turn now
 * share one IMMEDIATE transaction, each in a savepoint of its own, so one write that fails (a stale
 * eTag) fails alone. Durability is unchanged: a write's promise resolves only once the transaction
 * that holds it has committed. Order is unchanged too: a read sees each write issued before it, as
 * if the write had run at once. A read that names its keys commits the queue first only when a queued
 * write touches one of them (otherwise the file already holds what it would see); any other read
 * commits the queue first. Without that, the reads of twenty concurrent turns cut the batch into
 * many small transactions.
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
  /** Keys the queued writes touch (as their stores name them), so a read of other keys need not commit them. */
  private readonly pending = new Set<string>();
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

  /**
   * Runs `work` (synchronous statements) in the next group commit; resolves once it is committed.
   * `keys` are the `storage_items` keys it writes, which {@link flushFor} looks for.
   */
  run(work: () => void, keys: Iterable<string> = []): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      for (const key of keys) this.pending.add(key);
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Before a read of `keys`: commits what is queued if a queued write touches one of them. */
  flushFor(keys: readonly string[]): void {
    if (keys.some((key) => this.pending.has(key))) this.flush();
  }

  /** Commits what is queued now (reads that cannot name their keys call this first, and so does closing the connection). */
  flush(): void {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    this.pending.clear();
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
