/**
 * A customer of the cluster tests: a Web Chat visitor speaking the local Direct Line 3.0 through the
 * load balancer, as the bundled page does (a token from the secret, start the conversation, post
 * activities). Replies are read with Direct Line's polling (`GET .../activities`), which any instance
 * answers from the shared store; `openStream` listens on the WebSocket stream as Web Chat does.
 */
import { WebSocket } from 'ws';
import { until } from '../../support/until';

/** An activity as the customer's client receives it. */
export interface SeenActivity {
  readonly id: string;
  readonly type: string;
  readonly text?: string;
  readonly replyToId?: string;
  readonly from: { readonly id: string; readonly name?: string; readonly role?: string };
}

/** What came back for one posted activity: 2xx with its id is an acknowledged turn. */
export interface PostAnswer {
  readonly status: number;
  readonly id?: string;
  /** Set when the request itself failed (connection reset by a dying instance, timeout). */
  readonly error?: string;
}

/** One customer's Direct Line conversation. */
export class DirectLineCustomer {
  private constructor(
    private readonly base: string,
    readonly userId: string,
    readonly conversationId: string,
    private readonly token: string,
    readonly streamUrl: string,
    private readonly locale: string,
  ) {}

  /** Gets a token with the secret and starts the conversation (the bot greets it). */
  static async start(baseUrl: string, secret: string, user: { id: string; name: string }, locale = 'en-US'): Promise<DirectLineCustomer> {
    const base = `${baseUrl}/v3/directline`;
    const generated = await json<{ token: string; conversationId: string }>(fetch(`${base}/tokens/generate`, post(secret, { user })));
    const started = await json<{ streamUrl: string }>(fetch(`${base}/conversations`, post(generated.token, { locale })));
    return new DirectLineCustomer(base, user.id, generated.conversationId, generated.token, started.streamUrl, locale);
  }

  /**
   * Sends a message through the load balancer or `via` one instance; never throws (a refused or
   * broken request is part of what the tests observe).
   */
  async say(text: string, via?: string): Promise<PostAnswer> {
    const activity = { type: 'message', from: { id: this.userId }, text, locale: this.locale };
    const base = via ? `${via}/v3/directline` : this.base;
    try {
      const res = await fetch(`${base}/conversations/${this.conversationId}/activities`, { ...post(this.token, activity), signal: AbortSignal.timeout(20_000) });
      const body = (await res.json().catch(() => ({}))) as { id?: string };
      return { status: res.status, ...(body.id ? { id: body.id } : {}) };
    } catch (err) {
      return { status: 0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }

  /**
   * Sends a message and resolves with the bot's replies to it. The turn has ended when the post is
   * answered, so the first read that shows a reply shows them all.
   */
  async ask(text: string, via?: string, timeoutMs = 15_000): Promise<string[]> {
    const answer = await this.say(text, via);
    if (answer.status !== 200 || !answer.id) throw new Error(`"${text}" was not taken: ${JSON.stringify(answer)}`);
    const replies = await this.repliesTo(answer.id, `a reply to "${text}"`, timeoutMs);
    return replies.map((a) => a.text ?? '');
  }

  /** Waits for the bot's messages in reply to activity `id`, and resolves with those of the first read that has one. */
  async repliesTo(id: string, what: string, timeoutMs = 15_000): Promise<SeenActivity[]> {
    let replies: SeenActivity[] = [];
    await this.waitFor((a) => a.replyToId === id && a.type === 'message', what, timeoutMs, (all) => {
      replies = all.filter((a) => a.replyToId === id && a.type === 'message');
    });
    return replies;
  }

  /** Every activity of the conversation as the store keeps it, read through the load balancer or `via` one instance. */
  async activities(via?: string): Promise<SeenActivity[]> {
    const base = via ? `${via}/v3/directline` : this.base;
    const res = await fetch(`${base}/conversations/${this.conversationId}/activities`, { headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(5000) });
    if (res.status !== 200) throw new Error(`GET activities answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { activities: SeenActivity[] }).activities;
  }

  /** The bot's message texts so far. */
  async botTexts(): Promise<string[]> {
    return (await this.activities()).filter((a) => a.type === 'message' && a.from.id !== this.userId).map((a) => a.text ?? '');
  }

  /** Waits until an activity matches (reads that fail while an instance or Redis is down are retried). */
  async waitFor(predicate: (a: SeenActivity) => boolean, what: string, timeoutMs = 15_000, onFound?: (all: SeenActivity[]) => void): Promise<SeenActivity> {
    let found: SeenActivity | undefined;
    let seen: SeenActivity[] = [];
    await until(
      async () => {
        seen = await this.activities().catch(() => seen);
        found = seen.find(predicate);
        if (found) onFound?.(seen);
        return found !== undefined;
      },
      () => `${what} in ${this.conversationId}; it has: ${JSON.stringify(seen.map((a) => `${a.from.id}: ${(a.text ?? a.type).slice(0, 80)}`))}`,
      timeoutMs,
    );
    return found as SeenActivity;
  }

  /** Waits for a bot message containing `fragment`. */
  waitForText(fragment: string, timeoutMs?: number): Promise<SeenActivity> {
    return this.waitFor((a) => a.type === 'message' && a.from.id !== this.userId && (a.text ?? '').includes(fragment), `a bot message with "${fragment}"`, timeoutMs);
  }

  /** Opens the WebSocket stream (through the load balancer) and collects what it delivers. */
  async openStream(): Promise<CustomerStream> {
    const socket = new WebSocket(this.streamUrl);
    const received: SeenActivity[] = [];
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text.trim() === '') return;
      received.push(...(JSON.parse(text) as { activities: SeenActivity[] }).activities);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { received, close: () => socket.terminate() };
  }
}

/** A customer's open WebSocket stream. */
export interface CustomerStream {
  readonly received: SeenActivity[];
  close(): void;
}

function post(bearer: string, body: unknown): RequestInit {
  return { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

async function json<T>(response: Promise<Response>): Promise<T> {
  const res = await response;
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) throw new Error(`${res.url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}
