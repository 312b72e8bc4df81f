/**
 * `npm run bench:flows`: what a turn through a dialog-flow topic costs next to a turn through the
 * hard-coded FAQ path, on the whole server over HTTP (shipped knowledge and flows, memory storage,
 * a local Bot Connector stand-in). Three kinds of turn, interleaved so that they share the machine's
 * noise: an FAQ question answered with the resolution check; a question that starts the
 * where-is-my-order topic (matcher + flow dialog + Question); the order number answered (entity,
 * HttpRequest to the sample order service, the answer). Prints a table; writes JSON to bench/results/.
 *
 *   npm run bench:flows -- --turns 300
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { startWarmline } from '../index';
import { silentLogger } from '../logger';
import { ConnectorStandIn, messageActivity } from '../test/support/connectorStandIn';
import { post } from '../test/support/testApp';
import { gitInfo, machineInfo } from './faq/machineInfo';

const repoRoot = path.resolve(__dirname, '..');
const kinds = ['faq answer', 'topic start', 'topic answer'] as const;
type Kind = (typeof kinds)[number];

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
  const app = await startWarmline(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', NODE_ENV: 'test' }), { logger: silentLogger() });
  const times: Record<Kind, number[]> = { 'faq answer': [], 'topic start': [], 'topic answer': [] };
  const replies: Record<Kind, string> = { 'faq answer': '', 'topic start': '', 'topic answer': '' };
  const timed = async (kind: Kind, conversationId: string, text: string, keep: boolean): Promise<void> => {
    const started = performance.now();
    const answer = await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, conversationId, text));
    const ms = performance.now() - started;
    if (answer.status !== 200) throw new Error(`${kind}: HTTP ${answer.status}`);
    if (keep) times[kind].push(ms);
    replies[kind] = connector.messagesIn(conversationId).at(-1)?.text ?? '';
  };
  try {
    const warmUp = Math.min(30, Math.floor(turns / 10));
    for (let i = 0; i < warmUp + turns; i += 1) {
      const keep = i >= warmUp;
      await timed('faq answer', `bench-faq-${i}`, 'How long will delivery take?', keep);
      await timed('topic start', `bench-flow-${i}`, 'track my order', keep);
      await timed('topic answer', `bench-flow-${i}`, 'LM-200302', keep);
    }
  } finally {
    await app.stop();
    await connector.stop();
  }
  // The bench measures what it says only if each kind of turn did what it should.
  const faqReplies = connector.messagesIn('bench-faq-0').map((a) => a.text ?? '');
  if (faqReplies.length !== 2 || !/solve/i.test(faqReplies[1] ?? '')) throw new Error(`the FAQ turn did not answer and ask about resolution: ${JSON.stringify(faqReplies)}`);
  if (!/LM-123456/.test(connector.messagesIn('bench-flow-0')[0]?.text ?? '')) throw new Error('the topic did not start');
  if (!/^Order LM-200302 /.test(replies['topic answer'])) throw new Error(`the topic did not answer the order: ${replies['topic answer']}`);
  const rows = kinds.map((kind) => ({ kind, turns: times[kind].length, ...stats(times[kind]) }));
  const faq = rows[0]?.median ?? 1;
  console.log(`\n${turns} turns of each kind, interleaved (ms per turn, over HTTP, memory storage)\n`);
  console.log('| turn | median | p95 | mean | median vs FAQ turn |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.kind} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.mean.toFixed(2)} | ${(r.median / faq).toFixed(2)}× |`);
  const out = path.join(repoRoot, 'bench', 'results', `flows-${new Date().toISOString().slice(0, 10)}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), git: gitInfo(repoRoot), turns, rows }, null, 2)}\n`);
  console.log(`\nwritten: ${path.relative(repoRoot, out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
