/**
 * A TCP proxy in front of the real test Redis that can stop answering, like a Redis paused by
 * SIGSTOP or stuck in a slow script: connections stay open and commands are accepted, but no
 * reply comes back until `resume()`. Listens on 127.0.0.1 only.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/** One proxied connection: the client's socket and the socket to the real server. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  /** Replies received while stalled, delivered on `resume()`. */
  held: Buffer[];
}

/** Proxy to a real Redis whose replies can be held back. */
export class StallingRedisProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();
  private stalled = false;
  /** `redis://127.0.0.1:<port>` once started. */
  url = '';

  /** @param target The real server, e.g. `redis://127.0.0.1:6379`. */
  constructor(private readonly target: string) {}

  /** Starts listening on an ephemeral loopback port. */
  async start(): Promise<this> {
    const { hostname, port } = new URL(this.target);
    this.server = createServer((client) => {
      const upstream = connect(Number(port || 6379), hostname);
      const pair: Pair = { client, upstream, held: [] };
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => (this.stalled ? pair.held.push(chunk) : client.write(chunk)));
      const drop = (): void => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** From now on no reply reaches any client, on open connections and on new ones. */
  stall(): void {
    this.stalled = true;
  }

  /** Delivers the held replies and answers normally again. */
  resume(): void {
    this.stalled = false;
    for (const pair of this.pairs) for (const chunk of pair.held.splice(0)) pair.client.write(chunk);
  }

  /** How many client connections are open through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
