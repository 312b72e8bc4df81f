/** The figures bench:turns reports: turn rate and latency over phases, and whether memory stayed flat. */
import type { LoadResult } from './loadGenerator';

/** Rate and latency of one server over its phases. */
export interface PhaseFigures {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /**
   * CPU time the server process used per turn (all its threads), in ms, when the phases measured it.
   * Steadier than turns/s on a shared machine: other tenants slow a turn down, but add little to
   * the CPU time it takes.
   */
  readonly cpuMsPerTurn?: number;
}

/** A phase's load result, with the CPU time its server used meanwhile when that was measured. */
export type MeasuredPhase = LoadResult & { readonly serverCpuMs?: number };

/** Turns per second over the phases' summed time, percentiles over all their turns, CPU per turn. */
export function phaseFigures(phases: readonly MeasuredPhase[]): PhaseFigures {
  const ms = phases.flatMap((p) => p.ms).sort((a, b) => a - b);
  const seconds = phases.reduce((sum, p) => sum + p.elapsedMs, 0) / 1000;
  const measured = phases.length > 0 && phases.every((p) => p.serverCpuMs !== undefined);
  const cpuMs = phases.reduce((sum, p) => sum + (p.serverCpuMs ?? 0), 0);
  const turns = phases.reduce((sum, p) => sum + p.ms.length + p.errors, 0);
  return {
    turns: ms.length,
    turnsPerSecond: ms.length / seconds,
    p50: percentile(ms, 0.5),
    p99: percentile(ms, 0.99),
    errors: phases.reduce((sum, p) => sum + p.errors, 0),
    ...(measured && turns > 0 ? { cpuMsPerTurn: cpuMs / turns } : {}),
  };
}

/** One memory sample of a soak. */
export interface MemorySample {
  readonly seconds: number;
  readonly rss: number;
  readonly heapUsed: number;
}

/** Memory is flat when the last third's median RSS is within 5% of the middle third's (the first third is warm-up). */
export function flatness(samples: readonly MemorySample[]): { middleRss: number; lastRss: number; middleHeap: number; lastHeap: number; flat: boolean } {
  const third = Math.floor(samples.length / 3);
  const middle = samples.slice(third, 2 * third);
  const last = samples.slice(2 * third);
  const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 0.5);
  const middleRss = median(middle.map((s) => s.rss));
  const lastRss = median(last.map((s) => s.rss));
  return { middleRss, lastRss, middleHeap: median(middle.map((s) => s.heapUsed)), lastHeap: median(last.map((s) => s.heapUsed)), flat: middle.length > 0 && lastRss <= middleRss * 1.05 };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
