/**
 * The cluster tests' load balancer: a real HAProxy (the Debian package) in front of the instances,
 * round-robin per request, checking `/readyz` every 300 ms so an instance that is down or not ready
 * stops getting traffic within a second, and retrying elsewhere as deploy/haproxy.cfg does (only its
 * check timings differ, for the tests' sake). Its statistics say where requests went.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ManagedChild } from './childProcess';
import { until } from '../../support/until';

/** Where the Debian package puts HAProxy. */
export const haproxyPath = '/usr/sbin/haproxy';

/** One backend server as HAProxy's statistics show it. */
export interface BackendStats {
  readonly name: string;
  /** UP, DOWN, … */
  readonly status: string;
  /** Requests answered 2xx by this server since HAProxy started. */
  readonly responses2xx: number;
}

/** A running HAProxy. */
export class LoadBalancer {
  private child: ManagedChild | undefined;

  constructor(readonly port: number, private readonly statsPort: number, private readonly dir: string) {}

  /** `http://127.0.0.1:<port>`: where customers and agents connect. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Writes the configuration for `servers` and starts HAProxy; resolves once every server is UP. */
  async start(servers: readonly { name: string; port: number }[]): Promise<void> {
    const file = path.join(this.dir, 'haproxy.cfg');
    await writeFile(file, configuration(this.port, this.statsPort, servers));
    this.child = new ManagedChild('haproxy', haproxyPath, ['-db', '-f', file], { env: { PATH: process.env.PATH ?? '' }, cwd: this.dir });
    await this.waitForStatus(servers.map((s) => s.name), 'UP');
  }

  /** Resolves once each named server has `status` in HAProxy's view (its health check agreed). */
  async waitForStatus(names: readonly string[], status: 'UP' | 'DOWN', timeoutMs = 10_000): Promise<void> {
    let last: readonly BackendStats[] = [];
    await until(
      async () => {
        if (!this.child?.running) throw new Error(`haproxy exited\n${this.output()}`);
        last = await this.stats().catch(() => []);
        return names.every((n) => last.find((s) => s.name === n)?.status.startsWith(status));
      },
      () => `${names.join(', ')} ${status} in haproxy (it shows ${last.map((s) => `${s.name} ${s.status}`).join(', ')})\n${this.output()}`,
      timeoutMs,
    );
  }

  /** The backend servers' statistics (HAProxy's CSV stats page). */
  async stats(): Promise<BackendStats[]> {
    const res = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`, { signal: AbortSignal.timeout(2000) });
    const [header, ...rows] = (await res.text()).trim().split('\n');
    const columns = (header ?? '').replace(/^# /, '').split(',');
    const at = (row: string[], column: string): string => row[columns.indexOf(column)] ?? '';
    return rows
      .map((line) => line.split(','))
      .filter((row) => at(row, 'pxname') === 'warmline' && !['FRONTEND', 'BACKEND'].includes(at(row, 'svname')))
      .map((row) => ({ name: at(row, 'svname'), status: at(row, 'status'), responses2xx: Number(at(row, 'hrsp_2xx')) || 0 }));
  }

  /** Stops HAProxy. */
  async stop(): Promise<void> {
    await this.child?.stop('SIGTERM');
  }

  /** What HAProxy printed. */
  output(): string {
    return this.child?.output() ?? '';
  }
}

/**
 * Round-robin per request over keep-alive connections; WebSockets and the agents' event streams pass
 * as tunnels. A server is taken out after two failed checks 300 ms apart and back after one good one.
 */
function configuration(port: number, statsPort: number, servers: readonly { name: string; port: number }[]): string {
  return `global
  maxconn 2000

defaults
  mode http
  option http-server-close
  # As deploy/haproxy.cfg: clients' addresses forwarded, and a request that could not reach an
  # instance, or that a stopping one refused before running it, tried again on another (never one
  # that an instance took and died on: it may have run).
  option forwardfor
  retries 2
  option redispatch 1
  retry-on conn-failure 503
  timeout connect 1s
  # A loaded test machine can take a while to answer /readyz; a dead instance refuses at once.
  timeout check 3s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  timeout http-keep-alive 10s

frontend customers_and_agents
  bind 127.0.0.1:${port}
  default_backend warmline

backend warmline
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 300ms fastinter 300ms downinter 300ms fall 2 rise 1
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`).join('\n')}

listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`;
}
