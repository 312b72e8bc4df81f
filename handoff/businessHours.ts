/**
 * Whether a queue is staffed at a given moment, and when it next opens (P8: the bot says honestly
 * that nobody is there and when someone will be). Times are read on the queue's own local clock, so
 * a London queue opens at 09:00 London time in winter and in summer, and a holiday closes the whole
 * local day.
 */
import { instantOf, wallClock } from '../locale/zonedTime';
import type { ZonedTimePolicy } from '../locale/zonedTime';
import type { OpeningHours, TimeRange, Weekday } from './routing';

const minute = 60_000;
const day = 24 * 60 * minute;
/** How far ahead {@link nextOpening} looks. */
const horizonDays = 14;
const weekdayOf: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** An opening time the clocks skip opens when they jump past it; one they repeat opens the first time. */
const openingPolicy: ZonedTimePolicy = { gap: 'transition', overlap: 'earlier' };

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
      const start = instantOf(hours.timeZone, { ...today, day: today.day + offset, hour: 0, minute: clockMinutes(range.start), second: 0 }, openingPolicy);
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
