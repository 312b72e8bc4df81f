/**
 * The child-process side of `npm run bench:turns`: one server per process, so its memory is its own.
 * The parent talks to it over the fork IPC channel: the child says `ready` with its URL, answers
 * `memory` with its resident set and heap (and the peak RSS seen, sampled every 250 ms; with
 * `collect`, also the heap left after a full garbage collection: what is live), answers `cpu` with
 * the CPU time the process has used (every thread: the event loop, workers, libuv's pool) and stops
 * cleanly on `stop` (so a `--cpu-prof` profile is written).
 */

/** What the parent sends. */
export type ToServer = { readonly type: 'memory'; readonly collect?: boolean } | { readonly type: 'cpu' } | { readonly type: 'stop' };

/** What the child sends. */
export type FromServer =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'memory'; readonly rss: number; readonly peakRss: number; readonly heapUsed: number; readonly liveHeap?: number }
  /** User plus system CPU time of the whole process so far, in microseconds. */
  | { readonly type: 'cpu'; readonly micros: number }
  | { readonly type: 'failed'; readonly message: string };

/** Runs a server started by `start` as a bench child: reports its URL, answers the parent, stops on request. */
export function serveAsChild(start: () => Promise<{ url: string; stop: () => Promise<void> }>): void {
  const send = (message: FromServer): void => void process.send?.(message);
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 250);
  sampler.unref();
  start().then(
    (server) => {
      process.on('message', (message: ToServer) => {
        if (message.type === 'memory') {
          const { rss, heapUsed } = process.memoryUsage();
          peakRss = Math.max(peakRss, rss);
          // Exposed by the parent (--expose-gc) for this measurement only.
          const gc = (globalThis as { gc?: () => void }).gc;
          if (message.collect && gc) gc();
          send({ type: 'memory', rss, peakRss, heapUsed, ...(message.collect && gc ? { liveHeap: process.memoryUsage().heapUsed } : {}) });
        } else if (message.type === 'cpu') {
          const { user, system } = process.cpuUsage();
          send({ type: 'cpu', micros: user + system });
        } else if (message.type === 'stop') {
          void server.stop().finally(() => process.exit(0));
        }
      });
      send({ type: 'ready', url: server.url });
    },
    (err: unknown) => {
      send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    },
  );
}
