/**
 * Which roster agent a signed-in account is, so that an agent proves who they are with their own
 * account instead of the shared agent code: an account with the role agent or supervisor whose name
 * is the roster agent's id (`ana`) or one of its user ids (`agent-ana`). A pure lookup.
 */
import type { AgentProfile, AgentRoster } from '../handoff/routing';
import type { Role } from './roles';

/** Roles that may take conversations as an agent of the roster. */
export const agentRoles: readonly Role[] = ['agent', 'supervisor'];

/** The roster agent `account` is, or undefined (another role, or no agent of that name). */
export function rosterAgentOf(account: { readonly user: string; readonly role: Role }, roster: AgentRoster): AgentProfile | undefined {
  if (!agentRoles.includes(account.role)) return undefined;
  const name = account.user.toLowerCase();
  return roster.agents.find((a) => a.id.toLowerCase() === name) ?? roster.agents.find((a) => a.userIds.some((id) => id.toLowerCase() === name));
}
