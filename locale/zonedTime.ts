/**
 * What a clock in an IANA time zone shows at an instant, and the instant a local date and time
 * names there, across the days the clocks change (P8: opening hours and callbacks on the customer's
 * and the queue's own clock). Built on `Intl.DateTimeFormat`; no time-zone library.
 */
import { LRUCache } from 'lru-cache';

/** A local date and time on a wall clock, without a zone. `month` is 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** How to read a local time the clocks skip (spring forward) or show twice (fall back). */
export interface ZonedTimePolicy {
  /**
   * A time the clocks skip: `shift` moves it forward by the length of the gap, as a clock set before
   * the change would (New York 02:30 → 03:30); `transition` takes the moment the clocks jump past it
   * (New York 02:30 → 03:00).
   */
  readonly gap: 'shift' | 'transition';
  /** A time the clocks show twice: the first (`earlier`) or the second (`later`) time it happens. */
  readonly overlap: 'earlier' | 'later';
}

const secondMs = 1000;
const dayMs = 86_400_000;

/**
 * Formatters by zone name as given. Bounded, because names can come from a channel (Web Chat's
 * `localTimezone`) and `Intl` accepts any upper/lower-case spelling of a zone.
 */
const formatters = new LRUCache<string, Intl.DateTimeFormat>({ max: 128 });

function formatterFor(zone: string): Intl.DateTimeFormat {
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
  return format;
}

/** True when `zone` is an IANA time zone this runtime knows (e.g. Web Chat's `localTimezone`). */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** What a clock in `zone` shows at `instant` (to the second). Throws a `RangeError` for an unknown zone. */
export function wallClock(zone: string, instant: number | Date): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/**
 * A wall-clock time written as if it were UTC, in milliseconds: a plain number to compare wall
 * times and do calendar arithmetic with. Fields out of range roll over (day 32 is the next month's 1st).
 */
export function wallClockAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at `instant`, in milliseconds (London in summer: +3 600 000). */
function offsetAt(zone: string, instant: number): number {
  return wallClockAsUtc(wallClock(zone, instant)) - Math.floor(instant / secondMs) * secondMs;
}

/**
 * The instant at which a clock in `zone` shows `wall`. Fields out of range roll over, so
 * `{ ...today, day: today.day + 1 }` is tomorrow. `policy` decides a time the clocks skip or show
 * twice. Throws a `RangeError` for an unknown zone.
 */
export function instantOf(zone: string, wall: WallClock, policy: ZonedTimePolicy): number {
  const local = wallClockAsUtc(wall);
  // The offsets a day either side cover any one clock change near `wall`.
  const before = local - offsetAt(zone, local - dayMs);
  const after = local - offsetAt(zone, local + dayMs);
  const exact = [before, after].filter((t) => wallClockAsUtc(wallClock(zone, t)) === local);
  if (exact.length > 0) return policy.overlap === 'later' ? Math.max(...exact) : Math.min(...exact);
  // Skipped: read with the offset from before the jump, the time lands that far past the jump.
  if (policy.gap === 'shift') return before;
  // The jump lies between the two readings: find it, to the second.
  let low = Math.min(before, after);
  let high = Math.max(before, after);
  while (high - low > secondMs) {
    const middle = low + Math.floor((high - low) / 2 / secondMs) * secondMs;
    if (wallClockAsUtc(wallClock(zone, middle)) >= local) high = middle;
    else low = middle;
  }
  return high;
}
