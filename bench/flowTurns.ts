/**
 * `npm run bench:flows`: what the flow runtime costs, on the whole server over HTTP (shipped
 * knowledge, memory storage, a local Bot Connector stand-in). Three servers side by side: one with
 * no flows published (the built-in steps), one with only the default topics of content/flows (the
 * same knowledge base: they add no trigger queries), and one with the shipped flows. The first two
 * take the same turns, interleaved so that they share the machine's noise: an FAQ question (the
 * answer, then the resolution check: OnAnswered), the rating after "yes" (OnResolved), a question
 * with no answer (OnUnknownIntent); the replies must be the same word for word. The third runs an
 * admin's topic against an FAQ turn: a question that starts where-is-my-order (matcher + flow dialog
 * + Question) and the order number answered (entity, HttpRequest to the sample order service, the
 * status, and the topic's resolution check).
 * Prints tables; writes JSON to bench/results/.
 *
 *   npm run bench:flows -- --turns 300
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { startWarmline } from '../index';
import type { WarmlineApp } from '../index';
import { silentLogger } from '../logger';
import { ConnectorStandIn, messageActivity } from '../test/support/connectorStandIn';
import { post } from '../test/support/testApp';
import { gitInfo, machineInfo } from './faq/machineInfo';

const repoRoot = path.resolve(__dirname, '..');
/** Turns both servers take: the bot's own behaviour, built-in on one, through the default topics on the other. */
const shared = ['faq answer', 'rating', 'no answer'] as const;
/** Turns only the server with flows takes: an admin's topic. */
const topicOnly = ['topic start', 'topic answer'] as const;
type Kind = (typeof shared)[number] | (typeof topicOnly)[number];
type Server = 'built-in' | 'topics' | 'shipped';

/** The default topics of content/flows: the system triggers, no trigger queries of their own. */
function defaultTopicsOnly(into: string): void {
  const source = path.join(repoRoot, 'content', 'flows');
  for (const name of readdirSync(source)) {
    if (!name.endsWith('.yaml') || name.endsWith('.test.yaml')) continue;
    const text = readFileSync(path.join(source, name), 'utf8');
    if (!/^\s+kind: OnRecognizedIntent/m.test(text)) copyFileSync(path.join(source, name), path.join(into, name));
  }
}

function turnsOption(argv: readonly string[]): number {
  const at = argv.indexOf('--turns');
  if (at < 0) return 300;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 10) throw new Error(`--turns needs a whole number of at least 10, got ${JSON.stringify(argv[at + 1])}`);
  return n;
}

function stats(ms: readonly number[]): { median: number; p95: number; mean: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) };
}

