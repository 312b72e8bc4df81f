/** Clean-up for benchmarks that write to the shared Redis under a prefix of their own. */
import { createClient } from 'redis';

/** Removes the run's keys from Redis (never anything outside its own prefix). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
  } finally {
    client.destroy();
  }
}
