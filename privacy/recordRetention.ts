/**
 * What retention does to one stored record: keep it, delete it, or keep it without its entries past
 * their period (the aggregate documents: contact history, offer histories and decisions, learning
 * lists, the ticket list). Plain data in, a decision out; the sweep carries it out.
 *
 * A record's age runs from its newest activity. A record with no date at all is stamped
 * (`retentionSeenAt`) the first time a sweep sees it, and its period runs from then.
 */
import type { StoredRecord } from './recordKinds';
import type { RetentionDays, RetentionKind } from './retentionPolicy';
import { arrayAt, objectAt } from './jsonFields';
import type { Doc } from './jsonFields';

/** What to do with one record. */
export type RetentionDecision =
  | { readonly action: 'keep' }
  | { readonly action: 'delete' }
  /** Write this value back (with the eTag it was read with). */
  | { readonly action: 'rewrite'; readonly value: Record<string, unknown> };

/** Field with which a sweep dates a record that carries no date of its own. */
export const undatedMarker = 'retentionSeenAt';

const dayMs = 86_400_000;
const keep: RetentionDecision = { action: 'keep' };
const remove: RetentionDecision = { action: 'delete' };


/** Decides what happens to `value`, stored under a key of kind `record`, at `now`. */
export function retentionDecision(record: StoredRecord, value: Doc, now: Date, days: RetentionDays): RetentionDecision {
  const cutoff = (kind: RetentionKind): number => now.getTime() - days[kind] * dayMs;
  switch (record.kind) {
    case 'conversation': {
      const data = objectAt(value, 'conversationData');
      const journal = arrayAt(data, 'journal').map((item) => objectAt(item, '').at);
      return byAge(value, newest([data.lastSeenAt, data.startedAt, objectAt(data, 'openOffer').at, ...journal]), cutoff('conversations'), now);
    }
    case 'replay-guard':
      return byAge(value, newest([value.updatedAt, ...arrayAt(value, 'claims').map((c) => objectAt(c, '').at)]), cutoff('conversations'), now);
    case 'user': {
      const profile = objectAt(value, 'userProfile');
      return byAge(value, newest([profile.lastSeen, profile.firstSeen]), cutoff('users'), now);
    }
    case 'handoff': {
      // Open handoffs are the desk's work in progress; its own sweep closes them (timeouts, silent agents).
      if (['bot', 'queued', 'assigned', 'transferred'].includes(String(value.state))) return keep;
      return byAge(value, newest([value.updatedAt, value.createdAt, ...arrayAt(value, 'events').map((e) => objectAt(e, '').at)]), cutoff('handoffs'), now);
    }
    case 'ticket':
      return byAge(value, newest([value.createdAt]), cutoff('tickets'), now);
    case 'ticket-index':
      return pruneList(value, 'entries', (e) => newest([e.createdAt]), cutoff('tickets'), false);
    case 'contacts':
      return pruneList(value, 'contacts', (c) => newest([c.at]), cutoff('contacts'), true);
    case 'agent-history':
      return pruneList(value, 'items', (i) => newest([i.endedAt]), cutoff('handoffs'), true);
    case 'offer-decisions':
      return pruneList(value, 'decisions', (d) => newest([d.at]), cutoff('offers'), true);
    case 'offer-history':
      return offerHistoryDecision(value, cutoff('offers'));
    case 'directline': {
      const history = arrayAt(value, 'history').map((entry) => objectAt(objectAt(entry, ''), 'activity').timestamp);
      return byAge(value, newest([value.updatedAt, ...history, value.createdAt]), cutoff('directline'), now);
    }
    case 'learning':
      return learningDecision(value, cutoff('learning'));
    case 'agent-session': {
      const expires = timeOf(value.expiresAt);
      // A session that cannot say when it ends proves nothing, and is not kept either.
      return expires === undefined || expires <= now.getTime() ? remove : keep;
    }
    default:
      return keep;
  }
}

/** Deletes a record whose newest date is before the cutoff; stamps one with no date. */
function byAge(value: Doc, newestTime: number | undefined, cutoff: number, now: Date): RetentionDecision {
  const time = newestTime ?? timeOf(value[undatedMarker]);
  if (time === undefined) return { action: 'rewrite', value: { ...value, [undatedMarker]: now.toISOString() } };
  return time < cutoff ? remove : keep;
}

/** Drops the entries of a list older than the cutoff; the record goes with its last entry when `deleteEmpty`. */
function pruneList(value: Doc, field: string, dateOf: (entry: Doc) => number | undefined, cutoff: number, deleteEmpty: boolean): RetentionDecision {
  const entries = arrayAt(value, field);
  // An entry with no readable date is kept: it is dated by the record's own activity.
  const kept = entries.filter((e) => (dateOf(objectAt(e, '')) ?? cutoff) >= cutoff);
  if (kept.length === entries.length) return keep;
  if (kept.length === 0 && deleteEmpty) return remove;
  return { action: 'rewrite', value: { ...value, [field]: kept } };
}

/** Impressions past the period go, and a past opt-in; a standing objection stays as long as it stands (P6). */
function offerHistoryDecision(value: Doc, cutoff: number): RetentionDecision {
  const impressions = arrayAt(value, 'impressions');
  const kept = impressions.filter((i) => (newest([objectAt(i, '').at, objectAt(i, '').answeredAt]) ?? cutoff) >= cutoff);
  const optedIn = timeOf(value.optedInAt);
  const dropOptIn = optedIn !== undefined && optedIn < cutoff;
  // A channel user's link to their customer (kept for CRM outages) is dated by when it was made.
  const linkedAt = value.customerId === undefined ? undefined : (timeOf(value.linkedAt) ?? 0);
  const dropLink = linkedAt !== undefined && linkedAt < cutoff;
  const objection = value.objection !== undefined && value.objection !== null;
  if (kept.length === 0 && !objection && (optedIn === undefined || dropOptIn) && (linkedAt === undefined || dropLink)) return remove;
  if (kept.length === impressions.length && !dropOptIn && !dropLink) return keep;
  const next: Doc = { ...value, impressions: kept };
  if (dropOptIn) delete next.optedInAt;
  if (dropLink) {
    delete next.customerId;
    delete next.linkedAt;
  }
  return { action: 'rewrite', value: next };
}

/** Learning entries last asked before the cutoff go, one by one; the document stays. */
function learningDecision(value: Doc, cutoff: number): RetentionDecision {
  let changed = false;
  const fresh = (entries: Doc): Doc => {
    const kept = Object.entries(entries).filter(([, e]) => (newest([objectAt(e, '').lastSeen]) ?? cutoff) >= cutoff);
    if (kept.length !== Object.keys(entries).length) changed = true;
    return Object.fromEntries(kept);
  };
  const unanswered = fresh(objectAt(value, 'unanswered'));
  const alternates: Doc = {};
  for (const [entryId, byText] of Object.entries(objectAt(value, 'alternates'))) {
    const kept = fresh(objectAt(byText, ''));
    if (Object.keys(kept).length > 0) alternates[entryId] = kept;
    else changed = true;
  }
  return changed ? { action: 'rewrite', value: { ...value, unanswered, alternates } } : keep;
}

/** The newest of some ISO dates, ignoring what is not one; undefined when none is. */
export function newest(values: readonly unknown[]): number | undefined {
  let best: number | undefined;
  for (const value of values) {
    const time = timeOf(value);
    if (time !== undefined && (best === undefined || time > best)) best = time;
  }
  return best;
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}
