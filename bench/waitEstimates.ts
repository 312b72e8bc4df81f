/**
 * `npm run bench:wait`: how honest the wait estimates told to queued customers are (P9). Simulates
 * contact-centre days on a virtual clock with the real handoff repository, queue order and wait
 * estimator, compares each customer's estimate at joining with the wait they then had, prints a
 * table and writes bench/results/wait-estimates.json. Method and results: docs/BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HandoffRecord } from '../handoff/handoffRecord';
import { HandoffRepository, queueStatsLimit } from '../handoff/handoffRepository';
import type { HandoffSummary } from '../handoff/handoffSummary';
import { compareWaiting } from '../handoff/queueOrder';
import { estimateWaitMinutes, minMeasuredHandleTimes } from '../handoff/waitEstimator';
import type { WaitEstimate } from '../handoff/waitEstimator';
import { seededRandom } from '../knowledge/seededRandom';
import { MemoryStorage } from '../storage/memoryStorage';
import { gitInfo, machineInfo } from './faq/machineInfo';

const repoRoot = path.resolve(__dirname, '..');
const resultsFile = path.join(repoRoot, 'bench', 'results', 'wait-estimates.json');

/** What every scenario shares. */
const common = {
  seeds: Array.from({ length: 20 }, (_, i) => i + 1),
  dayMinutes: 480,
  dayStart: '2026-11-23T09:00:00.000Z',
  /** Spread of the lognormal handle time (log scale): coefficient of variation ≈ 0.95. */
  handleSigma: 0.8,
  /** Time an agent takes to read the summary card and press Accept, after a customer arrives or after finishing one. */
  acceptDelaySeconds: 20,
  maxWaitMinutes: 10,
  vipPriority: 30,
  queueId: 'general',
} as const;

/** One simulated kind of day. */
interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly agents: number;
  /** Share of agents' time spent handling customers or accepting the next, on average. */
  readonly utilisation: number;
  readonly medianHandleMinutes: number;
  /** The queue's `defaultHandleMinutes`, used until 3 handle times are measured. */
  readonly defaultHandleMinutes: number;
  readonly vipShare: number;
  /** Customers leave after an exponential patience with this mean; none leave when absent. */
  readonly meanPatienceMinutes?: number;
  /** Extra rows: by tier or by the basis of the estimate. */
  readonly split?: 'tier' | 'basis';
}

const scenarios: readonly Scenario[] = [
  { id: 'one-light', title: '1 agent, light', agents: 1, utilisation: 0.6, medianHandleMinutes: 6, defaultHandleMinutes: 6, vipShare: 0 },
  { id: 'one-heavy', title: '1 agent, heavy', agents: 1, utilisation: 0.9, medianHandleMinutes: 6, defaultHandleMinutes: 6, vipShare: 0 },
  { id: 'three-light', title: '3 agents, light', agents: 3, utilisation: 0.6, medianHandleMinutes: 6, defaultHandleMinutes: 6, vipShare: 0 },
  { id: 'three-heavy', title: '3 agents, heavy', agents: 3, utilisation: 0.9, medianHandleMinutes: 6, defaultHandleMinutes: 6, vipShare: 0 },
  { id: 'three-heavy-median-10', title: '3 agents, heavy, real median 10 (default 6)', agents: 3, utilisation: 0.9, medianHandleMinutes: 10, defaultHandleMinutes: 6, vipShare: 0, split: 'basis' },
  { id: 'three-heavy-vip', title: '3 agents, heavy, 10% VIP', agents: 3, utilisation: 0.9, medianHandleMinutes: 6, defaultHandleMinutes: 6, vipShare: 0.1, split: 'tier' },
  { id: 'three-heavy-patience', title: '3 agents, heavy, leave after ~15 min', agents: 3, utilisation: 0.9, medianHandleMinutes: 6, defaultHandleMinutes: 6, vipShare: 0, meanPatienceMinutes: 15 },
];

