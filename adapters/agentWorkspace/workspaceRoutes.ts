/**
 * The agent workspace's JSON API under `/api/agent` (docs/AGENT_API.md): presence, inbox, one
 * conversation (accept, write, type, note, transfer, consult, wrap up), tickets, and the supervisor's
 * overview, reassign, join and capacity. Every route takes a roster agent's account; bodies are
 * checked here and a refusal is a coded 4xx, never a 500 page.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { wrapUpOutcomes } from '../../handoff/agentHistory';
import type { WrapUpOutcome } from '../../handoff/agentHistory';
import type { AgentRoster } from '../../handoff/routing';
import { defaultAgentCapacity } from '../../handoff/routing';
import { WorkspaceError } from '../../handoff/workspaceDesk';
import type { WorkspaceCaller, WorkspaceDesk, WorkspaceErrorCode } from '../../handoff/workspaceDesk';
import { sendError } from '../httpServer';
import type { StudioGuard } from '../studio/studioGuard';
import { workspaceCaller } from './workspaceCaller';

/** What the routes need. */
export interface WorkspaceRoutesDeps {
  readonly guard: StudioGuard;
  readonly roster: () => AgentRoster;
  readonly workspace: WorkspaceDesk;
  /** The quick replies an agent may use, in their language (the page fills the variables). */
  readonly quickReplies?: (caller: WorkspaceCaller) => readonly { readonly id: string; readonly title: string; readonly text: string }[];
  readonly logger: Logger;
}

const statusOf: Readonly<Record<WorkspaceErrorCode, number>> = {
  NotFound: 404,
  AlreadyTaken: 409,
  AtCapacity: 409,
  AlreadyClaimed: 409,
  NotWaiting: 409,
  NotYourQueue: 403,
  NotYours: 403,
  TargetUnavailable: 409,
  UnknownTarget: 422,
  Invalid: 422,
};

const idPattern = /^[0-9a-f-]{8,36}$/i;

type Work = (caller: WorkspaceCaller, req: restify.Request, res: restify.Response) => Promise<void>;

