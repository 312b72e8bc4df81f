/**
 * Understands when a customer wants to be called back ("tomorrow at 3pm", "明天下午三点", "Friday
 * 10am", "in 2 hours") in their own time zone, and says a callback time back to them (P8, P13).
 * Plain data in and out; no botbuilder.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { detectTextLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { instantOf, isValidTimeZone, wallClock } from '../locale/zonedTime';
import type { WallClock, ZonedTimePolicy } from '../locale/zonedTime';

/** Furthest ahead a callback can be booked. */
export const callbackHorizonDays = 14;

/** Why a text could not be a callback time. */
export type CallbackTimeProblem = 'not-understood' | 'past' | 'too-far';

/** A callback instant, or why the text could not be one. */
export type CallbackTimeResult = { readonly ok: true; readonly at: Date } | { readonly ok: false; readonly why: CallbackTimeProblem };

const culture: Readonly<Record<SupportedLocale, string>> = { 'en-US': Recognizers.Culture.English, 'zh-CN': Recognizers.Culture.Chinese };
const dayMs = 86_400_000;
/** Hours a person would normally want a call in; an ambiguous "at 3" prefers these (15:00, not 03:00). */
const daytime = { from: 7, to: 21 };

/** A time the clocks skip moves forward by the gap, as a clock would; one they repeat is the first. */
const callbackPolicy: ZonedTimePolicy = { gap: 'shift', overlap: 'earlier' };

/** Whether a zone a channel sent can be used; kept here for callers of the callback helpers. */
export { isValidTimeZone };

function parseWall(value: unknown, today: WallClock): WallClock | undefined {
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
  const today = wallClock(timeZone, now);
  const out: Candidate[] = [];
  for (const v of values) {
    if (type === 'duration') {
      const seconds = Number(v.value);
      if (Number.isFinite(seconds) && seconds > 0 && v.Mod !== 'before') out.push({ at: now + seconds * 1000, hour: wallClock(timeZone, now + seconds * 1000).hour });
      continue;
    }
    const ranged = type.endsWith('range');
    const wall = parseWall(ranged ? v.start : v.value, today);
    if (!wall) continue;
    let at = instantOf(timeZone, wall, callbackPolicy);
    if (type === 'time' || type === 'timerange') {
      // A bare time is the next one: later today, or else tomorrow.
      if (at <= now) at = instantOf(timeZone, { ...wall, day: wall.day + 1 }, callbackPolicy);
    }
    if (ranged && at <= now) {
      // A span that has begun ("this afternoon" at 2 pm): the next quarter hour, if the span is still open.
      const end = parseWall(v.end, today);
      const next = Math.ceil((now + 1) / 900_000) * 900_000;
      if (end && next < instantOf(timeZone, end, callbackPolicy)) at = next;
    }
    out.push({ at, hour: wallClock(timeZone, at).hour });
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
  const wall = wallClock(timeZone, nowMs);
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
  const w = wallClock(timeZone, at.getTime());
  const clock = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  if (locale === 'zh-CN') return `${w.month}月${w.day}日 ${part('zh-CN', { weekday: 'long' })} ${clock}（${timeZone} 时间）`;
  return `${part('en-GB', { weekday: 'long' })} ${w.day} ${part('en-GB', { month: 'long' })}, ${clock} (${timeZone} time)`;
}