/** One simulated customer and what happened to them. */
interface Customer {
  readonly id: string;
  readonly vip: boolean;
  readonly arrivedMs: number;
  readonly handleMs: number;
  readonly patienceMs?: number;
  /** What they were told on joining, and what the previous formula (median, whole rounds) would have said. */
  told?: WaitEstimate & { readonly position: number; readonly minutesPrevious: number };
  /** The last estimate they were told (on joining or on a position change), and when. */
  last?: { readonly minutes: number; readonly atMs: number };
  updates: number;
  assignedMs?: number;
  leftMs?: number;
}

interface Agent {
  readonly id: string;
  /** `accepting`: free, about to press Accept (counted as available, like an idle agent). */
  state: 'idle' | 'accepting' | 'busy';
  idleSinceMs: number;
  handling?: Customer;
}

type EventBody =
  | { readonly kind: 'arrive'; readonly customer: Customer }
  | { readonly kind: 'leave'; readonly customer: Customer }
  | { readonly kind: 'accept'; readonly agent: Agent }
  | { readonly kind: 'finish'; readonly agent: Agent };
type SimEvent = EventBody & { readonly atMs: number; readonly seq: number };

/** Summary figures of a group of customers (times in minutes, shares 0–1). */
interface GroupMetrics {
  readonly customers: number;
  readonly served: number;
  readonly left: number;
  readonly meanWait: number;
  readonly meanEstimate: number;
  readonly meanAbsError: number;
  /** Mean of estimate − actual wait: negative is optimistic. */
  readonly bias: number;
  readonly within2: number;
  readonly underBy5: number;
  readonly basisDefault: number;
  readonly basisMeasured: number;
  /** Share of all customers who waited at least `maxWaitMinutes` (the desk would have timed them out). */
  readonly waitedPastMax: number;
  readonly meanUpdates: number;
  /** Mean absolute error of the last estimate told against the wait that remained. */
  readonly lastToldMeanAbsError: number;
  readonly p90Wait: number;
  /** The same errors had the estimate used the previous formula (median handle time, whole rounds). */
  readonly ifPreviousFormula: { readonly meanAbsError: number; readonly bias: number; readonly within2: number; readonly underBy5: number };
}

/** One simulated day. */
interface Day {
  readonly customers: Customer[];
  /** Minutes after opening when the third handle time was measured and estimates stopped using the default. */
  readonly measuredFromMinute: number | undefined;
}

const minute = 60_000;

function meanHandleMinutes(s: Scenario): number {
  return s.medianHandleMinutes * Math.exp(common.handleSigma ** 2 / 2);
}

/** Arrivals per minute giving the scenario's utilisation (handle time plus accept delay per customer). */
function arrivalRate(s: Scenario): number {
  return (s.utilisation * s.agents) / (meanHandleMinutes(s) + common.acceptDelaySeconds / 60);
}

/** Independent random streams per seed, shared by all scenarios (common random numbers). */
function stream(seed: number, index: number): () => number {
  return seededRandom((Math.imul(seed, 0x9e3779b1) + index * 0x85ebca6b) >>> 0);
}

/** The day's customers: Poisson arrivals, lognormal handle times, VIP flags and patience. */
function customersOf(s: Scenario, seed: number, dayStartMs: number): Customer[] {
  const [arrivals, handles, tiers, patience] = [1, 2, 3, 4].map((i) => stream(seed, i)) as [() => number, () => number, () => number, () => number];
  const rate = arrivalRate(s);
  const customers: Customer[] = [];
  for (let t = -Math.log(1 - arrivals()) / rate; t < common.dayMinutes; t += -Math.log(1 - arrivals()) / rate) {
    const z = Math.sqrt(-2 * Math.log(1 - handles())) * Math.cos(2 * Math.PI * handles());
    const vip = tiers() < s.vipShare;
    const waitLimit = -Math.log(1 - patience()) * (s.meanPatienceMinutes ?? 0);
    customers.push({
      id: `c${String(customers.length).padStart(4, '0')}`,
      vip,
      arrivedMs: dayStartMs + Math.round(t * minute),
      handleMs: Math.round(s.medianHandleMinutes * Math.exp(common.handleSigma * z) * minute),
      ...(s.meanPatienceMinutes !== undefined ? { patienceMs: Math.round(waitLimit * minute) } : {}),
      updates: 0,
    });
  }
  return customers;
}

