/**
 * Who calls an agent workspace route: a signed-in account (session or API token, as the studio) with
 * the role agent or supervisor that is a roster agent. Answers 401/403 itself and resolves undefined.
 */
import type restify from 'restify';
import { agentRoles, rosterAgentOf } from '../../accounts/agentAccount';
import type { AgentRoster } from '../../handoff/routing';
import type { WorkspaceCaller } from '../../handoff/workspaceDesk';
import { sendError } from '../httpServer';
import type { StudioGuard } from '../studio/studioGuard';

/** The roster agent behind a request, or undefined once refused. */
export async function workspaceCaller(guard: StudioGuard, roster: () => AgentRoster, req: restify.Request, res: restify.Response): Promise<WorkspaceCaller | undefined> {
  const caller = await guard.requireRole(req, res, ...agentRoles);
  if (!caller) return undefined;
  const agent = rosterAgentOf(caller.session, roster());
  if (!agent) {
    sendError(res, 403, 'NotAnAgent', `The account "${caller.session.user}" is not an agent of the roster: its name must be a roster agent's id or one of their user ids (content/agents.yaml).`);
    return undefined;
  }
  return { agent, supervisor: caller.session.role === 'supervisor' };
}
