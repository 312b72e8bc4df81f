/**
 * A local stand-in for the Bot Connector service: the HTTP server at an activity's serviceUrl that
 * receives the bot's replies. Tests await replies as events instead of sleeping.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { WarmlineApp } from '../../index';
import { startTestApp } from './testApp';

/** A reply the bot sent, with the path it was sent to. */
export interface ReceivedReply {
  readonly path: string;
  readonly activity: Partial<Activity>;
}

/** Connector stand-in; `serviceUrl` goes into the activities a test posts. */
export class ConnectorStandIn {
  readonly replies: ReceivedReply[] = [];
  private readonly events = new EventEmitter();
  private server: Server | undefined;
  private counter = 0;
  private held: Promise<void> | undefined;
  serviceUrl = '';

  /** Holds every reply's HTTP answer until the returned function is called (to keep a turn in flight). */
  hold(): () => void {
    let release: () => void = () => undefined;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(path)) {
          const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<Activity>;
          const reply = { path, activity };
          this.replies.push(reply);
          this.events.emit('reply', reply);
          const id = `reply-${++this.counter}`;
          void (this.held ?? Promise.resolve()).then(() => {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ id }));
          });
          return;
        }
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.serviceUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Resolves with the first (already received or future) reply in a conversation that matches. */
  waitFor(conversationId: string, predicate: (a: Partial<Activity>) => boolean = () => true, timeoutMs = 5000): Promise<Partial<Activity>> {
    const matches = (r: ReceivedReply): boolean => r.activity.conversation?.id === conversationId && predicate(r.activity);
    const seen = this.replies.find(matches);
    if (seen) return Promise.resolve(seen.activity);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('reply', onReply);
        reject(new Error(`no matching reply in conversation ${conversationId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onReply = (r: ReceivedReply): void => {
        if (!matches(r)) return;
        clearTimeout(timer);
        this.events.off('reply', onReply);
        resolve(r.activity);
      };
      this.events.on('reply', onReply);
    });
  }

  /** Message replies in a conversation, in order. */
  messagesIn(conversationId: string): Partial<Activity>[] {
    return this.replies.filter((r) => r.activity.conversation?.id === conversationId && r.activity.type === 'message').map((r) => r.activity);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A Bot Framework message activity as a channel would post it. */
export function messageActivity(serviceUrl: string, conversationId: string, text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: `in-${Math.random().toString(36).slice(2)}`,
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Warmline' },
    conversation: { id: conversationId } as Activity['conversation'],
    timestamp: new Date(),
    locale: 'en-US',
    text,
    ...extra,
  };
}

/** A running server and a connector stand-in it replies to, for one suite: started before its tests, stopped after. */
export interface ServerWithConnector {
  readonly app: WarmlineApp;
  readonly connector: ConnectorStandIn;
}

/** Starts a test server and a connector stand-in around a mocha suite; read the handles inside its tests. */
export function serverWithConnector(env: Record<string, string> = {}): ServerWithConnector {
  const handles: { app?: WarmlineApp; connector?: ConnectorStandIn } = {};
  before(async () => {
    handles.connector = await new ConnectorStandIn().start();
    handles.app = await startTestApp(env);
  });
  after(async () => {
    await handles.app?.stop();
    await handles.connector?.stop();
  });
  return {
    get app(): WarmlineApp {
      if (!handles.app) throw new Error('the server starts in before()');
      return handles.app;
    },
    get connector(): ConnectorStandIn {
      if (!handles.connector) throw new Error('the connector starts in before()');
      return handles.connector;
    },
  };
}