/** A queued handoff as `HandoffDesk.enqueue` stores it, with a minimal summary. */
function recordFor(c: Customer, at: string): HandoffRecord {
  const tier = c.vip ? 'vip' : undefined;
  const who = { id: c.id, locale: 'en-US' as const, channelId: 'bench', ...(tier ? { tier } : {}) };
  const summary: HandoffSummary = {
    who,
    issue: 'simulated customer',
    customerSaid: [],
    entriesMatched: [],
    tried: [],
    entities: [],
    sentiment: { trend: 'steady', latest: 0, average: 0 },
    reason: 'requested',
    minutesWithBot: 0,
    earlierContacts: [],
    nextStep: 'greet-and-ask',
    generatedAt: at,
  };
  return {
    id: c.id,
    state: 'queued',
    createdAt: at,
    updatedAt: at,
    hub: 'builtin',
    queueId: common.queueId,
    priority: c.vip ? common.vipPriority : 0,
    ...(tier ? { tier } : {}),
    reason: 'requested',
    customer: { userId: c.id, locale: 'en-US', channelId: 'bench', address: { channelId: 'bench', serviceUrl: 'https://bench.invalid/', conversation: { id: `conv-${c.id}` }, bot: { id: 'warmline' } } },
    summary,
    waitingSince: at,
    waitStartedAt: at,
    messagesWhileWaiting: [],
    notes: [],
    events: [{ at, from: 'bot', to: 'queued', by: 'bot', detail: 'requested' }],
  };
}

