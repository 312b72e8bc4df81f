/**
 * `npm run bench:turns`: how many FAQ turns a second Warmline takes, against a bare botbuilder echo
 * bot measured in the same run with the same load (the ceiling botbuilder, restify and HTTP set).
 * Each server runs in its own process (so its RSS is its own) and replies to one Bot Connector
 * stand-in. Customers ask an FAQ question, `--concurrency` at a time, spread over `--conversations`
 * conversations; Warmline answers and asks whether that solved it (two activities), the echo bot
 * echoes (one). The phases alternate between the servers so both share the machine's noise.
 * `--soak <seconds>` then keeps loading Warmline alone, sampling its memory and counting errors.
 * `--target <url>` loads an already running Warmline (e.g. instances behind a proxy) instead.
 * `--baseline <dir>` adds Warmline from another checkout (with its own node_modules) to the rotation:
 * before and after a change, measured in the same run.
 * `--node-flags "<flags>"` starts Warmline's process with these Node/V8 flags (e.g. the image's
 * `--max-old-space-size=384 --heap-growing-percent=200`), `--baseline-node-flags` the baseline's: with
 * `--baseline .` the same code under two sets of flags, measured in the same run.
 * `--built` runs Warmline (and the baseline) from its compiled `dist/` (`npm run build`), as `npm start`
 * and the image do, instead of the TypeScript sources through tsx, whose compiled sources and source
 * maps add about 80 MB of RSS. The bench's own child code still loads through tsx (about 27 MB of it).
 * Prints a table; writes JSON to bench/results/.
 *
 *   npm run bench:turns -- --turns 10000 --concurrency 20 --conversations 10000 [--storage redis] [--soak 600] [--phases 8] [--baseline ../other-checkout] [--built] [--node-flags "--max-old-space-size=384"] [--baseline-node-flags "…"] [--target http://127.0.0.1:8080] [--profile dir]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConnectorStandIn } from '../test/support/connectorStandIn';
import { gitInfo, machineInfo } from './faq/machineInfo';
import { deleteKeys } from './redisKeys';
import { loadAgent, runLoad } from './turns/loadGenerator';
import type { LoadResult } from './turns/loadGenerator';
import { ServerChild } from './turns/serverChild';
import type { ServerMemory } from './turns/serverChild';
import { soak } from './turns/soak';
import { flatness, phaseFigures } from './turns/turnFigures';
import type { MeasuredPhase, PhaseFigures } from './turns/turnFigures';

const repoRoot = path.resolve(__dirname, '..');
const question = 'How long will delivery take?';
/** The servers: Warmline from this checkout, the echo bot, and optionally Warmline from another checkout (`--baseline`). */
type Server = 'warmline' | 'echo' | 'baseline';
/** Activities each server sends for one turn. */
const repliesPerTurn: Record<Server, number> = { warmline: 2, echo: 1, baseline: 2 };

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv[at + 1];
}

