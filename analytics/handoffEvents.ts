/**
 * The analytics event a handoff's move makes: queued (with the reason), accepted (with the wait),
 * ended (with the time an agent handled it). Transfers and moves back to a queue make none: the wait
 * that follows is counted when the next agent accepts.
 */
import type { HandoffRecord, HandoffState } from '../handoff/handoffRecord';
import type { AnalyticsInput } from './analyticsEvent';

const endStates: ReadonlySet<HandoffState> = new Set(['resolved', 'cancelled', 'expired', 'rejected']);

/** The event for the move `previous` → `record.state`, or undefined when the move is not one analytics counts. */
export function handoffEvent(record: HandoffRecord, previous: HandoffState): AnalyticsInput | undefined {
  const move = record.events.at(-1);
  const at = move?.at ?? record.updatedAt;
  const base = {
    at,
    conversationId: record.customer.address.conversation.id,
    channel: record.customer.channelId,
    locale: record.customer.locale,
    customerId: record.customer.userId,
    handoffId: record.id,
  };
  if (previous === 'bot' && record.state === 'queued') return { ...base, kind: 'handoff-queued', detail: record.reason };
  if (record.state === 'assigned') return { ...base, kind: 'handoff-accepted', ...seconds(record.waitStartedAt, at) };
  if (endStates.has(record.state)) {
    return { ...base, kind: 'handoff-ended', detail: record.state, ...(previous === 'assigned' ? seconds(record.assignedAt, at) : {}) };
  }
  return undefined;
}

/** Whole seconds from `from` to `to`, when both are dates. */
function seconds(from: string | undefined, to: string): { value?: number } {
  const start = from === undefined ? NaN : Date.parse(from);
  const end = Date.parse(to);
  return Number.isNaN(start) || Number.isNaN(end) ? {} : { value: Math.max(0, Math.round((end - start) / 1000)) };
}