/** Simulates one day until every customer has been served or has left; returns the customers. */
async function simulateDay(s: Scenario, seed: number): Promise<Day> {
  const dayStartMs = Date.parse(common.dayStart);
  let nowMs = dayStartMs;
  const repo = new HandoffRepository(new MemoryStorage(), { now: () => new Date(nowMs) });
  const customers = customersOf(s, seed, dayStartMs);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const agents: Agent[] = Array.from({ length: s.agents }, (_, i) => ({ id: `agent-${i + 1}`, state: 'idle', idleSinceMs: dayStartMs }));
  const events: SimEvent[] = [];
  let seq = 0;
  let resolved = 0;
  let measuredFromMinute: number | undefined;
  const schedule = (atMs: number, body: EventBody): void => {
    const full: SimEvent = { ...body, atMs, seq: seq++ };
    let low = 0;
    let high = events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = events[mid] as SimEvent;
      if (other.atMs < full.atMs || (other.atMs === full.atMs && other.seq < full.seq)) low = mid + 1;
      else high = mid;
    }
    events.splice(low, 0, full);
  };
  const customerOf = (id: string): Customer => {
    const c = byId.get(id);
    if (!c) throw new Error(`unknown customer ${id}`);
    return c;
  };

  // As HandoffDesk.waitingIn, staffing and estimate do it.
  const waitingIn = async (): Promise<HandoffRecord[]> => (await repo.waiting(common.queueId)).filter((r) => r.hub === 'builtin').sort(compareWaiting);
  const estimate = async (position: number): Promise<WaitEstimate & { minutesPrevious: number }> => {
    const available = agents.filter((a) => a.state !== 'busy').length;
    const busy = agents.length - available;
    const { handleSeconds } = await repo.stats(common.queueId);
    const input = { position, agentsAvailable: available, agentsBusy: busy, handleSeconds, defaultHandleMinutes: s.defaultHandleMinutes };
    return { ...estimateWaitMinutes(input), minutesPrevious: previousEstimateMinutes(input) };
  };
  // As HandoffDesk.positionUpdates: everyone whose position changed is told again.
  const positionUpdates = async (except?: string): Promise<void> => {
    for (const [index, record] of (await waitingIn()).entries()) {
      const position = index + 1;
      if (record.lastToldPosition === position || record.id === except) continue;
      const place = await estimate(position);
      await repo.update(record.id, (r) => {
        if (r.lastToldPosition === position) return false;
        r.lastToldPosition = position;
      });
      const c = customerOf(record.id);
      c.updates += 1;
      c.last = { minutes: place.minutes, atMs: nowMs };
    }
  };
  // Free agents (longest idle first) start accepting while customers wait without one on the way.
  const wake = async (): Promise<void> => {
    const waiting = (await waitingIn()).length;
    const idle = agents.filter((a) => a.state === 'idle').sort((a, b) => a.idleSinceMs - b.idleSinceMs);
    let accepting = agents.filter((a) => a.state === 'accepting').length;
    for (const agent of idle) {
      if (accepting >= waiting) break;
      agent.state = 'accepting';
      accepting += 1;
      schedule(nowMs + common.acceptDelaySeconds * 1000, { kind: 'accept', agent });
    }
  };

  for (const c of customers) schedule(c.arrivedMs, { kind: 'arrive', customer: c });
  for (let event = events.shift(); event; event = events.shift()) {
    nowMs = event.atMs;
    const at = new Date(nowMs).toISOString();
    if (event.kind === 'arrive') {
      const c = event.customer;
      await repo.create(recordFor(c, at));
      await wake();
      const position = (await waitingIn()).findIndex((r) => r.id === c.id) + 1;
      const told = await estimate(position);
      c.told = { minutes: told.minutes, basis: told.basis, minutesPrevious: told.minutesPrevious, position };
      c.last = { minutes: told.minutes, atMs: nowMs };
      await repo.update(c.id, (r) => {
        r.lastToldPosition = position;
      });
      await positionUpdates(c.id);
      if (c.patienceMs !== undefined) schedule(nowMs + c.patienceMs, { kind: 'leave', customer: c });
    } else if (event.kind === 'leave') {
      const moved = await repo.move(event.customer.id, 'cancelled', 'customer', { from: ['queued', 'transferred'] });
      if (!moved.ok) continue;
      event.customer.leftMs = nowMs;
      await positionUpdates();
    } else if (event.kind === 'accept') {
      const agent = event.agent;
      const head = (await waitingIn())[0];
      if (!head) {
        agent.state = 'idle';
        agent.idleSinceMs = nowMs;
        continue;
      }
      const moved = await repo.move(head.id, 'assigned', `agent:${agent.id}`, {
        from: ['queued', 'transferred'],
        change: (r) => {
          r.agentId = agent.id;
          r.agentName = agent.id;
          r.assignedAt = at;
        },
      });
      if (!moved.ok) throw new Error(`${s.id}/${seed}: accepting ${head.id} failed: ${moved.code}`);
      const c = customerOf(head.id);
      c.assignedMs = nowMs;
      agent.state = 'busy';
      agent.handling = c;
      schedule(nowMs + c.handleMs, { kind: 'finish', agent });
      await positionUpdates();
    } else {
      const agent = event.agent;
      const c = agent.handling;
      if (!c) throw new Error(`${s.id}/${seed}: ${agent.id} finished nobody`);
      const moved = await repo.move(c.id, 'resolved', `agent:${agent.id}`, { from: ['assigned'] });
      if (!moved.ok) throw new Error(`${s.id}/${seed}: resolving ${c.id} failed: ${moved.code}`);
      resolved += 1;
      if (resolved === minMeasuredHandleTimes) measuredFromMinute = (nowMs - dayStartMs) / minute;
      delete agent.handling;
      agent.state = 'idle';
      agent.idleSinceMs = nowMs;
      await wake();
    }
  }
  const unfinished = customers.filter((c) => c.assignedMs === undefined && c.leftMs === undefined);
  if (unfinished.length > 0) throw new Error(`${s.id}/${seed}: ${unfinished.length} customers never served`);
  return { customers, measuredFromMinute };
}

