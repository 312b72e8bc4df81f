/**
 * Whether a queue is staffed at a given moment, and when it next opens (P8: the bot says honestly
 * that nobody is there and when someone will be). Times are read on the queue's own local clock, so
 * a London queue opens at 09:00 London time in winter and in summer, and a holiday closes the whole
 * local day. Built on `Intl.DateTimeFormat`; no time-zone library.
 */
import type { OpeningHours, TimeRange, Weekday } from './routing';

const minute = 60_000;
const day = 24 * 60 * minute;
/** How far ahead {@link nextOpening} looks. */
const horizonDays = 14;
const weekdayOf: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** True when the queue is staffed at `at` (always for `always`; never on a local holiday). */
export function isOpen(hours: OpeningHours, at: Date): boolean {
  return openAt(hours, at.getTime());
}

/**
 * The next moment after `at` at which the queue opens (goes from closed to open), to tell a
 * customer "we open at 09:00 on Monday". Undefined for a queue that is `always` staffed, and when it
 * does not open within the next 14 days. Asked while the queue is open, it gives the opening after
 * the current one has closed.
 */
export function nextOpening(hours: OpeningHours, at: Date): Date | undefined {
  if (hours.always) return undefined;
  const from = at.getTime();
  const until = from + horizonDays * day;
  const today = wallClock(hours.timeZone, from);
  for (let offset = 0; offset <= horizonDays; offset += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (hours.holidays.includes(isoDate(date))) continue;
    for (const range of sortedRanges(hours.weekly[weekdayOf[date.getUTCDay()] ?? 'sun'])) {
      const start = zonedInstant(hours.timeZone, date.getTime() + clockMinutes(range.start) * minute);
      if (start > until) return undefined;
      // A start that only continues yesterday's span (22:00–24:00, then 00:00–06:00) is not an opening.
      if (start > from && openAt(hours, start) && !openAt(hours, start - minute)) return new Date(start);
    }
  }
  return undefined;
}

function openAt(hours: OpeningHours, instant: number): boolean {
  if (hours.always) return true;
  const local = wallClock(hours.timeZone, instant);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (hours.holidays.includes(isoDate(date))) return false;
  const now = local.hour * 60 + local.minute;
  return sortedRanges(hours.weekly[weekdayOf[date.getUTCDay()] ?? 'sun']).some((r) => clockMinutes(r.start) <= now && now < clockMinutes(r.end));
}

function sortedRanges(ranges: readonly TimeRange[] | undefined): readonly TimeRange[] {
  return ranges ? [...ranges].sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start)) : [];
}

function clockMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What a clock in `zone` shows at `instant`. */
function wallClock(zone: string, instant: number): WallClock {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** The local clock at `instant`, written as if it were UTC (so it can be compared with a wall time). */
function wallAsUtc(zone: string, instant: number): number {
  const c = wallClock(zone, instant);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
}

/**
 * The first instant at which the clock in `zone` shows `wall` (a local date and time written as if
 * UTC). When the clocks go back and the time happens twice, the first; when they go forward and the
 * time never happens, the moment they jump past it.
 */
function zonedInstant(zone: string, wall: number): number {
  const offsetBefore = wallAsUtc(zone, wall - day) - (wall - day);
  const offsetAfter = wallAsUtc(zone, wall + day) - (wall + day);
  const candidates = [wall - offsetBefore, wall - offsetAfter].sort((a, b) => a - b);
  const exact = candidates.find((c) => wallAsUtc(zone, c) === wall);
  if (exact !== undefined) return exact;
  // Skipped by a spring-forward jump: search the jump between the two candidates, to the minute.
  let [low, high] = candidates as [number, number];
  while (high - low > minute) {
    const middle = low + Math.floor((high - low) / 2 / minute) * minute;
    if (wallAsUtc(zone, middle) >= wall) high = middle;
    else low = middle;
  }
  return high;
}