function count(argv: readonly string[], name: string, fallback: number, least: number): number {
  const raw = option(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < least) throw new Error(`${name} needs a whole number of at least ${least}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Node/V8 flags given as one option (`--node-flags "--a=1 --b"`); each must start with `--`. */
function flags(argv: readonly string[], name: string): string[] {
  const raw = option(argv, name);
  if (raw === undefined) return [];
  const list = raw.split(/\s+/).filter((f) => f !== '');
  const bad = list.find((f) => !f.startsWith('--'));
  if (list.length === 0 || bad !== undefined) throw new Error(`${name} takes Node flags such as "--max-old-space-size=384", got ${JSON.stringify(raw)}`);
  return list;
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const turns = count(argv, '--turns', 10_000, 100);
  const concurrency = count(argv, '--concurrency', 20, 1);
  const conversations = count(argv, '--conversations', 10_000, 1);
  const soakSeconds = count(argv, '--soak', 0, 0);
  const target = option(argv, '--target');
  const storageKind = option(argv, '--storage') ?? 'sqlite';
  const profileDir = option(argv, '--profile');
  const baselineRoot = option(argv, '--baseline');
  // Short phases, many of them: both servers see the same spells of other work on the machine.
  const phasesPerServer = count(argv, '--phases', 8, 1);
  const built = argv.includes('--built');
  const nodeFlags = flags(argv, '--node-flags');
  const baselineNodeFlags = flags(argv, '--baseline-node-flags');
  if (baselineNodeFlags.length > 0 && !baselineRoot) throw new Error('--baseline-node-flags needs --baseline <checkout>');
  for (const root of built ? [repoRoot, ...(baselineRoot ? [path.resolve(baselineRoot)] : [])] : []) {
    if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error(`--built runs ${path.join(root, 'dist')}, which is missing: run npm run build there first`);
  }
  if (storageKind !== 'sqlite' && storageKind !== 'redis') throw new Error(`--storage is sqlite or redis, got ${JSON.stringify(storageKind)}`);

  const connector = await new ConnectorStandIn().start();
  const agent = loadAgent(concurrency);
  const dir = mkdtempSync(path.join(tmpdir(), 'warmline-bench-turns-'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `wlbench:${randomBytes(6).toString('hex')}:`;
  const storageEnv: Record<string, string> =
    storageKind === 'redis' ? { STORAGE: 'redis', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix, SQLITE_PATH: path.join(dir, 'analytics.db') } : { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') };
  const runId = randomBytes(3).toString('hex');
  const servers: Partial<Record<Server, ServerChild>> = {};
  const next: Record<Server, number> = { warmline: 0, echo: 0, baseline: 0 };
  const results: Record<Server, MeasuredPhase[]> = { warmline: [], echo: [], baseline: [] };
  let missingReplies = 0;

  /** `n` turns (or until `until`) against one server; checks every turn got its replies. */
  const load = async (server: Server, url: string, n: number, until?: () => boolean): Promise<LoadResult> => {
    connector.replies.splice(0);
    const result = await runLoad(
      { url, serviceUrl: connector.serviceUrl, concurrency, conversationPrefix: `bench-${runId}-${server}`, conversations, first: next[server], more: (started) => (until ? until() : started < n), text: question },
      agent,
    );
    const answered = result.ms.length;
    next[server] += answered + result.errors;
    const replies = connector.replies.filter((r) => r.activity.type === 'message').map((r) => r.activity.text ?? '');
    missingReplies += Math.max(0, answered * repliesPerTurn[server] - replies.length);
    // The bench measures what it says only if the turns did what they should.
    if (answered > 0 && !replies.some((text) => (server === 'echo' ? text === `Echo: ${question}` : /solve/i.test(text)))) throw new Error(`${server} did not answer as expected: ${JSON.stringify(replies.slice(0, 4))}`);
    connector.replies.splice(0);
    return result;
  };

  try {
    if (target) {
      await load('warmline', target, Math.min(500, turns));
      const result = await load('warmline', target, turns);
      const figures = phaseFigures([result]);
      console.log(`\n${turns} FAQ turns against ${target}, ${concurrency} at a time, ${conversations} conversations\n`);
      console.log('| turns/s | p50 ms | p99 ms | errors | missing replies |');
      console.log('|---:|---:|---:|---:|---:|');
      console.log(`| ${figures.turnsPerSecond.toFixed(0)} | ${figures.p50.toFixed(1)} | ${figures.p99.toFixed(1)} | ${figures.errors} | ${missingReplies} |`);
      write('target', { target, turns, concurrency, conversations, figures, missingReplies });
      return;
    }
    const running: Server[] = ['echo', 'warmline', ...(baselineRoot ? (['baseline'] as const) : [])];
    servers.echo = await ServerChild.start('echoServer.ts', {});
    const builtEnv: Record<string, string> = built ? { BENCH_WARMLINE_BUILT: '1' } : {};
    servers.warmline = await ServerChild.start('warmlineServer.ts', { ...storageEnv, ...builtEnv }, [...nodeFlags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])]);
    // The other checkout gets a store of its own.
    if (baselineRoot) servers.baseline = await ServerChild.start('warmlineServer.ts', { ...storageEnv, ...builtEnv, BENCH_WARMLINE_ROOT: path.resolve(baselineRoot), SQLITE_PATH: path.join(dir, 'baseline.db'), REDIS_KEY_PREFIX: `${redisPrefix}baseline:` }, baselineNodeFlags);
    const url = (server: Server): string => (servers[server] as ServerChild).url;
    // Warm-up: JIT, caches, connections; not counted.
    for (const server of running) await load(server, url(server), Math.min(500, Math.ceil(turns / 10)));
    const perPhase = Math.ceil(turns / phasesPerServer);
    for (let phase = 0; phase < phasesPerServer; phase += 1) {
      // Rotate which server goes first, so none always runs on a warmer machine.
      const order = [...running.slice(phase % running.length), ...running.slice(0, phase % running.length)];
      for (const server of order) {
        const cpuBefore = await (servers[server] as ServerChild).cpuMs();
        const result = await load(server, url(server), perPhase);
        results[server].push({ ...result, serverCpuMs: (await (servers[server] as ServerChild).cpuMs()) - cpuBefore });
      }
    }
    const memory: Partial<Record<Server, ServerMemory>> = {};
    for (const server of running) memory[server] = await (servers[server] as ServerChild).memory(true);
    const figures: Partial<Record<Server, PhaseFigures>> = Object.fromEntries(running.map((server) => [server, phaseFigures(results[server])]));
    const echoRate = figures.echo?.turnsPerSecond ?? 1;
    const ratioOf = (server: Server): number => (figures[server]?.turnsPerSecond ?? 0) / echoRate;
    const ratio = ratioOf('warmline');
    const phaseRatios = results.warmline.map((r, i) => r.ms.length / r.elapsedMs / ((results.echo[i]?.ms.length ?? 0) / (results.echo[i]?.elapsedMs ?? 1)));
    console.log(`\n${perPhase * phasesPerServer} FAQ turns per server in ${phasesPerServer} alternating phases, ${concurrency} at a time, ${conversations} conversations; Warmline on ${storageKind}${built ? ', built (dist/)' : ''}${nodeFlags.length > 0 ? `, node ${nodeFlags.join(' ')}` : ''}${baselineRoot ? `; baseline: ${baselineRoot}${baselineNodeFlags.length > 0 ? `, node ${baselineNodeFlags.join(' ')}` : ''}` : ''}\n`);
    console.log('| server | turns/s | p50 ms | p99 ms | RSS MB (end / peak) | heap MB (used / live) | CPU ms / turn | errors | / echo |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const server of running) {
      const f = figures[server] as PhaseFigures;
      const m = memory[server] as ServerMemory;
      console.log(`| ${server} | ${f.turnsPerSecond.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${mb(m.rss)} / ${mb(m.peakRss)} | ${mb(m.heapUsed)} / ${mb(m.liveHeap ?? 0)} | ${f.cpuMsPerTurn?.toFixed(2) ?? '—'} | ${f.errors} | ${ratioOf(server).toFixed(2)}× |`);
    }
    const echoCpu = figures.echo?.cpuMsPerTurn;
    const warmlineCpu = figures.warmline?.cpuMsPerTurn;
    if (echoCpu && warmlineCpu) console.log(`\nCPU per turn, Warmline / echo: ${(warmlineCpu / echoCpu).toFixed(2)}× (the server processes' own CPU time; turns/s also depends on the load generator and the rest of the machine)`);
    for (const server of running) {
      const samples = results[server].flatMap((r) => r.errorSamples).slice(0, 5);
      if (samples.length > 0) console.log(`errors of ${server}: ${samples.join('; ')}`);
    }
    const phaseRates = Object.fromEntries(running.map((server) => [server, results[server].map((r) => (1000 * r.ms.length) / r.elapsedMs)])) as Partial<Record<Server, number[]>>;
    console.log(`\nWarmline / echo turns/s: ${ratio.toFixed(2)}× (per phase ${phaseRatios.map((r) => r.toFixed(2)).join(', ')}); replies missing: ${missingReplies}`);
    for (const server of running) console.log(`turns/s per phase, ${server}: ${(phaseRates[server] ?? []).map((r) => r.toFixed(0)).join(', ')}`);
    const soakResult = soakSeconds > 0 ? await soak(servers.warmline as ServerChild, soakSeconds, (until) => load('warmline', url('warmline'), 0, until)) : undefined;
    if (soakResult) {
      const flat = flatness(soakResult.samples);
      console.log(`\nSoak: ${soakSeconds} s, ${soakResult.result.ms.length} turns (${(soakResult.result.ms.length / (soakResult.result.elapsedMs / 1000)).toFixed(0)}/s), errors ${soakResult.result.errors}, replies missing ${missingReplies}`);
      console.log(`RSS median MB: middle third ${mb(flat.middleRss)}, last third ${mb(flat.lastRss)}; heap median MB: ${mb(flat.middleHeap)} → ${mb(flat.lastHeap)}; memory ${flat.flat ? 'flat' : 'GROWING'}`);
    }
    write(`${storageKind}${built ? '-built' : ''}${baselineRoot ? '-baseline' : ''}${soakSeconds > 0 ? '-soak' : ''}`, { turns: perPhase * phasesPerServer, concurrency, conversations, storage: storageKind, built, nodeFlags, ...(baselineRoot ? { baselineNodeFlags } : {}), ...(baselineRoot ? { baseline: gitInfo(path.resolve(baselineRoot)), baselineRatio: ratioOf('baseline') } : {}), figures, ratio, phaseRatios, phaseRates, memory, missingReplies, soak: soakResult && { seconds: soakSeconds, ...flatness(soakResult.samples), samples: soakResult.samples, errors: soakResult.result.errors, turns: soakResult.result.ms.length } });
    if (missingReplies > 0 || running.some((server) => (figures[server]?.errors ?? 0) > 0)) process.exitCode = 1;
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    agent.destroy();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
    if (storageKind === 'redis' && !target) await deleteKeys(redisUrl, redisPrefix);
  }
}

/** The checkout measured, read when the run starts (the servers load its code then; a commit made during a long soak must not be named). */
const measuredGit = gitInfo(repoRoot);

function write(suffix: string, figures: Record<string, unknown>): void {
  const out = path.join(repoRoot, 'bench', 'results', `turns-${new Date().toISOString().slice(0, 10)}-${suffix}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), git: measuredGit, ...figures }, null, 2)}\n`);
  console.log(`\nwritten: ${path.relative(repoRoot, out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