/**
 * The formula used before 2026-11-23, kept for comparison: the *median* handle time per whole round
 * of agents, ceil(ceil((p − i) / n) × median). It was optimistic for long queues.
 */
function previousEstimateMinutes(input: { position: number; agentsAvailable: number; agentsBusy: number; handleSeconds: readonly number[]; defaultHandleMinutes: number }): number {
  const sorted = [...input.handleSeconds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const h = sorted.length >= minMeasuredHandleTimes ? median / 60 : input.defaultHandleMinutes;
  const n = Math.max(1, input.agentsAvailable + input.agentsBusy);
  if (input.position <= input.agentsAvailable) return 1;
  return Math.max(1, Math.ceil(Number((Math.ceil((input.position - input.agentsAvailable) / n) * h).toFixed(6))));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function share<T>(values: readonly T[], test: (v: T) => boolean): number {
  return values.length === 0 ? NaN : values.filter(test).length / values.length;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN);
}

/** The figures of a group; estimate errors count served customers only (those who left have no wait to compare). */
function metricsOf(group: readonly Customer[]): GroupMetrics {
  const served = group.filter((c): c is Customer & { assignedMs: number; told: NonNullable<Customer['told']> } => c.assignedMs !== undefined && c.told !== undefined);
  const wait = (c: (typeof served)[number]): number => (c.assignedMs - c.arrivedMs) / minute;
  const error = (c: (typeof served)[number]): number => c.told.minutes - wait(c);
  const errorIfPrevious = (c: (typeof served)[number]): number => c.told.minutesPrevious - wait(c);
  const lastError = (c: (typeof served)[number]): number => (c.last ? c.last.minutes - (c.assignedMs - c.last.atMs) / minute : error(c));
  return {
    customers: group.length,
    served: served.length,
    left: group.filter((c) => c.leftMs !== undefined).length,
    meanWait: mean(served.map(wait)),
    meanEstimate: mean(served.map((c) => c.told.minutes)),
    meanAbsError: mean(served.map((c) => Math.abs(error(c)))),
    bias: mean(served.map(error)),
    within2: share(served.map(error), (e) => Math.abs(e) <= 2),
    underBy5: share(served.map(error), (e) => e < -5),
    basisDefault: share(served, (c) => c.told.basis === 'default'),
    basisMeasured: share(served, (c) => c.told.basis === 'measured'),
    waitedPastMax: share(group, (c) => ((c.assignedMs ?? c.leftMs ?? c.arrivedMs) - c.arrivedMs) / minute >= common.maxWaitMinutes),
    meanUpdates: mean(group.map((c) => c.updates)),
    lastToldMeanAbsError: mean(served.map((c) => Math.abs(lastError(c)))),
    p90Wait: percentile(served.map(wait), 0.9),
    ifPreviousFormula: {
      meanAbsError: mean(served.map((c) => Math.abs(errorIfPrevious(c)))),
      bias: mean(served.map(errorIfPrevious)),
      within2: share(served.map(errorIfPrevious), (e) => Math.abs(e) <= 2),
      underBy5: share(served.map(errorIfPrevious), (e) => e < -5),
    },
  };
}

/** Groups reported for a scenario: everyone, then its split. */
function groupsOf(s: Scenario, customers: readonly Customer[]): { group: string; members: Customer[] }[] {
  const all = { group: 'all', members: [...customers] };
  if (s.split === 'tier') return [all, { group: 'non-VIP', members: customers.filter((c) => !c.vip) }, { group: 'VIP', members: customers.filter((c) => c.vip) }];
  if (s.split === 'basis')
    return [all, { group: "basis 'default'", members: customers.filter((c) => c.told?.basis === 'default') }, { group: "basis 'measured'", members: customers.filter((c) => c.told?.basis === 'measured') }];
  return [all];
}

const columns = ['Scenario', 'Offered load', 'Group', 'Customers', 'Mean wait', 'Mean estimate', 'MAE', 'Bias', '±2 min', 'Under >5', 'Default / measured', 'Waited ≥10', 'Left', 'Last-told MAE'];

function rowOf(title: string, load: number, group: string, m: GroupMetrics): string[] {
  const min = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(1));
  const pct = (v: number): string => (Number.isNaN(v) ? '–' : `${Math.round(v * 100)} %`);
  return [title, load.toFixed(2), group, String(m.customers), min(m.meanWait), min(m.meanEstimate), min(m.meanAbsError), `${m.bias > 0 ? '+' : ''}${min(m.bias)}`, pct(m.within2), pct(m.underBy5), `${pct(m.basisDefault)} / ${pct(m.basisMeasured)}`, pct(m.waitedPastMax), String(m.left), min(m.lastToldMeanAbsError)];
}

