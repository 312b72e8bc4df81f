/**
 * The order in which waiting customers are served (P9): higher priority tiers first, then whoever
 * has waited longest. A transfer keeps a customer's original `waitingSince`, so being passed on does
 * not send anyone to the back of the line.
 */
import type { HandoffRecord } from './handoffRecord';

/** What the queue order looks at. */
export type QueueOrderFields = Pick<HandoffRecord, 'id' | 'priority' | 'waitingSince'>;

/**
 * Sort comparator for waiting handoffs: priority descending, then `waitingSince` ascending (longest
 * wait first, not most recent activity), then id, so that every instance sorts the same way.
 */
export function compareWaiting(a: QueueOrderFields, b: QueueOrderFields): number {
  return b.priority - a.priority || compareTimes(a.waitingSince, b.waitingSince) || compareIds(a.id, b.id);
}

/** 1-based place of handoff `id` among `records` in queue order, or `undefined` when it is not among them. */
export function positionOf(records: readonly QueueOrderFields[], id: string): number | undefined {
  const index = [...records].sort(compareWaiting).findIndex((r) => r.id === id);
  return index === -1 ? undefined : index + 1;
}

/** Compares ISO 8601 instants by time (offsets may differ); unparseable ones go last. */
function compareTimes(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) === Number.isNaN(tb) ? compareIds(a, b) : Number.isNaN(ta) ? 1 : -1;
  return ta - tb;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
