/**
 * Understands when a customer wants to be called back ("tomorrow at 3pm", "明天下午三点", "Friday
 * 10am", "in 2 hours") in their own time zone, and says a callback time back to them (P8, P13).
 * Plain data in and out; no botbuilder.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { detectTextLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';

/** Furthest ahead a callback can be booked. */
export const callbackHorizonDays = 14;

/** Why a text could not be a callback time. */
export type CallbackTimeProblem = 'not-understood' | 'past' | 'too-far';

/** A callback instant, or why the text could not be one. */
export type CallbackTimeResult = { readonly ok: true; readonly at: Date } | { readonly ok: false; readonly why: CallbackTimeProblem };

/** A local date and time on a wall clock, without a zone. */
interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const culture: Readonly<Record<SupportedLocale, string>> = { 'en-US': Recognizers.Culture.English, 'zh-CN': Recognizers.Culture.Chinese };
const dayMs = 86_400_000;
/** Hours a person would normally want a call in; an ambiguous "at 3" prefers these (15:00, not 03:00). */
const daytime = { from: 7, to: 21 };

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows (e.g. Web Chat's `localTimezone`). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: number, timeZone: string): WallTime {
  const get = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  return { year: get(parts, 'year'), month: get(parts, 'month'), day: get(parts, 'day'), hour: get(parts, 'hour'), minute: get(parts, 'minute'), second: get(parts, 'second') };
}

const asUtc = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallClock(instant, timeZone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time names in a zone. A time that happens twice (clocks go back) is the
 * first; a time that never happens (clocks go forward) moves forward by the gap, as a clock would.
 */
function wallToInstant(wall: WallTime, timeZone: string): number {
  const local = asUtc(wall);
  const before = local - offsetAt(local - dayMs, timeZone);
  const after = local - offsetAt(local + dayMs, timeZone);
  const valid = [before, after].filter((t) => asUtc(wallClock(t, timeZone)) === local);
  return valid.length > 0 ? Math.min(...valid) : before;
}

function parseWall(value: unknown, today: WallTime): WallTime | undefined {
  if (typeof value !== 'string') return undefined;
  const full = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (full) {
    const [y, mo, d, h, mi, s] = full.slice(1).map(Number) as [number, number, number, number, number, number];
    return { year: y, month: mo, day: d, hour: h, minute: mi, second: s };
  }
  const time = /^(\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (time) {
    const [h, mi, s] = time.slice(1).map(Number) as [number, number, number];
    return { ...today, hour: h, minute: mi, second: s };
  }
  return undefined;
}

/** One reading of the text: when, and the wall-clock hour (for the daytime preference). */
interface Candidate {
  readonly at: number;
  readonly hour: number;
}

interface Resolved {
  readonly type?: string;
  readonly value?: unknown;
  readonly start?: unknown;
  readonly end?: unknown;
  readonly Mod?: unknown;
}

function candidatesOf(type: string, values: readonly Resolved[], now: number, timeZone: string): Candidate[] {
  const today = wallClock(now, timeZone);
  const out: Candidate[] = [];
  for (const v of values) {
    if (type === 'duration') {
      const seconds = Number(v.value);
      if (Number.isFinite(seconds) && seconds > 0 && v.Mod !== 'before') out.push({ at: now + seconds * 1000, hour: wallClock(now + seconds * 1000, timeZone).hour });
      continue;
    }
    const ranged = type.endsWith('range');
    const wall = parseWall(ranged ? v.start : v.value, today);
    if (!wall) continue;
    let at = wallToInstant(wall, timeZone);
    if (type === 'time' || type === 'timerange') {
      // A bare time is the next one: later today, or else tomorrow.
      if (at <= now) at = wallToInstant({ ...wall, day: wall.day + 1 }, timeZone);
    }
    if (ranged && at <= now) {
      // A span that has begun ("this afternoon" at 2 pm): the next quarter hour, if the span is still open.
      const end = parseWall(v.end, today);
      const next = Math.ceil((now + 1) / 900_000) * 900_000;
      if (end && next < wallToInstant(end, timeZone)) at = next;
    }
    out.push({ at, hour: wallClock(at, timeZone).hour });
  }
  return out;
}

/** The zone to read and say callback times in: the customer's own when the channel sends a valid one (Web Chat's `localTimezone`), else `fallback`. */
export function callbackTimeZone(customerZone: unknown, fallback: string): string {
  return isValidTimeZone(customerZone) ? customerZone : fallback;
}

const withTime = ['datetime', 'datetimerange', 'time', 'timerange', 'duration'];

/**
 * Reads a callback time from what the customer wrote, relative to `now` on the wall clock of
 * `timeZone` (the customer's zone). The time must be in the future, at most
 * {@link callbackHorizonDays} days ahead, and name a time of day (a date alone is not enough).
 */
export function parseCallbackTime(text: string, locale: SupportedLocale, now: Date, timeZone: string): CallbackTimeResult {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const nowMs = now.getTime();
  const wall = wallClock(nowMs, timeZone);
  // The recognizer reads its reference date through the process's local clock fields.
  const reference = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const language = detectTextLocale(text) ?? locale;
  const results = Recognizers.recognizeDateTime(text.slice(0, 500), culture[language], Recognizers.DateTimeOptions.None, reference);
  const kinds = results.map((r) => r.typeName.replace(/^datetimeV2\./, ''));
  const index = kinds.findIndex((k) => withTime.includes(k));
  const kind = kinds[index];
  const first = results[index];
  if (!first || !kind) return { ok: false, why: 'not-understood' };
  // "next month at 10am": a date the recognizer could not join to the time.
  if (!kind.startsWith('datetime') && kinds.some((k) => k === 'date' || k === 'daterange')) return { ok: false, why: 'not-understood' };
  const values = ((first.resolution as { values?: Resolved[] } | undefined)?.values ?? []).filter((v) => v.type === kind);
  const candidates = candidatesOf(kind, values, nowMs, timeZone);
  if (candidates.length === 0) return { ok: false, why: 'not-understood' };
  const future = candidates.filter((c) => c.at > nowMs);
  if (future.length === 0) return { ok: false, why: 'past' };
  const inReach = future.filter((c) => c.at <= nowMs + callbackHorizonDays * dayMs);
  if (inReach.length === 0) return { ok: false, why: 'too-far' };
  const preferred = inReach.filter((c) => c.hour >= daytime.from && c.hour <= daytime.to);
  const pool = preferred.length > 0 ? preferred : inReach;
  return { ok: true, at: new Date(Math.min(...pool.map((c) => c.at))) };
}

/**
 * A callback time as the customer reads it, in their language and zone:
 * "Tuesday 24 November, 15:00 (Europe/London time)", "11月24日 星期二 15:00（Europe/London 时间）".
 */
export function formatCallbackTime(at: Date, locale: SupportedLocale, timeZone: string): string {
  const part = (tag: string, options: Intl.DateTimeFormatOptions): string => new Intl.DateTimeFormat(tag, { timeZone, ...options }).format(at);
  const w = wallClock(at.getTime(), timeZone);
  const clock = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  if (locale === 'zh-CN') return `${w.month}月${w.day}日 ${part('zh-CN', { weekday: 'long' })} ${clock}（${timeZone} 时间）`;
  return `${part('en-GB', { weekday: 'long' })} ${w.day} ${part('en-GB', { month: 'long' })}, ${clock} (${timeZone} time)`;
}
