/** The soak of bench:turns: load for a while, sampling the server's memory every few seconds. */
import type { LoadResult } from './loadGenerator';
import type { ServerChild } from './serverChild';
import type { MemorySample } from './turnFigures';

const sampleEveryMs = 5000;

/** Runs `load` for `seconds` (it stops starting turns once told), sampling `server`'s memory meanwhile. */
export async function soak(server: ServerChild, seconds: number, load: (until: () => boolean) => Promise<LoadResult>): Promise<{ result: LoadResult; samples: MemorySample[] }> {
  const samples: MemorySample[] = [];
  const start = Date.now();
  const deadline = start + seconds * 1000;
  const timer = setInterval(() => {
    void server.memory().then((m) => samples.push({ seconds: Math.round((Date.now() - start) / 1000), rss: m.rss, heapUsed: m.heapUsed }));
  }, sampleEveryMs);
  try {
    const result = await load(() => Date.now() < deadline);
    return { result, samples };
  } finally {
    clearInterval(timer);
  }
}
