/**
 * How long each kind of stored record is kept (P10: personal data has a retention period). One
 * setting, `RECORD_RETENTION_DAYS`, changes them: a bare number for every kind, `kind=days` for one,
 * or both (`90,learning=365`). Transcripts keep their own `TRANSCRIPT_RETENTION_DAYS`; agent
 * sessions end at their own `expiresAt`.
 */

/** The kinds of record a retention period can be set for. */
export const retentionKinds = ['conversations', 'users', 'handoffs', 'tickets', 'contacts', 'offers', 'directline', 'learning', 'analytics'] as const;

/** One of {@link retentionKinds}. */
export type RetentionKind = (typeof retentionKinds)[number];

/** Days each kind is kept after its last activity (see docs/PRIVACY.md for what each holds). */
export type RetentionDays = Readonly<Record<RetentionKind, number>>;

/** The periods used when the setting is blank, and why each is as long as it is. */
export const defaultRetentionDays: RetentionDays = Object.freeze({
  // The journal and dialog state of a conversation: as long as its transcript is kept by default.
  conversations: 30,
  // A customer's language and first/last visit: remembered across a year of occasional visits.
  users: 365,
  // Closed handoffs (summary, notes, messages kept while waiting): a quarter, for follow-ups and reviews.
  handoffs: 90,
  // Messages and callback requests left for the team.
  tickets: 90,
  // Earlier contacts shown to the next agent (P2).
  contacts: 365,
  // Offer impressions, answers and decisions: the contact policy looks back up to 400 days (a standing
  // "no more offers" is kept for as long as it stands, P6).
  offers: 400,
  // The local Direct Line's conversations (a browser resumes from them), like transcripts.
  directline: 30,
  // Active-learning entries (customers' wording), counted from the last time each was asked.
  learning: 180,
  // Analytics events (masked text, the customer as a one-way reference): a year, to compare a season with the last.
  analytics: 365,
});

/** Longest period accepted, in days (ten years). */
export const maxRetentionDays = 3650;

/** Reads `RECORD_RETENTION_DAYS`; returns the periods, or every problem found (for the config error). */
export function parseRetentionDays(setting: string | undefined): { ok: true; days: RetentionDays } | { ok: false; problems: string[] } {
  const days: Record<RetentionKind, number> = { ...defaultRetentionDays };
  const problems: string[] = [];
  const parts = (setting ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const explicit = new Set<string>();
  const readDays = (text: string, what: string): number | undefined => {
    const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= maxRetentionDays) return n;
    problems.push(`${what}: "${text}" is not a whole number of days from 1 to ${maxRetentionDays}`);
    return undefined;
  };
  for (const part of parts) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (value === undefined) {
      const all = readDays(part, 'every kind');
      if (all !== undefined) for (const kind of retentionKinds) if (!explicit.has(kind)) days[kind] = all;
      continue;
    }
    if (rest.length > 0 || !isRetentionKind(name ?? '')) {
      problems.push(`"${part}" is not kind=days; kinds are ${retentionKinds.join(', ')}`);
      continue;
    }
    const kind = name as RetentionKind;
    const n = readDays(value, kind);
    if (n !== undefined) {
      days[kind] = n;
      explicit.add(kind);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, days: Object.freeze(days) };
}

function isRetentionKind(name: string): name is RetentionKind {
  return (retentionKinds as readonly string[]).includes(name);
}
