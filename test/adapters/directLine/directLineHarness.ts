/**
 * Test support: a real restify server (createHttpServer) with a LocalDirectLine and a real
 * botbuilder bot (CloudAdapter, anonymous) at POST /api/messages, listening on 127.0.0.1.
 * The bot is a test fixture: it welcomes added users, echoes text, and exercises the connector
 * callbacks (update, delete, typing, members) on request.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { Storage, TurnContext } from 'botbuilder';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage } from 'botbuilder';
import type { Request, Response } from 'restify';
import { createHttpServer } from '../../../adapters/httpServer';
import type { HttpServer } from '../../../adapters/httpServer';
import { LocalDirectLine } from '../../../adapters/directLine/localDirectLine';
import type { LocalDirectLineOptions } from '../../../adapters/directLine/localDirectLine';
import { silentLogger } from '../../../logger';

/** Secret every harness uses unless told otherwise. */
export const testSecret = 'test-secret-0123456789abcdef';

/** The part of botbuilder's ConnectorClient the fixture bot uses to list members. */
interface MembersClient {
  conversations: { getConversationMembers(conversationId: string): Promise<Array<{ id: string }>> };
}

/** The fixture bot: `welcome <id>` for added users, `echo: <text>`, and a few connector exercises. */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(`welcome ${member.id}`);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answer(context, context.activity.text ?? '');
      await next();
    });
  }

  private async answer(context: TurnContext, text: string): Promise<void> {
    if (text === 'update') {
      const sent = await context.sendActivity('draft');
      await context.updateActivity({ type: 'message', id: sent?.id, text: 'final' });
    } else if (text === 'delete') {
      const sent = await context.sendActivity('temporary');
      await context.deleteActivity(sent?.id ?? '');
      await context.sendActivity('deleted');
    } else if (text === 'typing') {
      await context.sendActivity({ type: 'typing' });
      await context.sendActivity('typed');
    } else if (text === 'huge') {
      // A card far over the bot's limits: the connector refuses it, and the bot says what it was told.
      try {
        await context.sendActivity({ type: 'message', attachments: [{ contentType: 'application/json', content: { blob: 'x'.repeat(200 * 1024) } }] });
      } catch (err) {
        const refusal = err as { statusCode?: number; response?: { bodyAsText?: string } };
        const code = (JSON.parse(refusal.response?.bodyAsText ?? '{}') as { code?: string }).code;
        await context.sendActivity(`refused: ${refusal.statusCode} ${code}`);
      }
    } else if (text === 'members') {
      const client = context.turnState.get<MembersClient>(context.adapter.ConnectorClientKey);
      const members = await client.conversations.getConversationMembers(context.activity.conversation.id);
      await context.sendActivity(`members: ${members.map((m) => m.id).join(',')}`);
    } else {
      await context.sendActivity(`echo: ${text}`);
    }
  }
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  readonly storage?: Storage;
  readonly secret?: string;
  readonly maxMessageChars?: number;
  readonly tokenTtlSeconds?: number;
  /** Interface to listen on; default 127.0.0.1 (the harness always reaches itself there). */
  readonly host?: string;
  readonly maxRecordBytes?: number;
  readonly limits?: LocalDirectLineOptions['limits'];
  /** Body limit of the HTTP server; default 256 KiB, as the server's MAX_BODY_BYTES default. */
  readonly maxBodyBytes?: number;
  /** Reports of pages gone and back, as the server wires them for customers' agents. */
  readonly presence?: LocalDirectLineOptions['presence'];
}

/** A running server with the local Direct Line and the fixture bot. */
export interface Harness {
  /** e.g. `http://127.0.0.1:54321` */
  readonly base: string;
  /** The Direct Line domain for botframework-directlinejs: `${base}/v3/directline`. */
  readonly domain: string;
  readonly directLine: LocalDirectLine;
  readonly http: HttpServer;
  readonly storage: Storage;
  /** Set to true to make /api/messages answer 500 without running the bot. */
  botDown: boolean;
  /** Activities the bot's endpoint received, in order. */
  readonly botReceived: Array<{ type?: string; text?: string; from?: { id: string }; membersAdded?: Array<{ id: string }>; [key: string]: unknown }>;
  readonly port: number;
  /** Moves the LocalDirectLine's clock forward. */
  advanceClock(seconds: number): void;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with a free port. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const logger = silentLogger();
  const http = createHttpServer({ maxBodyBytes: options.maxBodyBytes ?? 256 * 1024, logger });
  const storage = options.storage ?? new MemoryStorage();
  let offsetMs = 0;
  let base = '';
  const directLine = new LocalDirectLine({
    secret: options.secret ?? testSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    internalBaseUrl: () => base,
    publicBaseUrl: () => base,
    storage,
    logger,
    maxMessageChars: options.maxMessageChars ?? 4000,
    now: () => new Date(Date.now() + offsetMs),
    ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.presence ? { presence: options.presence } : {}),
  });
  directLine.register(http.server);

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  const harness: Harness = {
    base: '',
    domain: '',
    port: 0,
    directLine,
    http,
    storage,
    botDown: false,
    botReceived: [],
    advanceClock: (seconds) => {
      offsetMs += seconds * 1000;
    },
    close: async () => {
      await directLine.close();
      http.server.server.closeAllConnections();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
    },
  };
  http.server.post('/api/messages', async (req: Request, res: Response) => {
    if (harness.botDown) {
      res.send(500, { code: 'BotDown', message: 'test bot is down' });
      return;
    }
    harness.botReceived.push(req.body as Harness['botReceived'][number]);
    await adapter.process(req, res, (context) => bot.run(context));
  });

  await new Promise<void>((resolve) => http.server.listen(0, options.host ?? '127.0.0.1', () => resolve()));
  const port = (http.server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return Object.assign(harness, { base, port, domain: `${base}/v3/directline` });
}

/** fetch against the harness with an optional bearer credential and JSON body. */
export async function call(
  harness: Harness,
  method: string,
  path: string,
  options: { auth?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> & { code?: string; message?: string } }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = `Bearer ${options.auth}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${harness.base}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** What a stream URL answers to a WebSocket upgrade: 101 when it opens, else the refusal's status and code. */
export function streamStatus(url: string): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve({ status: 101 });
    });
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { code?: string };
        resolve({ status: res.statusCode ?? 0, ...(body.code ? { code: body.code } : {}) });
      });
    });
    ws.once('error', reject);
  });
}
