/**
 * `npm run bench:agents`: how long a message takes between a customer and an agent in the workspace,
 * with 3 agents and 20 customers at once (the issue's load).
 * - customer → agent's screen: the customer's message posted to /api/messages (as the channel does)
 *   until the agent's live event stream (what the workspace page reads) delivers it;
 * - agent → customer: the agent's reply posted to /api/agent/handoffs/:id/messages until the
 *   customer's channel (a local Bot Connector stand-in) receives it;
 * - round trip: the sum, as the customer feels it when the agent answers at once.
 * Every customer sends `--rounds` messages, all customers at the same time; the agents answer each at
 * once. One server on the embedded SQLite store (`--redis` for Redis storage and pub/sub).
 * Prints a table; writes JSON to bench/results/.
 *
 *   npm run bench:agents -- --rounds 10
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config';
import { startWarmline } from '../index';
import type { WarmlineApp } from '../index';
import { silentLogger } from '../logger';
import { ConnectorStandIn, messageActivity } from '../test/support/connectorStandIn';
import { openAgentEvents } from '../test/support/agentEvents';
import type { AgentEventStream } from '../test/support/agentEvents';
import { sessionHeaders, signedIn } from '../test/support/studioAccounts';
import type { TestSession } from '../test/support/studioAccounts';
import { post } from '../test/support/testApp';
import { gitInfo, machineInfo } from './faq/machineInfo';
import { latencyStats } from './latencyStats';
import { deleteKeys } from './redisKeys';

const repoRoot = path.resolve(__dirname, '..');
const agentIds = ['ana', 'li', 'sam'];
const customers = 20;

function option(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number of at least 1, got ${JSON.stringify(argv[at + 1])}`);
  return n;
}

async function main(): Promise<void> {
  const rounds = option(process.argv, '--rounds', 10);
  const redis = process.argv.includes('--redis');
  const dir = mkdtempSync(path.join(tmpdir(), 'warmline-bench-agents-'));
  const channel = await new ConnectorStandIn().start();
  // Three agents who all serve the queues customers reach, each taking up to 7 (20 customers in all).
  const agentsFile = path.join(dir, 'agents.yaml');
  writeFileSync(
    agentsFile,
    `agents:\n${agentIds.map((id) => `  - id: ${id}\n    display_name: Agent ${id}\n    queues: [general, orders, specialists]\n    user_ids: [bench-agent-${id}]\n    capacity: 7\n`).join('')}`,
  );
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `wlbench:${randomBytes(6).toString('hex')}:`;
  const storageEnv: Record<string, string> = redis ? { STORAGE: 'redis', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix } : { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'bench.db') };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test', AGENTS_FILE: agentsFile, ...storageEnv });
  let app: WarmlineApp | undefined;
  const streams: AgentEventStream[] = [];
  try {
    app = await startWarmline(config, { logger: silentLogger() });
    const running = app;
    const sessions = new Map<string, TestSession>();
    for (const id of agentIds) {
      sessions.set(id, await signedIn(running, id, 'agent'));
      streams.push(await openAgentEvents(running.url, sessions.get(id) as TestSession));
    }
    const say = (i: number, text: string, id: string) =>
      post(`${running.url}/api/messages`, messageActivity(channel.serviceUrl, `bench-c${i}`, text, { id, channelId: 'webchat', from: { id: `bench-customer-${i}`, name: `Customer ${i}` } }));
    // Every customer asks for a person; the agents take them in turn.
    const handoffs: { id: string; agent: string }[] = [];
    for (let i = 0; i < customers; i += 1) {
      await say(i, 'I need to talk to a person about my order please', `ask-${i}`);
      await channel.waitFor(`bench-c${i}`, (a) => /line|connecting/.test(a.text ?? ''), 10_000);
      const record = await running.desk.openFor(`bench-c${i}`);
      if (!record) throw new Error(`customer ${i} has no handoff`);
      const agent = agentIds[i % agentIds.length] as string;
      const accepted = await fetch(`${running.url}/api/agent/handoffs/${record.id}/accept`, { method: 'POST', headers: sessionHeaders(sessions.get(agent) as TestSession) });
      if (accepted.status !== 200) throw new Error(`accept by ${agent}: HTTP ${accepted.status} ${await accepted.text()}`);
      handoffs.push({ id: record.id, agent });
    }
    const toAgent: number[] = [];
    const toCustomer: number[] = [];
    const roundTrip: number[] = [];
    const customer = async (i: number): Promise<void> => {
      const { id: handoffId, agent } = handoffs[i] as { id: string; agent: string };
      const stream = streams[agentIds.indexOf(agent)] as AgentEventStream;
      for (let r = 0; r < rounds; r += 1) {
        const lineId = `bench-${i}-${r}`;
        const started = performance.now();
        const seen = stream.waitFor((e) => e.type === 'message' && (e.data.line as { id?: string } | undefined)?.id === lineId, 15_000);
        await say(i, `question ${r} from customer ${i}`, lineId);
        await seen;
        const onScreen = performance.now();
        const answer = `answer ${r} for customer ${i}`;
        const delivered = channel.waitFor(`bench-c${i}`, (a) => (a.text ?? '').includes(answer), 15_000);
        const sent = await fetch(`${running.url}/api/agent/handoffs/${handoffId}/messages`, { method: 'POST', headers: { ...sessionHeaders(sessions.get(agent) as TestSession), 'content-type': 'application/json' }, body: JSON.stringify({ text: answer }) });
        if (sent.status !== 200) throw new Error(`reply by ${agent}: HTTP ${sent.status}`);
        await delivered;
        const back = performance.now();
        toAgent.push(onScreen - started);
        toCustomer.push(back - onScreen);
        roundTrip.push(back - started);
      }
    };
    await Promise.all(Array.from({ length: customers }, (_, i) => customer(i)));
    const rows = [
      { what: 'customer → agent’s screen (live event)', ...latencyStats(toAgent) },
      { what: 'agent → customer (channel receives it)', ...latencyStats(toCustomer) },
      { what: 'round trip', ...latencyStats(roundTrip) },
    ];
    console.log(`\n${agentIds.length} agents, ${customers} customers at once, ${rounds} messages each (${toAgent.length} in all; ms; ${redis ? 'Redis storage and pub/sub' : 'SQLite, one process'})\n`);
    console.log('| what | median | p95 | max |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.what} | ${r.median.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} |`);
    const out = path.join(repoRoot, 'bench', 'results', `agents-${new Date().toISOString().slice(0, 10)}${redis ? '-redis' : ''}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machineInfo(), git: gitInfo(repoRoot), agents: agentIds.length, customers, rounds, store: redis ? 'redis' : 'sqlite', rows }, null, 2)}\n`);
    console.log(`\nwritten: ${path.relative(repoRoot, out)}`);
  } finally {
    for (const s of streams) s.close();
    await app?.stop();
    await channel.stop();
    rmSync(dir, { recursive: true, force: true });
    if (redis) await deleteKeys(redisUrl, redisPrefix);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
