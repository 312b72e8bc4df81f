/**
 * Serves the agent workspace (issue 13) at `/agent`: the files `npm run build` writes to dist/agent
 * (Vite + React), with the policy and fallbacks of adapters/builtAppPage.ts. It embeds no Web Chat,
 * so its pages need no style nonce: only its own scripts and styles, and calls (the live event stream
 * too) to this server.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { registerBuiltAppPage } from '../builtAppPage';

/** Options of {@link registerAgentPage}. */
export interface AgentPageOptions {
  /** The built app (dist/agent). */
  readonly root: string;
  readonly logger: Logger;
}

/** Registers `/agent` and everything under it. */
export function registerAgentPage(server: restify.Server, options: AgentPageOptions): void {
  registerBuiltAppPage(server, { ...options, mount: '/agent', name: 'The agent workspace', notBuiltCode: 'AgentWorkspaceNotBuilt', styleNonce: false });
}
