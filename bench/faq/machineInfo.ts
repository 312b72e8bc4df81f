/**
 * Where and on what a benchmark ran: machine, Node version and git commit, for the results file.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The machine and code a result belongs to. */
export interface MachineInfo {
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  /** 1-minute load average when the run ended; above the core count, other work competed for the CPU. */
  readonly loadAverage: number;
}

/** The commit measured; `dirty` when the working tree had uncommitted changes. */
export interface GitInfo {
  readonly commit: string;
  readonly dirty: boolean;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The short commit of HEAD and whether the tree is dirty; `unknown` outside a git checkout. */
export function gitInfo(cwd: string): GitInfo {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}
