/**
 * The WebSocket side of the local Direct Line: `GET /v3/directline/conversations/:id/stream?t=<token>&watermark=`
 * upgrades to a socket that first receives the activities after the watermark, then every new
 * activity set as it happens. Clients never need to send anything; what they send is ignored.
 */
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { conversationIdPattern, parseWatermark } from './conversationRecord';
import type { DirectLineContext } from './directLineContext';
import { DirectLineError, directLineErrorBody } from './directLineErrors';
import { assertConversationAccess, assertTokenCurrent } from './directLineTokens';
import type { StreamPresence } from './streamPresence';
import type { ActivitySet } from './wireActivity';

/** Something that emits HTTP `upgrade` events: the `http.Server` under restify. */
export interface UpgradeSource {
  on(event: 'upgrade', listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
}

const streamPath = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
/** A socket whose unsent data grows past this is dropped; its client reconnects from its watermark. */
const maxBufferedBytes = 4 * 1024 * 1024;
/** Open streams per conversation (a few tabs); a new one beyond this closes the oldest ("collision", as Azure says). */
const maxStreamsPerConversation = 8;

/** Serves Direct Line activity streams over WebSocket. */
export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly byConversation = new Map<string, WebSocket[]>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: DirectLineContext,
    private readonly heartbeatMs = 30_000,
    /** Told when a conversation's streams open and close, to report pages gone and back. */
    private readonly presence?: StreamPresence,
    /** Told when a stream opens, to tell the other instances (their presence). */
    private readonly announceOpened?: (conversationId: string) => void,
  ) {}

  /** Starts answering upgrade requests for stream URLs on `server`; other paths are left to other handlers. */
  attach(server: UpgradeSource): void {
    server.on('upgrade', (req, socket, head) => void this.upgrade(req, socket, head));
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Closes every stream (code 1001) and resolves once they are closed; new upgrades get 503 from then on. */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.presence?.stop();
    await Promise.all([...this.alive.keys()].map((ws) => closeSocket(ws)));
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = streamPath.exec(url.pathname);
    if (!match) return;
    socket.on('error', () => socket.destroy());
    try {
      if (this.ctx.state() !== 'open') throw new DirectLineError('WL_DL_CLOSED');
      const credential = url.searchParams.get('t') || /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!credential) throw new DirectLineError('WL_DL_AUTH_MISSING');
      const caller = this.ctx.tokens.authenticateCredential(credential);
      const conversationId = match[1] ?? '';
      if (!conversationIdPattern.test(conversationId)) throw new DirectLineError('WL_DL_CONVERSATION_NOT_FOUND');
      assertConversationAccess(caller, conversationId);
      assertTokenCurrent(caller, await this.ctx.store.require(conversationId));
      const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined);
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.serve(ws, conversationId, watermark));
    } catch (err) {
      const error = err instanceof DirectLineError ? err : new DirectLineError('WL_DL_INTERNAL');
      if (!(err instanceof DirectLineError)) this.ctx.log.error({ err }, 'direct line stream upgrade failed');
      else this.ctx.log.debug({ code: error.code }, 'direct line stream refused');
      refuse(socket, error);
    }
  }

  private async serve(ws: WebSocket, conversationId: string, watermark: number | undefined): Promise<void> {
    this.alive.set(ws, true);
    let stop: (() => void) | undefined;
    let closed = false;
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('error', (err) => this.ctx.log.debug({ err, conversationId }, 'direct line stream error'));
    ws.on('close', () => {
      closed = true;
      this.alive.delete(ws);
      this.forget(conversationId, ws);
      stop?.();
    });
    this.presence?.opened(conversationId);
    this.announceOpened?.(conversationId);
    const streams = [...(this.byConversation.get(conversationId) ?? []), ws];
    this.byConversation.set(conversationId, streams);
    if (streams.length > maxStreamsPerConversation) streams[0]?.close(4000, 'collision');
    this.ctx.log.debug({ conversationId }, 'direct line stream opened');
    try {
      const unsubscribe = await this.ctx.store.follow(conversationId, watermark, (set) => this.push(ws, set));
      if (closed) unsubscribe();
      else stop = unsubscribe;
    } catch (err) {
      this.ctx.log.warn({ err, conversationId }, 'direct line stream could not follow the conversation');
      ws.close(1011, 'conversation unavailable');
    }
  }

  private forget(conversationId: string, ws: WebSocket): void {
    this.presence?.closed(conversationId);
    const rest = (this.byConversation.get(conversationId) ?? []).filter((other) => other !== ws);
    if (rest.length > 0) this.byConversation.set(conversationId, rest);
    else this.byConversation.delete(conversationId);
  }

  private push(ws: WebSocket, set: ActivitySet): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > maxBufferedBytes) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(set));
  }

  private beat(): void {
    for (const [ws, alive] of this.alive) {
      if (!alive) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }
}

function refuse(socket: Duplex, err: DirectLineError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(directLineErrorBody(err));
  socket.end(
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) {
      resolve();
      return;
    }
    const timer = setTimeout(() => ws.terminate(), 1000);
    timer.unref();
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'server shutting down');
  });
}
