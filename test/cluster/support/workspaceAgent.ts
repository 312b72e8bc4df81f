/**
 * An agent of the cluster tests, using the agent workspace's JSON API as the `/agent` page does,
 * signed in once (the session lives in the shared store) and sending each call to the load balancer
 * or, when a test says so, straight to one instance.
 */
import { openAgentEvents } from '../../support/agentEvents';
import type { AgentEventStream, ReceivedEvent } from '../../support/agentEvents';
import { until } from '../../support/until';
import { sessionHeaders, testPassword } from '../../support/studioAccounts';
import type { TestSession } from '../../support/studioAccounts';

/** A waiting customer as the inbox lists them. */
export interface WaitingItem {
  readonly handoffId: string;
  readonly customer: { readonly id: string; readonly name?: string };
  readonly position: number;
  readonly queue: { readonly id: string };
}

/** One line of a conversation's transcript. */
export interface TranscriptLine {
  readonly id: string;
  readonly from: 'customer' | 'bot' | 'agent';
  readonly text: string;
}

/** An agent's inbox. */
export interface Inbox {
  readonly waiting: readonly WaitingItem[];
  readonly sessions: readonly { readonly handoffId: string; readonly customer: { readonly id: string }; readonly state: string }[];
}

/** A signed-in agent. */
export class WorkspaceAgent {
  private constructor(readonly baseUrl: string, readonly session: TestSession) {}

  /** Signs `name` in (the account must exist) through `baseUrl`. */
  static async signIn(baseUrl: string, name: string): Promise<WorkspaceAgent> {
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: testPassword }) });
    if (login.status !== 200) throw new Error(`sign-in of ${name} answered ${login.status}: ${await login.text()}`);
    const body = (await login.json()) as { csrfToken: string };
    return new WorkspaceAgent(baseUrl, { user: name, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.csrfToken });
  }

  /** Calls the API at `via` (default the load balancer); resolves with the status and parsed body. */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, via = this.baseUrl): Promise<{ status: number; body: T }> {
    const res = await fetch(`${via}/api/agent${path}`, {
      method,
      headers: { ...sessionHeaders(this.session), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** The inbox; throws unless 200. */
  async inbox(via?: string): Promise<Inbox> {
    return ok(await this.call<Inbox>('GET', '/inbox', undefined, via), 'inbox');
  }

  /** Accepts a waiting customer; throws unless 200. */
  async accept(handoffId: string, via?: string): Promise<void> {
    ok(await this.call('POST', `/handoffs/${handoffId}/accept`, undefined, via), `accept ${handoffId}`);
  }

  /** Writes to the customer; resolves with the line's id. */
  async write(handoffId: string, text: string, via?: string): Promise<string> {
    return ok(await this.call<{ line: { id: string } }>('POST', `/handoffs/${handoffId}/messages`, { text }, via), `write to ${handoffId}`).line.id;
  }

  /** The conversation's transcript as the workspace shows it. */
  async transcript(handoffId: string, via?: string): Promise<TranscriptLine[]> {
    return ok(await this.call<{ transcript: TranscriptLine[] }>('GET', `/handoffs/${handoffId}`, undefined, via), `conversation ${handoffId}`).transcript;
  }

  /** Opens the live event stream at `via` (the agent is connected, so available, while it is open). */
  events(via = this.baseUrl): Promise<AgentEventStream> {
    return openAgentEvents(via, this.session);
  }
}

function ok<T>(answer: { status: number; body: T }, what: string): T {
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * The agent's live events as the `/agent` page keeps them: reopened through the load balancer
 * whenever the server ends the stream (an instance stopping or dying), so the agent stays connected.
 */
export class LiveEvents {
  private readonly connections: AgentEventStream[] = [];
  private closed = false;

  constructor(private readonly agent: WorkspaceAgent, private readonly via = agent.baseUrl) {}

  /** Every event received, over every connection so far. */
  get events(): ReceivedEvent[] {
    return this.connections.flatMap((c) => c.events);
  }

  /** How many times the stream was opened (1 + reconnections). */
  get opened(): number {
    return this.connections.length;
  }

  /** Opens the stream; resolves once the server said hello. */
  async open(): Promise<this> {
    await this.connect();
    return this;
  }

  /** Waits for an event (received on any connection so far) that matches. */
  async waitFor(predicate: (e: ReceivedEvent) => boolean, what: string, timeoutMs = 10_000): Promise<ReceivedEvent> {
    await until(() => this.events.some(predicate), () => `${what}; events: ${this.events.map((e) => e.type).join(', ')}`, timeoutMs);
    return this.events.find(predicate) as ReceivedEvent;
  }

  /** Closes the stream for good (the page closed). */
  close(): void {
    this.closed = true;
    for (const c of this.connections) c.close();
  }

  private async connect(): Promise<void> {
    while (!this.closed) {
      try {
        this.connections.push(await openAgentEvents(this.via, this.agent.session, () => void this.connect()));
        return;
      } catch {
        // No instance ready yet (all restarting): try again shortly, as the page's EventSource does.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}
