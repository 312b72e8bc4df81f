/**
 * A child process of the cluster tests (Redis, a Warmline instance, HAProxy): started with its own
 * environment, its output kept (the last lines) so a failing test can print it, and stopped by pid
 * with a real signal, so `SIGKILL` is a crash and `SIGTERM` a graceful stop.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

const keptLines = 400;

/** A running (or exited) child and what it printed. */
export class ManagedChild {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;

  constructor(readonly name: string, command: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string }) {
    this.child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        this.lines.push(line);
        if (this.lines.length > keptLines) this.lines.shift();
      }
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    // Should the test process end without its after hooks (a CI timeout), the child goes with it.
    const orphanGuard = (): void => void this.child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        process.off('exit', orphanGuard);
        resolve(code ?? signal ?? 'unknown');
      });
      this.child.once('error', (err) => {
        this.lines.push(`spawn failed: ${err.message}`);
        resolve('spawn-error');
      });
    });
  }

  /** The process id (undefined when spawning failed). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the process has not exited. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` to this process (by its pid) and resolves once it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | string> {
    if (!this.running) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last lines it printed (stdout and stderr), for a failure report. */
  output(): string {
    return this.lines.map((l) => `    [${this.name}] ${l}`).join('\n');
  }

  /** Lines it printed that match `pattern`. */
  linesMatching(pattern: RegExp): string[] {
    return this.lines.filter((l) => pattern.test(l));
  }
}
