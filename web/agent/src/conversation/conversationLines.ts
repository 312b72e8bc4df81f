/** Pure helpers of a conversation's lines and notes: merging what arrives twice (event and refetch), what came while waiting. */
import type { ConversationLine, Note } from '../agentApi';

/** `known` plus the lines of `incoming` it does not have yet (same id), in time order; `known` itself when nothing is new. */
export function mergeLines(known: readonly ConversationLine[], incoming: readonly ConversationLine[]): readonly ConversationLine[] {
  const ids = new Set(known.map((l) => l.id));
  const fresh = incoming.filter((l) => !ids.has(l.id) && ids.add(l.id));
  if (fresh.length === 0) return known;
  // Stable sort: lines with the same time keep the order they came in.
  return [...known, ...fresh].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** `known` plus the notes of `incoming` it does not have (same time, author and text), in time order. */
export function mergeNotes(known: readonly Note[], incoming: readonly Note[]): readonly Note[] {
  const key = (n: Note) => `${n.at}\u0000${n.agentName}\u0000${n.text}`;
  const keys = new Set(known.map(key));
  const fresh = incoming.filter((n) => !keys.has(key(n)) && keys.add(key(n)));
  return fresh.length === 0 ? known : [...known, ...fresh].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** What the customer wrote after asking for a person and before an agent took them. */
export function linesWhileWaiting(lines: readonly ConversationLine[], askedAt: string | undefined, assignedAt: string | undefined): readonly ConversationLine[] {
  if (!assignedAt) return [];
  const from = askedAt ? Date.parse(askedAt) : Number.NEGATIVE_INFINITY;
  const to = Date.parse(assignedAt);
  return lines.filter((l) => l.from === 'customer' && Date.parse(l.at) > from && Date.parse(l.at) < to);
}
