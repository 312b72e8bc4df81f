/**
 * One Warmline instance of the cluster tests: `index.ts` run as its own Node process (through tsx's
 * loader, as `npm run dev` does without the watcher), so a `SIGKILL` is a real crash and a `SIGTERM`
 * the real graceful shutdown. Started again on the same port after a stop, as a restarted container.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManagedChild } from './childProcess';
import { until } from '../../support/until';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;

/** A Warmline process on a fixed port, started and stopped by the test. */
export class WarmlineInstance {
  private child: ManagedChild | undefined;
  /** Every process this instance has been, oldest first, so a report shows the crashed one too. */
  private readonly lives: ManagedChild[] = [];
  /** How many times this instance has been started (a restart counts again). */
  starts = 0;

  /**
   * @param name Short name for logs and reports, e.g. `w1` (HAProxy's server name too).
   * @param env The whole environment of the process (settings of every instance plus this one's PORT).
   * @param cwd A directory of its own, so no `.env` of the repository is read.
   */
  constructor(readonly name: string, readonly port: number, private readonly env: NodeJS.ProcessEnv, private readonly cwd: string) {}

  /** `http://127.0.0.1:<port>`: this instance alone, not through the load balancer. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.child?.running ?? false;
  }

  /** The process id, for the report of a crash. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process (again); resolves once `/readyz` answers 200. */
  async start(timeoutMs = 120_000): Promise<void> {
    if (this.child?.running) throw new Error(`${this.name} is already running`);
    this.starts += 1;
    const name = `${this.name}#${this.starts}`;
    this.child = new ManagedChild(name, process.execPath, ['--import', tsxLoader, path.join(repoRoot, 'index.ts')], { env: this.env, cwd: this.cwd });
    this.lives.push(this.child);
    await until(
      async () => {
        if (!this.child?.running) throw new Error(`${name} exited before it was ready\n${this.output()}`);
        return (await this.readiness()) === 200;
      },
      () => `${name} ready on port ${this.port}\n${this.output()}`,
      timeoutMs,
    );
  }

  /** Sends `signal` and resolves with how the process ended (0 after a clean SIGTERM shutdown). */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
    return this.child?.stop(signal) ?? Promise.resolve('never started');
  }

  /** The status of `GET /readyz` on this instance, or 0 when nothing answers. */
  async readiness(): Promise<number> {
    try {
      const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  /** What its processes printed (the last lines of each). */
  output(): string {
    return this.lives.map((life) => life.output()).join('\n');
  }

  /** Lines its processes printed that match `pattern`. */
  linesMatching(pattern: RegExp): string[] {
    return this.lives.flatMap((life) => life.linesMatching(pattern));
  }
}