function asText(rows: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function asMarkdown(rows: readonly string[][]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date().toISOString();
  const rows: string[][] = [];
  const results = [];
  for (const s of scenarios) {
    const days: Day[] = [];
    for (const seed of common.seeds) days.push(await simulateDay(s, seed));
    const customers = days.flatMap((d) => d.customers);
    // Handle time of every arrival (served or not) per agent-minute of opening time.
    const offeredLoad = customers.reduce((sum, c) => sum + c.handleMs / minute, 0) / (s.agents * common.dayMinutes * days.length);
    const groups = groupsOf(s, customers).map(({ group, members }) => ({ group, metrics: metricsOf(members) }));
    for (const { group, metrics } of groups) rows.push(rowOf(s.title, offeredLoad, group, metrics));
    const switches = days.flatMap((d) => (d.measuredFromMinute === undefined ? [] : [d.measuredFromMinute]));
    results.push({
      ...s,
      meanHandleMinutes: meanHandleMinutes(s),
      arrivalsPerHour: arrivalRate(s) * 60,
      offeredLoad,
      meanMinutesUntilMeasured: mean(switches),
      groups,
      perSeed: days.map((day, i) => ({ seed: common.seeds[i], measuredFromMinute: day.measuredFromMinute, metrics: metricsOf(day.customers) })),
    });
  }
  const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  const machine = machineInfo();
  const output = {
    date,
    durationSeconds,
    machine,
    git: gitInfo(repoRoot),
    seeds: common.seeds,
    parameters: {
      ...common,
      minMeasuredHandleTimes,
      queueStatsLimit,
      handleTimes: 'lognormal: median × exp(handleSigma × Z), Z standard normal',
      arrivals: 'Poisson during dayMinutes; agents then serve everyone still waiting',
      estimator: 'handoff/waitEstimator.ts estimateWaitMinutes: position ≤ idle → 1 min, else ceil(ceil((position − idle) / agents) × h), h = median of the last 50 handle times once 3 are measured, else the default',
      metrics: 'times in minutes; error = estimate at joining − actual wait until an agent accepted (served customers only); shares 0–1',
    },
    scenarios: results,
  };
  console.log(`Wait-estimate benchmark, ${date}, ${machine.cpu} × ${machine.cores}, Node ${machine.node}, seeds ${common.seeds.join(', ')}\n`);
  console.log(asText(rows));
  if (process.argv.includes('--markdown')) console.log(`\n${asMarkdown(rows)}`);
  console.log(`\nRun time: ${durationSeconds} s`);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`Results written to ${path.relative(process.cwd(), resultsFile)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
