/**
 * An agent's live event stream (`GET /api/agent/events`) read in a test: the events as they come, a
 * wait for one that matches, and closing it (the agent's page closing).
 */
import type { TestSession } from './studioAccounts';

/** One received event. */
export interface ReceivedEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** An open event stream. */
export interface AgentEventStream {
  readonly events: ReceivedEvent[];
  waitFor(predicate: (e: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

/**
 * Opens the stream as `session`; resolves once the server said hello. `onEnd` is called when the
 * server ends it (or it breaks), not when it is closed with `close()`.
 */
export async function openAgentEvents(baseUrl: string, session: TestSession, onEnd?: () => void): Promise<AgentEventStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/agent/events`, { headers: { cookie: session.cookie }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`event stream answered ${response.status}: ${await response.text()}`);
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) {
        if (!controller.signal.aborted) onEnd?.();
        return;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
        for (const wake of [...waiters]) wake();
      }
    }
  })();
  const stream: AgentEventStream = {
    events,
    waitFor(predicate, timeoutMs = 5000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        const check = (): void => {
          const found = events.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
  await stream.waitFor((e) => e.type === 'hello');
  return stream;
}