async function main(): Promise<void> {
  const turns = turnsOption(process.argv.slice(2));
  const connector = await new ConnectorStandIn().start();
  // An empty flows folder: nothing is published, so the bot runs its built-in steps. The default
  // topics alone add no trigger queries to the knowledge base, so both answer from the same one.
  const noFlows = mkdtempSync(path.join(tmpdir(), 'warmline-bench-noflows-'));
  const defaults = mkdtempSync(path.join(tmpdir(), 'warmline-bench-defaults-'));
  defaultTopicsOnly(defaults);
  const settings = { PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  const apps: Record<Server, WarmlineApp> = {
    'built-in': await startWarmline(loadConfig({ ...settings, FLOWS_DIR: noFlows }), { logger: silentLogger() }),
    topics: await startWarmline(loadConfig({ ...settings, FLOWS_DIR: defaults }), { logger: silentLogger() }),
    shipped: await startWarmline(loadConfig(settings), { logger: silentLogger() }),
  };
  const times = new Map<string, number[]>();
  const last = new Map<string, string>();
  const timed = async (server: Server, kind: Kind, conversationId: string, text: string, keep: boolean): Promise<void> => {
    const started = performance.now();
    const answer = await post(`${apps[server].url}/api/messages`, messageActivity(connector.serviceUrl, conversationId, text));
    const ms = performance.now() - started;
    if (answer.status !== 200) throw new Error(`${server} ${kind}: HTTP ${answer.status}`);
    const key = `${server}/${kind}`;
    if (keep) times.set(key, [...(times.get(key) ?? []), ms]);
    last.set(key, connector.messagesIn(conversationId).at(-1)?.text ?? '');
  };
  try {
    if (apps['built-in'].flows.current()) throw new Error('the built-in server has flows published');
    if (!apps.topics.flows.current()?.topics.some((t) => t.trigger.kind === 'OnAnswered')) throw new Error('the topics server has no default topics');
    if (apps.topics.flows.current()?.topics.some((t) => t.trigger.kind === 'OnRecognizedIntent')) throw new Error('the topics server has trigger queries');
    const warmUp = Math.min(30, Math.floor(turns / 10));
    for (let i = 0; i < warmUp + turns; i += 1) {
      const keep = i >= warmUp;
      // Alternate which server goes first, so neither always runs on a warmer machine.
      const order: Server[] = i % 2 === 0 ? ['built-in', 'topics'] : ['topics', 'built-in'];
      for (const server of order) {
        await timed(server, 'faq answer', `bench-${server}-faq-${i}`, 'How long will delivery take?', keep);
        await post(`${apps[server].url}/api/messages`, messageActivity(connector.serviceUrl, `bench-${server}-faq-${i}`, 'yes'));
        await timed(server, 'rating', `bench-${server}-faq-${i}`, '5', keep);
        await timed(server, 'no answer', `bench-${server}-miss-${i}`, 'qwzx blorf vrrk', keep);
      }
      await timed('shipped', 'faq answer', `bench-shipped-faq-${i}`, 'How long will delivery take?', keep);
      await timed('shipped', 'topic start', `bench-flow-${i}`, 'track my order', keep);
      await timed('shipped', 'topic answer', `bench-flow-${i}`, 'LM-200302', keep);
    }
  } finally {
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await connector.stop();
    rmSync(noFlows, { recursive: true, force: true });
    rmSync(defaults, { recursive: true, force: true });
  }
  // The bench measures what it says only if each kind of turn did what it should, the same on both servers.
  for (const server of ['built-in', 'topics'] as const) {
    const faqReplies = connector.messagesIn(`bench-${server}-faq-0`).map((a) => a.text ?? '');
    if (faqReplies.length < 4 || !/solve/i.test(faqReplies[1] ?? '')) throw new Error(`${server}: the FAQ turn did not answer and ask about resolution: ${JSON.stringify(faqReplies)}`);
    if (!/thank/i.test(last.get(`${server}/rating`) ?? '')) throw new Error(`${server}: the rating was not thanked: ${last.get(`${server}/rating`)}`);
    if (!/don't have an answer/.test(last.get(`${server}/no answer`) ?? '')) throw new Error(`${server}: no "no answer": ${last.get(`${server}/no answer`)}`);
  }
  for (const kind of shared) {
    if (last.get(`built-in/${kind}`) !== last.get(`topics/${kind}`)) throw new Error(`${kind}: the servers said different things: ${last.get(`built-in/${kind}`)} / ${last.get(`topics/${kind}`)}`);
  }
  if (!/LM-123456/.test(connector.messagesIn('bench-flow-0')[0]?.text ?? '')) throw new Error('the topic did not start');
  const topicReplies = connector.messagesIn('bench-flow-0').map((a) => a.text ?? '');
  if (!topicReplies.some((t) => /^Order LM-200302 /.test(t)) || !/solve/i.test(topicReplies.at(-1) ?? '')) throw new Error(`the topic did not answer the order and ask whether that solved it: ${JSON.stringify(topicReplies)}`);

  const median = (key: string): number => stats(times.get(key) ?? []).median;
  const sameBehaviour = shared.map((kind) => {
    const builtIn = stats(times.get(`built-in/${kind}`) ?? []);
    const topics = stats(times.get(`topics/${kind}`) ?? []);
    return { kind, builtIn, topics, ratio: topics.median / builtIn.median };
  });
  const faq = median('shipped/faq answer');
  const topicRows = (['faq answer', ...topicOnly] as const).map((kind) => ({ kind, ...stats(times.get(`shipped/${kind}`) ?? []), vsFaq: median(`shipped/${kind}`) / faq }));
  console.log(`\n${turns} turns of each kind, interleaved (ms per turn, over HTTP, memory storage)\n`);
  console.log('The same behaviour, built-in steps against the default topics:\n');
  console.log('| turn | built-in median | built-in p95 | default topics median | default topics p95 | topics / built-in |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of sameBehaviour) console.log(`| ${r.kind} | ${r.builtIn.median.toFixed(2)} | ${r.builtIn.p95.toFixed(2)} | ${r.topics.median.toFixed(2)} | ${r.topics.p95.toFixed(2)} | ${r.ratio.toFixed(2)}× |`);
  console.log('\nAn admin\'s topic against an FAQ turn (the shipped flows: default and sample topics):\n');
  console.log('| turn | median | p95 | mean | median vs FAQ turn |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of topicRows) console.log(`| ${r.kind} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.mean.toFixed(2)} | ${r.vsFaq.toFixed(2)}× |`);
  const out = path.join(repoRoot, 'bench', 'results', `flows-${new Date().toISOString().slice(0, 10)}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), git: gitInfo(repoRoot), turns, sameBehaviour, topicRows }, null, 2)}\n`);
  console.log(`\nwritten: ${path.relative(repoRoot, out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
