/**
 * The one Redis connection of a Warmline process: connects with a time limit, fails fast while
 * the server is away (no offline queue), reconnects in the background, and logs connection
 * trouble instead of letting it crash the process.
 */
import { createClient } from 'redis';
import type { Logger } from '../logger';
import type { RedisCommandClient } from './redisCommandClient';
import { StorageError, describeCause, storageErrorCodes } from './storageErrors';

/** How long connecting may take before start-up gives up. */
export const redisConnectTimeoutMs = 5000;
const pingTimeoutMs = 2000;
const maxReconnectDelayMs = 5000;

/** A connected Redis client plus what the storage backend needs around it. */
export interface RedisConnection {
  readonly client: RedisCommandClient;
  /** The URL without its password, for messages and logs. */
  readonly safeUrl: string;
  /** Resolves when the server answers PING; throws a `WL_STORAGE_UNAVAILABLE` error otherwise. */
  ping(): Promise<void>;
  /** Closes the connection; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Connects to `url`. Throws a `WL_STORAGE_UNAVAILABLE` {@link StorageError} naming the URL
 * (without password) when the server cannot be reached within `connectTimeoutMs`.
 */
export async function connectRedis(url: string, logger: Logger, connectTimeoutMs = redisConnectTimeoutMs): Promise<RedisConnection> {
  const safeUrl = redactRedisUrl(url);
  const log = logger.child({ redis: safeUrl });
  let established = false;
  let troubled = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      // Before the first connection, give up at once (start-up reports it); afterwards, keep trying.
      reconnectStrategy: (retries, cause) => (established ? Math.min(100 * 2 ** retries, maxReconnectDelayMs) : cause),
    },
  });
  client.on('error', (error: unknown) => {
    if (!established) return; // connect() rejects with it below
    if (troubled) log.debug({ err: error }, 'Redis still unreachable');
    else log.warn({ err: error }, 'Redis connection lost; reconnecting');
    troubled = true;
  });
  client.on('ready', () => {
    if (troubled) log.info('Redis connection restored');
    troubled = false;
  });

  const unavailable = (what: string, cause: unknown): StorageError =>
    new StorageError(storageErrorCodes.unavailable, `${what} Redis at ${safeUrl}: ${describeCause(cause)}`, { cause });
  try {
    await withTimeout(client.connect(), connectTimeoutMs + 1000, 'connection timed out');
  } catch (error) {
    destroyQuietly(client);
    throw unavailable('Cannot connect to', error);
  }
  established = true;

  let closed = false;
  return {
    client,
    safeUrl,
    async ping() {
      if (closed) throw new StorageError(storageErrorCodes.closed, `Redis connection to ${safeUrl} is closed`);
      if (!client.isReady) throw unavailable('Not connected to', 'reconnecting');
      try {
        await withTimeout(client.sendCommand(['PING']), pingTimeoutMs, 'PING timed out');
      } catch (error) {
        throw unavailable('No answer from', error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (client.isReady) await client.close();
      else destroyQuietly(client);
    },
  };
}

/** The URL with any password replaced by `***`, safe to show in messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function destroyQuietly(client: { destroy(): void }): void {
  try {
    client.destroy();
  } catch {
    // Already closed: nothing to release.
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
