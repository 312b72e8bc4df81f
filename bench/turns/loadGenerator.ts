/**
 * The load of `npm run bench:turns`: customers' messages posted to a server's /api/messages as a
 * channel would, `concurrency` at a time over keep-alive connections, each to one of `conversations`
 * conversations in turn. A turn's time is its POST's: the bot has sent its replies when it answers.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { messageActivity } from '../../test/support/connectorStandIn';

/** One run of turns against one server. */
export interface LoadPlan {
  /** Base URL of the server (its /api/messages takes the activities). */
  readonly url: string;
  /** Where the bot's replies go (the connector stand-in). */
  readonly serviceUrl: string;
  readonly concurrency: number;
  /** Conversation ids are `<prefix>-<n>` for n in [0, conversations). */
  readonly conversationPrefix: string;
  readonly conversations: number;
  /** Index of the first turn: turn i goes to conversation (first + i) mod conversations. */
  readonly first: number;
  /** Whether to start another turn (the number of turns started so far). */
  readonly more: (started: number) => boolean;
  readonly text: string;
}

/** What a run measured. */
export interface LoadResult {
  /** Milliseconds of each turn that succeeded. */
  readonly ms: number[];
  /** Turns answered other than 200, or whose request failed. */
  readonly errors: number;
  /** A few error descriptions, for the report. */
  readonly errorSamples: string[];
  readonly elapsedMs: number;
}

/** Keep-alive connections for a load run, one per concurrent customer. */
export function loadAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency });
}

/** Posts turns as the plan says; resolves once every turn has been answered. */
export async function runLoad(plan: LoadPlan, agent: Agent): Promise<LoadResult> {
  const endpoint = new URL('/api/messages', plan.url);
  const ms: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let started = 0;
  const begin = performance.now();
  const worker = async (): Promise<void> => {
    while (plan.more(started)) {
      const n = (plan.first + started) % plan.conversations;
      started += 1;
      const body = JSON.stringify(messageActivity(plan.serviceUrl, `${plan.conversationPrefix}-${n}`, plan.text, { from: { id: `${plan.conversationPrefix}-user-${n}`, name: 'Customer' } }));
      const t0 = performance.now();
      try {
        const status = await post(endpoint, body, agent);
        if (status === 200) ms.push(performance.now() - t0);
        else {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
        }
      } catch (err) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, () => worker()));
  return { ms, errors, errorSamples, elapsedMs: performance.now() - begin };
}

function post(url: URL, body: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}
