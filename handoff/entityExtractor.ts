/**
 * Finds the values an agent would otherwise have to ask for again (P2): order numbers, amounts,
 * dates, e-mail addresses and phone numbers, in English and Chinese (P13). Masked values (card
 * numbers shown as `•••• 1111`, passwords, ID numbers) are never reported (P10).
 */
import {
  recognizeCurrency,
  recognizeDateTime,
  recognizeEmail,
  recognizePhoneNumber,
} from '@microsoft/recognizers-text-suite';
import type { SupportedLocale } from '../locale/locale';
import type { RecognisedEntity } from './handoffSummary';

/** A found value and where it sits in the text, before overlaps are settled. */
interface Candidate extends RecognisedEntity {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** What the recognizers return (their own type is `{ [key: string]: any }`). */
interface Recognised {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly typeName: string;
  readonly resolution?: Readonly<Record<string, unknown>>;
}

const cultures: Readonly<Record<SupportedLocale, string>> = { 'en-US': 'en-us', 'zh-CN': 'zh-cn' };

/** When two values overlap, the more specific kind wins ("#20261120" is an order, not a date or a phone). */
const rank: Readonly<Record<RecognisedEntity['type'], number>> = { email: 0, 'order-number': 1, phone: 2, amount: 3, date: 4 };

/** Masked values (`•••• 1111`, `11••••••••••••002X`, `••••••`) and the digits around them. */
const maskedValue = /[\dXx]*•+(?:[ -]?[\dXx]+)?/g;

/** "order 12345678", "order number: LC-123456", "订单号：12345678", "订单 A1234". */
const orderAfterWord =
  /(?:\border(?:\s*(?:number|no\.?|num|id|#))?|订单(?:号码|编号|号)?)\s*(?:is|was|:|：|=|是|为)?\s*#?\s*([A-Za-z]{0,3}-?\d{4,20})(?![\w-])/giu;
/** "#12345". */
const orderHash = /(?<![\w&])#\s?(\d{4,20})(?![\w-])/g;
/** "LC-123456", "A1234": one to three capitals, then digits. */
const orderCode = /(?<![\w-])([A-Z]{1,3}-?\d{4,12})(?![\w-])/g;
/** Words that make a code a parcel's tracking number rather than an order number. */
const trackingWords = /(?:tracking|waybill|快递单号|运单号|物流单号|快递号)[^.。!！?？\n]{0,12}$/iu;

/** Phone numbers the recognizer misses, e.g. `(555) 123-4567`, `+1 555 123 4567`. */
const phoneShape = /(?<![\w•+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}(?![\w•])/g;

/** Amounts written with a currency code, which the recognizer misreads ("USD 12" → 0.12). */
const codeAmount = /\b(USD|CNY|RMB|EUR|GBP|HKD)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.])/gi;

/** Currency names the recognizer gives without an ISO code. */
const currencyCodes: Readonly<Record<string, string>> = {
  Dollar: 'USD',
  'United States dollar': 'USD',
  Euro: 'EUR',
  Pound: 'GBP',
  'British pound': 'GBP',
  'Pound sterling': 'GBP',
  'Chinese yuan': 'CNY',
  'Japanese yen': 'JPY',
  'Hong Kong dollar': 'HKD',
};

/** How much of a message the (slow) recognizers read by default; the patterns read all of it. */
const defaultRecognizedChars = 1000;

/** Limits for long texts. */
export interface ExtractOptions {
  /**
   * How many characters the date and amount recognizers read (they take about 0.1 s per 500); order
   * numbers, e-mail addresses and phone numbers are found in the whole text. Default 1000.
   */
  readonly recognizedChars?: number;
}

const han = /\p{Script=Han}/u;
const latinWord = /\p{Script=Latin}{3,}/u;

/**
 * The order numbers, amounts, dates, e-mail addresses and phone numbers in one (already masked)
 * message, in the order they appear, each once. `now` is the reference for relative dates
 * ("yesterday", "last Friday") and decides which year or week an ambiguous date ("Friday",
 * "November 20") means.
 */
export function extractEntities(text: string, locale: SupportedLocale, now: Date = new Date(), options: ExtractOptions = {}): RecognisedEntity[] {
  const clean = text.replace(maskedValue, (m) => ' '.repeat(m.length));
  const primary = cultures[locale];
  const candidates: Candidate[] = [...orderNumbers(clean), ...emails(clean, primary), ...phones(clean, primary), ...codeAmounts(clean)];
  const head = headOf(clean, Math.max(0, options.recognizedChars ?? defaultRecognizedChars));
  if (head.trim().length > 0) {
    const other = locale === 'en-US' ? (han.test(head) ? 'zh-cn' : undefined) : latinWord.test(head) ? 'en-us' : undefined;
    for (const culture of other ? [primary, other] : [primary]) {
      candidates.push(...amounts(head, culture), ...dates(head, culture, now));
    }
  }
  return settle(candidates);
}

/** The start of a text, cut after a space or punctuation near the limit so that no value is read half. */
function headOf(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const boundary = /[\s\p{P}][^\s\p{P}]*$/u.exec(cut);
  return boundary && boundary.index > limit - 40 ? cut.slice(0, boundary.index) : cut;
}

/** Keeps the best of overlapping values, then one of each type and value, in reading order. */
function settle(candidates: readonly Candidate[]): RecognisedEntity[] {
  const kept: Candidate[] = [];
  const ordered = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank[a.c.type] - rank[b.c.type] || a.i - b.i)
    .map(({ c }) => c);
  for (const c of ordered) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start || rank[a.type] - rank[b.type]);
  const seen = new Set<string>();
  const out: RecognisedEntity[] = [];
  for (const { type, text, value } of kept) {
    const key = `${type}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type, text, value });
  }
  return out;
}

function orderNumbers(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const pattern of [orderAfterWord, orderHash, orderCode]) {
    for (const m of text.matchAll(pattern)) {
      const id = m[1];
      if (id === undefined || m.index === undefined) continue;
      if (pattern === orderCode && trackingWords.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      const start = m.index + m[0].lastIndexOf(id);
      // "#12345" is shown as written; after a word ("order 12345678") the number alone.
      const written = pattern === orderHash ? m[0] : id;
      out.push({ type: 'order-number', text: written, value: id.toUpperCase(), start: pattern === orderHash ? m.index : start, end: start + id.length });
    }
  }
  return out;
}

function emails(text: string, culture: string): Candidate[] {
  return recognised(recognizeEmail(text, culture)).map((r) => ({
    type: 'email',
    ...span(text, r),
    value: stringAt(r.resolution, 'value', r.text).toLowerCase(),
  }));
}

function phones(text: string, culture: string): Candidate[] {
  const found: { start: number; end: number }[] = recognised(recognizePhoneNumber(text, culture)).map((r) => ({ start: r.start, end: r.end + 1 }));
  for (const m of text.matchAll(phoneShape)) {
    if (m.index !== undefined) found.push({ start: m.index, end: m.index + m[0].length });
  }
  const out: Candidate[] = [];
  for (const { start, end } of found) {
    const written = text.slice(start, end).trim();
    const digits = written.replace(/\D/g, '');
    // Shorter runs of digits are order numbers, prices or dates far more often than phone numbers.
    if (digits.length < 10 || digits.length > 15) continue;
    const offset = text.slice(start, end).indexOf(written);
    out.push({ type: 'phone', text: written, value: `${written.startsWith('+') ? '+' : ''}${digits}`, start: start + offset, end: start + offset + written.length });
  }
  return out;
}

function codeAmounts(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(codeAmount)) {
    const [written, code = '', number = ''] = m;
    if (m.index === undefined) continue;
    const iso = code.toUpperCase() === 'RMB' ? 'CNY' : code.toUpperCase();
    out.push({ type: 'amount', text: written, value: `${formatAmount(number.replace(/,/g, ''))} ${iso}`, start: m.index, end: m.index + written.length });
  }
  return out;
}

function amounts(text: string, culture: string): Candidate[] {
  const out: Candidate[] = [];
  for (const r of recognised(recognizeCurrency(text, culture))) {
    const number = stringAt(r.resolution, 'value', '');
    if (!/^\d+(?:\.\d+)?$/.test(number)) continue;
    const { text: written, start, end } = span(text, r);
    const unit = stringAt(r.resolution, 'unit', '');
    let code = stringAt(r.resolution, 'isoCurrency', '') || currencyCodes[unit] || unit;
    // The store prices in yuan: "¥299" is CNY unless the customer says yen.
    if (code === 'JPY' && /[¥￥]/.test(written) && !/yen|日元|日圆/i.test(written)) code = 'CNY';
    if (!code) continue;
    out.push({ type: 'amount', text: written, value: `${formatAmount(number)} ${code}`, start, end });
  }
  return out;
}

function dates(text: string, culture: string, now: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const r of recognised(recognizeDateTime(text, culture, undefined, now))) {
    if (!datedTypes.has(r.typeName)) continue;
    const value = nearest(values(r.resolution), now);
    if (value === undefined) continue;
    out.push({ type: 'date', ...span(text, r), value });
  }
  return out;
}

/** Recognizer results that can name a day; spans ("last month") and durations cannot. */
const datedTypes = new Set(['datetimeV2.date', 'datetimeV2.datetime', 'datetimeV2.daterange', 'datetimeV2.datetimerange']);

/**
 * The resolved values of a date, as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`. A range counts only when it
 * is a day with a modifier ("by Friday", "since yesterday"): then that day is the value.
 */
function values(resolution: Readonly<Record<string, unknown>> | undefined): string[] {
  const list = resolution?.['values'];
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const v of list as unknown[]) {
    const { value: point, sourceEntity, start, end, timex } = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    // "now", "现在", "recently", "soon" resolve to the moment of writing: not a date the customer gave.
    if (typeof timex === 'string' && /^(PRESENT|PAST|FUTURE)_REF$/.test(timex)) continue;
    const value = point ?? (sourceEntity === 'datetimepoint' ? (start ?? end) : undefined);
    if (typeof value !== 'string') continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?/.exec(value);
    if (m?.[1]) out.push(m[2] ? `${m[1]} ${m[2]}` : m[1]);
  }
  return out;
}

/**
 * Of the readings of an ambiguous date ("Friday", "3 March": last one or next one), the past one:
 * customers mostly write about what already happened; unless the future one is far closer
 * ("November 20" written on November 15).
 */
function nearest(candidates: readonly string[], now: Date): string | undefined {
  const at = (c: string): number => Date.parse(`${c.replace(' ', 'T')}${c.length === 10 ? 'T00:00:00' : ':00'}Z`) - now.getTime();
  const timed = candidates.map((c) => ({ c, offset: at(c) })).filter((x) => Number.isFinite(x.offset));
  const past = timed.filter((x) => x.offset <= 0).sort((a, b) => b.offset - a.offset)[0];
  const future = timed.filter((x) => x.offset > 0).sort((a, b) => a.offset - b.offset)[0];
  if (!past || !future) return (past ?? future)?.c;
  return future.offset * 4 < -past.offset ? future.c : past.c;
}

function formatAmount(number: string): string {
  const n = Number(number);
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** The value as the customer wrote it (recognizers lower-case their `text`). */
function span(text: string, r: Recognised): { text: string; start: number; end: number } {
  const end = r.end + 1;
  const written = text.slice(r.start, end);
  return written.toLowerCase() === r.text.toLowerCase() ? { text: written, start: r.start, end } : { text: r.text, start: r.start, end };
}

function stringAt(resolution: Readonly<Record<string, unknown>> | undefined, key: string, fallback: string): string {
  const v = resolution?.[key];
  return typeof v === 'string' ? v : fallback;
}

function recognised(results: readonly Recognised[]): readonly Recognised[] {
  return results.filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end));
}
