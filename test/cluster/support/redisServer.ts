/**
 * The cluster tests' own Redis: a `redis-server` child on a free port with a temporary directory,
 * writing every command to its append-only file before answering (`appendfsync always`), so stopping
 * and starting it loses nothing it acknowledged, and without touching the shared Redis.
 */
import { createClient } from 'redis';
import { ManagedChild } from './childProcess';
import { until } from '../../support/until';

/** Where the Debian package puts the server. */
export const redisServerPath = '/usr/bin/redis-server';

/** A Redis server the tests can stop and start again with the same data. */
export class RedisServer {
  private child: ManagedChild | undefined;

  constructor(readonly port: number, private readonly dir: string) {}

  /** `redis://127.0.0.1:<port>` */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) on its port and directory; resolves once it answers PING. */
  async start(): Promise<void> {
    if (this.child?.running) throw new Error('redis-server is already running');
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    this.child = new ManagedChild('redis', redisServerPath, args, { env: { PATH: process.env.PATH ?? '' }, cwd: this.dir });
    await until(() => this.answers(), () => `redis-server on port ${this.port} answers PING\n${this.output()}`, 10_000);
  }

  /** Stops the server with `signal` (SIGKILL: a crash; what it acknowledged is already on disk). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.child?.stop(signal);
  }

  /** What the server printed. */
  output(): string {
    return this.child?.output() ?? '';
  }

  private async answers(): Promise<boolean> {
    if (!this.child?.running) throw new Error(`redis-server exited\n${this.output()}`);
    const client = createClient({ url: this.url, socket: { connectTimeout: 500, reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return String(await client.sendCommand(['PING'])) === 'PONG';
    } catch {
      return false;
    } finally {
      if (client.isOpen) client.destroy();
    }
  }
}
