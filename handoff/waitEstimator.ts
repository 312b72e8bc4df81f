/**
 * An honest wait estimate for a customer in a queue (P9), from the queue's recent handle times and
 * how many agents serve it.
 */

/** What a wait estimate is made from. */
export interface WaitEstimateInput {
  /** The customer's 1-based place in the queue. */
  readonly position: number;
  /** Agents of the queue who are available and not handling anyone (idle). */
  readonly agentsAvailable: number;
  /** Agents of the queue who are handling a conversation now. */
  readonly agentsBusy: number;
  /** Recent handle times of the queue, in seconds (see `HandoffRepository.stats`). */
  readonly handleSeconds: readonly number[];
  /** Handle time to assume until at least {@link minMeasuredHandleTimes} have been measured. */
  readonly defaultHandleMinutes: number;
}

/** A wait estimate in whole minutes, and whether it rests on measured handle times or the default. */
export interface WaitEstimate {
  readonly minutes: number;
  readonly basis: 'measured' | 'default';
}

/** Measured handle times needed before they replace the queue's default handle time. */
export const minMeasuredHandleTimes = 3;

/**
 * Estimates how long the customer at `position` will wait, in whole minutes (at least 1):
 *
 * - handle time `h` = mean of `handleSeconds` / 60, each capped at {@link handleOutlierCap} × their
 *   median, once at least 3 were measured; else `defaultHandleMinutes`. The mean, not the median:
 *   handle times are skewed, and a median promised customers in long queues too short a wait
 *   (`npm run bench:wait`, docs/BENCHMARKS.md);
 * - agents `n` = max(1, agentsAvailable + agentsBusy), idle agents `i` = agentsAvailable;
 * - if `position ≤ i`, an idle agent can take the customer now: about **1 minute**;
 * - otherwise an agent frees up every `h / n` minutes on average: **ceil((position − i) × h / n)**.
 */
export function estimateWaitMinutes(input: WaitEstimateInput): WaitEstimate {
  const measured = input.handleSeconds.filter((s) => Number.isFinite(s) && s >= 0);
  const basis = measured.length >= minMeasuredHandleTimes ? 'measured' : 'default';
  const handleMinutes = basis === 'measured' ? cappedMean(measured) / 60 : Math.max(0, input.defaultHandleMinutes);
  const idle = wholeAtLeast(input.agentsAvailable, 0);
  const agents = Math.max(1, idle + wholeAtLeast(input.agentsBusy, 0));
  const position = wholeAtLeast(input.position, 1);
  if (position <= idle) return { minutes: 1, basis };
  const rounds = (position - idle) / agents;
  // Rounded to microminutes first so that float noise (3.0000000004) does not add a minute.
  return { minutes: Math.max(1, Math.ceil(Number((rounds * handleMinutes).toFixed(6)))), basis };
}

/** Handle times above this many medians count as this many medians (one stuck chat must not double every estimate). */
export const handleOutlierCap = 8;

/** Mean of the handle times, each capped at {@link handleOutlierCap} × their median. */
function cappedMean(values: readonly number[]): number {
  const cap = handleOutlierCap * median(values);
  return values.reduce((sum, v) => sum + Math.min(v, cap), 0) / Math.max(1, values.length);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

function wholeAtLeast(value: number, least: number): number {
  return Number.isFinite(value) ? Math.max(least, Math.floor(value)) : least;
}
