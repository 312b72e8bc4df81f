/**
 * The one Redis connection of a Warmline process: connects with a time limit, fails fast while
 * the server is away (no offline queue), gives every command a deadline, reconnects in the
 * background, and logs connection trouble instead of letting it crash the process.
 *
 * Why a deadline of our own: node-redis v5's per-command `timeout` and `abortSignal` only cover a
 * command until it is written to the socket, and its `socketTimeout` is reset by every write. A
 * server that accepts commands and never answers (paused, stuck in a script, a half-open TCP
 * connection) would hold every turn forever. On a missed deadline the client is replaced, so the
 * commands behind it fail at once instead of each waiting out its own deadline.
 */
import { createClient, ErrorReply } from 'redis';
import type { Logger } from '../logger';
import type { RedisCommandClient } from './redisCommandClient';
import { StorageError, describeCause, storageErrorCodes } from './storageErrors';

/** How long connecting may take before start-up gives up. */
export const redisConnectTimeoutMs = 5000;
/** How long one command may wait for its reply unless `REDIS_COMMAND_TIMEOUT_MS` says otherwise. */
export const redisCommandTimeoutMs = 2000;
const maxReconnectDelayMs = 5000;

/** Time limits of a {@link connectRedis} connection. */
export interface RedisConnectionOptions {
  /** How long connecting (TCP and handshake) may take. */
  readonly connectTimeoutMs?: number;
  /** How long one command may wait for its reply before it fails with `WL_STORAGE_UNAVAILABLE`. */
  readonly commandTimeoutMs?: number;
}

/** A connected Redis client plus what the storage backend needs around it. */
export interface RedisConnection {
  /** Sends commands with a deadline; connection failures reject with `WL_STORAGE_UNAVAILABLE`. */
  readonly client: RedisCommandClient;
  /** The URL without its password, for messages and logs. */
  readonly safeUrl: string;
  /** Resolves when the server answers PING; throws a `WL_STORAGE_UNAVAILABLE` error otherwise. */
  ping(): Promise<void>;
  /** Closes the connection, waiting at most one command timeout; safe to call more than once. */
  close(): Promise<void>;
}

type Client = ReturnType<typeof createClient>;

/**
 * Connects to `url`. Throws a `WL_STORAGE_UNAVAILABLE` {@link StorageError} naming the URL
 * (without password) when the server cannot be reached within the connect timeout.
 */
export async function connectRedis(url: string, logger: Logger, options: RedisConnectionOptions = {}): Promise<RedisConnection> {
  const connectTimeoutMs = options.connectTimeoutMs ?? redisConnectTimeoutMs;
  const commandTimeoutMs = options.commandTimeoutMs ?? redisCommandTimeoutMs;
  const safeUrl = redactRedisUrl(url);
  const log = logger.child({ redis: safeUrl });
  let troubled = false;
  let closed = false;
  const unavailable = (what: string, cause: unknown): StorageError =>
    new StorageError(storageErrorCodes.unavailable, `${what} Redis at ${safeUrl}: ${describeCause(cause)}`, { cause });

  const newClient = (): Client => {
    let established = false;
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: connectTimeoutMs,
        // Before a client's first connection, give up at once (the caller decides); afterwards, keep trying.
        reconnectStrategy: (retries, cause) => (established ? Math.min(100 * 2 ** retries, maxReconnectDelayMs) : cause),
      },
    });
    client.on('error', (error: unknown) => {
      if (!established || closed) return; // connect() rejects with it
      if (troubled) log.debug({ err: error }, 'Redis still unreachable');
      else log.warn({ err: error }, 'Redis connection lost; reconnecting');
      troubled = true;
    });
    client.on('ready', () => {
      established = true;
      if (troubled) log.info('Redis connection restored');
      troubled = false;
    });
    return client;
  };

  let current = newClient();
  try {
    await withTimeout(current.connect(), connectTimeoutMs + 1000, 'connection timed out');
  } catch (error) {
    destroyQuietly(current);
    throw unavailable('Cannot connect to', error);
  }

  // A server that takes commands but never answers: drop this client and connect a new one.
  const replace = (stale: Client): void => {
    if (stale !== current || closed) return;
    if (!troubled) log.warn({ commandTimeoutMs }, 'Redis stopped answering; reconnecting');
    troubled = true;
    current = newClient();
    destroyQuietly(stale); // everything still waiting on it fails now
    void reconnect(current);
  };
  const reconnect = async (fresh: Client): Promise<void> => {
    for (let attempt = 0; fresh === current && !closed; attempt++) {
      try {
        await withTimeout(fresh.connect(), connectTimeoutMs, 'connection timed out');
        return;
      } catch (error) {
        log.debug({ err: error }, 'Redis still unreachable');
        destroyQuietly(fresh);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, maxReconnectDelayMs)).unref());
        if (fresh !== current || closed) return;
        fresh = current = newClient();
      }
    }
  };

  const client: RedisCommandClient = {
    async sendCommand(args) {
      if (closed) throw new StorageError(storageErrorCodes.closed, `Redis connection to ${safeUrl} is closed`);
      const active = current;
      try {
        return await withTimeout(active.sendCommand(args), commandTimeoutMs, `no answer to ${args[0] ?? 'a command'} within ${commandTimeoutMs} ms`, () => replace(active));
      } catch (error) {
        if (error instanceof ErrorReply) throw error; // the server's own answer (NOSCRIPT, WRONGTYPE, ...)
        throw unavailable('No answer from', error);
      }
    },
  };

  return {
    client,
    safeUrl,
    async ping() {
      if (closed) throw new StorageError(storageErrorCodes.closed, `Redis connection to ${safeUrl} is closed`);
      if (!current.isReady) throw unavailable('Not connected to', 'reconnecting');
      await client.sendCommand(['PING']);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (current.isReady) await withTimeout(current.close(), commandTimeoutMs, 'close timed out').catch(() => undefined);
      destroyQuietly(current);
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

/** Settles like `promise`, or rejects with `message` after `ms` (calling `onTimeout` first). */
async function withTimeout<T>(promise: Promise<T>, ms: number, message: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(message));
      onTimeout?.();
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
