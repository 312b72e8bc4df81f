/** The parent's handle on a bench server running in its own process (see serverProcess.ts). */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FromServer, ToServer } from './serverProcess';

/** Resident set and heap of a server process, in bytes. */
export interface ServerMemory {
  readonly rss: number;
  readonly peakRss: number;
  readonly heapUsed: number;
  /** Heap left after a full collection (asked with `collect`). */
  readonly liveHeap?: number;
}

/** A server in a child process. */
export class ServerChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /**
   * Forks `script` (a .ts file of this folder, run through tsx) with `env` added to this process's
   * environment and `nodeOptions` (e.g. `--cpu-prof`); resolves once it listens.
   */
  static async start(script: string, env: Record<string, string>, nodeOptions: readonly string[] = []): Promise<ServerChild> {
    const child = fork(path.join(__dirname, script), [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx', '--no-deprecation', '--expose-gc', ...nodeOptions], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      const onMessage = (message: FromServer): void => {
        if (message.type === 'ready') resolve(message.url);
        else if (message.type === 'failed') reject(new Error(`${script}: ${message.message}`));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it listened`)));
    });
    return new ServerChild(child, url);
  }

  /** The server process's memory now (and its peak so far); with `collect`, also its live heap. */
  memory(collect = false): Promise<ServerMemory> {
    return this.ask({ type: 'memory', collect }, 'memory');
  }

  /** CPU time the server process has used so far (all its threads), in milliseconds. */
  async cpuMs(): Promise<number> {
    return (await this.ask({ type: 'cpu' }, 'cpu')).micros / 1000;
  }

  /** Sends `message` and resolves with the child's next answer of type `type`. */
  private ask<T extends FromServer['type']>(message: ToServer, type: T): Promise<Extract<FromServer, { type: T }>> {
    return new Promise((resolve) => {
      const onMessage = (answer: FromServer): void => {
        if (answer.type !== type) return;
        this.child.off('message', onMessage);
        resolve(answer as Extract<FromServer, { type: T }>);
      };
      this.child.on('message', onMessage);
      this.tell(message);
    });
  }

  /** Stops the server cleanly and waits for its process to end. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.tell({ type: 'stop' });
    await exited;
  }

  private tell(message: ToServer): void {
    this.child.send(message);
  }
}