/** Registers the workspace's routes. */
export function registerWorkspaceRoutes(server: restify.Server, deps: WorkspaceRoutesDeps): void {
  const log = deps.logger.child({ area: 'agent-workspace' });
  const { workspace } = deps;
  const route = (work: Work) => async (req: restify.Request, res: restify.Response): Promise<void> => {
    const caller = await workspaceCaller(deps.guard, deps.roster, req, res);
    if (!caller) return;
    try {
      await work(caller, req, res);
    } catch (error) {
      if (error instanceof WorkspaceError) return sendError(res, statusOf[error.code], error.code, error.message);
      if (error instanceof BadRequest) return sendError(res, 400, 'BadRequest', error.message);
      log.error({ err: error, path: req.path() }, 'agent workspace request failed');
      sendError(res, 503, 'TryAgain', 'The request could not be completed just now; nothing was lost. Try again in a moment.');
    }
  };

  server.get('/api/agent/me', route(async (caller, _req, res) => {
    const { agent } = caller;
    res.send(200, {
      agent: { id: agent.id, displayName: agent.displayName, locale: agent.locale, queues: agent.queues, capacity: agent.capacity ?? defaultAgentCapacity },
      role: caller.supervisor ? 'supervisor' : 'agent',
      presence: await workspace.presenceOf(agent),
    });
  }));
  server.post('/api/agent/presence', route(async (caller, req, res) => {
    const status = field(req, 'status');
    if (status !== 'available' && status !== 'away') throw new BadRequest('status is "available" or "away".');
    res.send(200, await workspace.setStatus(caller.agent, status));
  }));
  server.get('/api/agent/inbox', route(async (caller, _req, res) => res.send(200, await workspace.inbox(caller))));
  server.get('/api/agent/history', route(async (caller, _req, res) => res.send(200, { items: await workspace.history(caller) })));
  server.get('/api/agent/transfer-targets', route(async (caller, _req, res) => res.send(200, await workspace.transferTargets(caller))));
  server.get('/api/agent/quick-replies', route(async (caller, _req, res) => res.send(200, { items: deps.quickReplies?.(caller) ?? [] })));

  server.post('/api/agent/handoffs/:id/accept', route(async (caller, req, res) => res.send(200, await workspace.accept(caller, idOf(req)))));
  server.get('/api/agent/handoffs/:id', route(async (caller, req, res) => res.send(200, await workspace.conversation(caller, idOf(req)))));
  server.post('/api/agent/handoffs/:id/messages', route(async (caller, req, res) => res.send(200, { line: await workspace.send(caller, idOf(req), text(req, 'text')) })));
  server.post('/api/agent/handoffs/:id/typing', route(async (caller, req, res) => {
    await workspace.typing(caller, idOf(req));
    res.send(204);
  }));
  server.post('/api/agent/handoffs/:id/notes', route(async (caller, req, res) => res.send(200, await workspace.note(caller, idOf(req), text(req, 'text')))));
  server.post('/api/agent/handoffs/:id/transfer', route(async (caller, req, res) => {
    const queue = optionalText(req, 'queue');
    const agent = optionalText(req, 'agent');
    if ((queue === undefined) === (agent === undefined)) throw new BadRequest('Give either "queue" (a queue id) or "agent" (an agent id).');
    await workspace.transfer(caller, idOf(req), { ...(queue !== undefined ? { queue } : {}), ...(agent !== undefined ? { agent } : {}) }, optionalText(req, 'note'));
    res.send(200, { transferred: true });
  }));
  server.post('/api/agent/handoffs/:id/consult', route(async (caller, req, res) => {
    await workspace.consult(caller, idOf(req), text(req, 'text'));
    res.send(200, { asked: true });
  }));
  server.post('/api/agent/handoffs/:id/wrap-up', route(async (caller, req, res) => {
    await workspace.wrapUp(caller, idOf(req), outcome(req), optionalText(req, 'note'));
    res.send(200, { ended: true });
  }));

  server.post('/api/agent/tickets/:id/claim', route(async (caller, req, res) => res.send(200, await workspace.claimTicket(caller, idOf(req)))));
  server.post('/api/agent/tickets/:id/reply', route(async (caller, req, res) => res.send(200, await workspace.replyTicket(caller, idOf(req), text(req, 'text')))));
  server.post('/api/agent/tickets/:id/close', route(async (caller, req, res) => res.send(200, await workspace.closeTicket(caller, idOf(req), outcome(req), optionalText(req, 'note')))));

  server.get('/api/agent/overview', route(async (caller, _req, res) => res.send(200, await workspace.overview(caller))));
  server.post('/api/agent/handoffs/:id/reassign', route(async (caller, req, res) => {
    await workspace.reassign(caller, idOf(req), text(req, 'agent'));
    res.send(200, { reassigned: true });
  }));
  server.post('/api/agent/handoffs/:id/join', route(async (caller, req, res) => res.send(200, await workspace.join(caller, idOf(req)))));
  server.post('/api/agent/agents/:id/capacity', route(async (caller, req, res) => {
    if (!caller.supervisor) throw new WorkspaceError('NotYours', 'This is for supervisors.');
    const capacity = (body(req) as { capacity?: unknown }).capacity;
    if (typeof capacity !== 'number') throw new BadRequest('capacity is a number from 1 to 10.');
    res.send(200, await workspace.setCapacity(String((req.params as { id?: unknown }).id ?? ''), capacity));
  }));
}

/** A request body that is not what the route takes. */
class BadRequest extends Error {}

function body(req: restify.Request): Record<string, unknown> {
  const value: unknown = req.body;
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('The body is a JSON object.');
  return value as Record<string, unknown>;
}

function field(req: restify.Request, name: string): unknown {
  return body(req)[name];
}

function text(req: restify.Request, name: string): string {
  const value = field(req, name);
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequest(`"${name}" is a non-empty string.`);
  return value;
}

function optionalText(req: restify.Request, name: string): string | undefined {
  const value = field(req, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new BadRequest(`"${name}" is a string.`);
  return value;
}

function outcome(req: restify.Request): WrapUpOutcome {
  const value = field(req, 'outcome');
  if (typeof value !== 'string' || !(wrapUpOutcomes as readonly string[]).includes(value)) throw new BadRequest(`"outcome" is one of ${wrapUpOutcomes.join(', ')}.`);
  return value as WrapUpOutcome;
}

function idOf(req: restify.Request): string {
  const id = String((req.params as { id?: unknown }).id ?? '');
  if (!idPattern.test(id)) throw new BadRequest('An id is 8 to 36 hexadecimal digits and dashes.');
  return id.toLowerCase();
}
