/**
 * The period and filters an analytics question is asked over, read from what a person typed
 * (`from`/`to` as dates or date-times, a language, a channel). Days are UTC days; `to` as a date
 * includes that whole day.
 */

/** A period `[from, to)` in ISO 8601 UTC, with optional filters on the events' language and channel. */
export interface AnalyticsQuery {
  readonly from: string;
  readonly to: string;
  readonly locale?: string;
  readonly channel?: string;
}

/** Longest period one question may cover, in days. */
export const maxPeriodDays = 400;

const dayMs = 86_400_000;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const filterValue = /^[A-Za-z0-9._:-]{1,64}$/;

/** What a person typed, as strings (from a URL's query). */
export interface QueryInput {
  readonly from?: string;
  readonly to?: string;
  readonly locale?: string;
  readonly channel?: string;
}

/**
 * The query, or every problem with the input. Without `from`/`to` the period is the 7 days up to
 * and including today (by `now`).
 */
export function readAnalyticsQuery(input: QueryInput, now: Date): { ok: true; query: AnalyticsQuery } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = input.from ? timeOf(input.from, 'start', problems, 'from') : today - 6 * dayMs;
  const to = input.to ? timeOf(input.to, 'end', problems, 'to') : today + dayMs;
  for (const name of ['locale', 'channel'] as const) {
    const value = input[name];
    if (value !== undefined && value !== '' && !filterValue.test(value)) problems.push(`${name} "${value}" is not a language or channel name`);
  }
  if (from !== undefined && to !== undefined) {
    if (to <= from) problems.push('to must be after from');
    else if (to - from > maxPeriodDays * dayMs) problems.push(`the period is longer than ${maxPeriodDays} days`);
  }
  if (problems.length > 0 || from === undefined || to === undefined) return { ok: false, problems };
  const query: AnalyticsQuery = {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
  };
  return { ok: true, query };
}

/** A date (start of that UTC day, or the start of the next for `end`) or a date-time; undefined and a problem otherwise. */
function timeOf(text: string, edge: 'start' | 'end', problems: string[], name: string): number | undefined {
  if (dateOnly.test(text)) {
    const time = Date.parse(`${text}T00:00:00Z`);
    if (!Number.isNaN(time) && new Date(time).toISOString().startsWith(text)) return edge === 'end' ? time + dayMs : time;
  } else if (dateTime.test(text)) {
    const time = Date.parse(text);
    if (!Number.isNaN(time)) return time;
  }
  problems.push(`${name} "${text}" is not a date (2026-03-02) or a date-time (2026-03-02T09:00:00Z)`);
  return undefined;
}
