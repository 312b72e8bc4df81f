/**
 * A worker thread with its own SQLite connection, as the background checkpoints and the analytics
 * writer use: plain CommonJS evaluated from a string (so it runs the same under tsx and from dist/),
 * never keeping the process alive, told to stop with the message `'stop'` and ended by force if it
 * has not stopped 5 s later.
 */
import { Worker } from 'node:worker_threads';

/** A started worker. */
export interface SqliteWorker {
  readonly worker: Worker;
  /** Asks the worker to stop (it finishes what it was sent before) and resolves once it has exited; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `source` with `workerData`; `onEnded` is told once, when the worker fails or exits, asked to or not. */
export function startSqliteWorker(source: string, workerData: object, onEnded: (reason: string, err?: unknown) => void): SqliteWorker {
  const worker = new Worker(source, { eval: true, workerData });
  worker.unref();
  let ended = false;
  const end = (reason: string, err?: unknown): void => {
    if (ended) return;
    ended = true;
    onEnded(reason, err);
  };
  worker.on('error', (err) => end('worker failed', err));
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', (code) => {
      end(`worker exited with code ${code}`);
      resolve();
    });
  });
  let stopped: Promise<void> | undefined;
  return {
    worker,
    stop() {
      stopped ??= (async () => {
        if (!ended) worker.postMessage('stop');
        const timer = setTimeout(() => void worker.terminate(), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}
