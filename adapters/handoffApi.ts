/**
 * Read-only JSON API over handoffs, for a CRM or a wallboard: the open handoffs with their context
 * summaries, and one handoff with its events and notes. For agents, supervisors and admins: a studio
 * session or their API token (`Authorization: Bearer wlt_…`); the shared `AGENT_ACCESS_CODE` still
 * works, deprecated. Conversation references and the summariser's input stay inside.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import type { HandoffRecord } from '../handoff/handoffRecord';
import { sendError } from './httpServer';
import { apiAccessCheck } from './accessCode';
import type { ApiAccess } from './accessCode';

/** Where the API reads from. */
export interface HandoffApiSource {
  open(): Promise<HandoffRecord[]>;
  get(id: string): Promise<HandoffRecord | undefined>;
}

/** A handoff as the API shows it. */
export type PublicHandoff = Omit<HandoffRecord, 'summaryInput' | 'customer'> & { customer: Omit<HandoffRecord['customer'], 'address'> };

/** The record without what only the bot needs (conversation reference, summariser input). */
export function publicHandoff(record: HandoffRecord): PublicHandoff {
  const { summaryInput: _input, customer, ...rest } = record;
  const { address: _address, ...who } = customer;
  return { ...rest, customer: who };
}

const idPattern = /^[0-9a-f-]{8,36}$/i;

/** Roles that may read handoffs. */
export const handoffApiRoles = ['agent', 'supervisor', 'admin'] as const;

/** Registers `GET /api/handoffs` and `GET /api/handoffs/:id`. */
export function registerHandoffApi(server: restify.Server, source: HandoffApiSource, access: ApiAccess, logger: Logger): void {
  const log = logger.child({ area: 'handoff-api' });
  const authorised = apiAccessCheck(access, handoffApiRoles, { disabledCode: 'HandoffApiDisabled', setting: 'AGENT_ACCESS_CODE' }, log);

  server.get('/api/handoffs', async (req: restify.Request, res: restify.Response) => {
    if (!(await authorised(req, res))) return;
    const open = await source.open();
    res.send(200, { handoffs: open.map(publicHandoff) });
  });

  server.get('/api/handoffs/:id', async (req: restify.Request, res: restify.Response) => {
    if (!(await authorised(req, res))) return;
    const id = String((req.params as { id?: unknown }).id ?? '');
    if (!idPattern.test(id)) {
      sendError(res, 400, 'InvalidHandoffId', 'A handoff id is 8 to 36 hexadecimal digits and dashes.');
      return;
    }
    const record = await source.get(id.toLowerCase());
    if (!record) {
      sendError(res, 404, 'HandoffNotFound', `No handoff ${id}.`);
      return;
    }
    res.send(200, publicHandoff(record));
  });
}
