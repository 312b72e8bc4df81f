/**
 * `GET /api/agent/events`: the workspace's live events as Server-Sent Events. While a stream is open
 * its agent is connected (the presence is renewed a grace period ahead every few seconds); each event
 * of the desk's bus goes to the agents it concerns: queue changes to agents of that queue, a
 * conversation's lines, typing and notes to its agent and the supervisors watching it, consult
 * requests and presence to supervisors. Events carry no ids to replay: a page that reconnects
 * refetches and merges by id.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { DeskEvent, DeskEventBus } from '../../handoff/deskEvents';
import type { AgentRoster } from '../../handoff/routing';
import type { WorkspaceCaller, WorkspaceDesk } from '../../handoff/workspaceDesk';
import type { StudioGuard } from '../studio/studioGuard';
import { workspaceCaller } from './workspaceCaller';

/** What the stream needs. */
export interface EventStreamDeps {
  readonly guard: StudioGuard;
  readonly roster: () => AgentRoster;
  readonly workspace: WorkspaceDesk;
  readonly events: DeskEventBus;
  /** Seconds an agent stays connected after their last page closed; the presence is renewed four times within it, so a late timer or a slow write does not make a connected agent offline. */
  readonly graceSeconds: number;
  readonly logger: Logger;
}

/** The open streams, so that shutdown can end them. */
export interface EventStreams {
  /** Streams open on this instance. */
  count(): number;
  /** Ends every stream (pages reconnect to another instance). */
  closeAll(): void;
}

/** Registers the event stream route. */
export function registerEventStream(server: restify.Server, deps: EventStreamDeps): EventStreams {
  const log = deps.logger.child({ area: 'agent-events' });
  const open = new Set<() => void>();
  const renewMs = Math.max(250, Math.floor((deps.graceSeconds * 1000) / 4));

  server.get('/api/agent/events', async (req: restify.Request, res: restify.Response) => {
    const caller = await workspaceCaller(deps.guard, deps.roster, req, res);
    if (!caller) return;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    const send = (type: string, data: unknown): void => {
      if (!res.writableEnded) res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const presence = await deps.workspace.connected(caller.agent).catch((err: unknown) => {
      log.warn({ err, agentId: caller.agent.id }, 'could not mark the agent connected');
      return undefined;
    });
    send('hello', { agentId: caller.agent.id, ...(presence ? { presence } : {}) });
    const unsubscribe = deps.events.subscribe((event) => {
      void concerns(deps.workspace, caller, event)
        .then((yes) => {
          if (yes) send(event.type, payloadOf(event));
        })
        .catch((err: unknown) => log.warn({ err, type: event.type }, 'could not route a live event'));
    });
    const renew = setInterval(() => {
      res.write(': keep-alive\n\n');
      deps.workspace.connected(caller.agent).catch((err: unknown) => log.warn({ err, agentId: caller.agent.id }, 'could not renew the agent’s presence'));
    }, renewMs);
    renew.unref();
    const close = (): void => {
      if (!open.delete(close)) return;
      clearInterval(renew);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    open.add(close);
    req.on('close', close);
    res.on('close', close);
  });

  return {
    count: () => open.size,
    closeAll: () => {
      for (const close of [...open]) close();
    },
  };
}

/** Whether an event concerns the caller. */
async function concerns(workspace: WorkspaceDesk, caller: WorkspaceCaller, event: DeskEvent): Promise<boolean> {
  const me = caller.agent.id;
  switch (event.type) {
    case 'inbox':
      return event.queueId === undefined || caller.supervisor || caller.agent.queues.includes(event.queueId);
    case 'presence':
      return event.agentId === me || caller.supervisor;
    case 'consult':
      return caller.supervisor;
    default:
      if ('agentId' in event && event.agentId === me) return true;
      return (await workspace.listeners(event.handoffId)).has(me);
  }
}

/** The event's data as the page reads it (without routing fields it does not need). */
function payloadOf(event: DeskEvent): unknown {
  const { type: _type, ...data } = event;
  return data;
}
