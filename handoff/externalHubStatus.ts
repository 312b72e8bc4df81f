/**
 * What an external contact-centre hub reports about a handoff (`handoff.status`), and how that
 * moves the handoff record: `accepted` → assigned (with the hub agent's name), `failed` → rejected
 * (before anyone took it) or cancelled (a session that broke off), `completed` → resolved. Plain
 * data in and out; the adapter reads the event and tells the customer.
 */
import type { HandoffRecord } from './handoffRecord';
import type { HandoffRepository } from './handoffRepository';

/** The status an external hub reports (`handoff.status` event value). */
export interface HubStatus {
  readonly state: 'accepted' | 'failed' | 'completed';
  readonly message?: string;
  readonly agentName?: string;
}

/** What a status did to the handoff. */
export type HubOutcome =
  | { readonly kind: 'joined'; readonly agentName?: string }
  | { readonly kind: 'failed' }
  | { readonly kind: 'ended'; readonly agentName?: string }
  /** The record had already moved on (a second "failed", a race): nothing to tell the customer. */
  | { readonly kind: 'stale' };

/** Reads an event value as a hub status, or undefined when it is not one. */
export function readHubStatus(value: unknown): HubStatus | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { state?: unknown; message?: unknown; agentName?: unknown };
  if (v.state !== 'accepted' && v.state !== 'failed' && v.state !== 'completed') return undefined;
  return {
    state: v.state,
    ...(typeof v.message === 'string' ? { message: v.message } : {}),
    ...(typeof v.agentName === 'string' && v.agentName.length <= 100 ? { agentName: v.agentName } : {}),
  };
}

/** Moves an open external handoff as the hub reports. */
export async function applyHubStatus(handoffs: HandoffRepository, record: HandoffRecord, status: HubStatus, now: () => Date): Promise<HubOutcome> {
  const detail = status.message ? { detail: status.message.slice(0, 200) } : {};
  if (status.state === 'accepted') {
    await handoffs.move(record.id, 'assigned', 'hub', {
      from: ['queued', 'transferred'],
      ...detail,
      change: (r) => {
        r.assignedAt = now().toISOString();
        if (status.agentName) r.agentName = status.agentName;
      },
    });
    return { kind: 'joined', ...(status.agentName ? { agentName: status.agentName } : {}) };
  }
  if (status.state === 'failed') {
    // Before a hub agent took it, the hub rejected it; after, the session broke off.
    const moved =
      record.state === 'assigned'
        ? await handoffs.move(record.id, 'cancelled', 'hub', { from: ['assigned'], ...detail })
        : await handoffs.move(record.id, 'rejected', 'hub', { from: ['queued', 'transferred'], ...detail });
    return moved.ok ? { kind: 'failed' } : { kind: 'stale' };
  }
  if (record.state !== 'assigned') await handoffs.move(record.id, 'assigned', 'hub', { from: ['queued', 'transferred'] });
  await handoffs.move(record.id, 'resolved', 'hub', { from: ['assigned'] });
  const agentName = status.agentName ?? record.agentName;
  return { kind: 'ended', ...(agentName ? { agentName } : {}) };
}
