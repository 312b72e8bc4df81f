/**
 * Reads the answer to a flow's Question from what the customer typed, in English and Chinese (P13):
 * numbers ("two", "两个"), dates ("tomorrow at 3pm", "明天下午三点"), yes or no ("yes please", "不用了"),
 * e-mail addresses, phone numbers, a choice (by name, synonym or number: "2", "第二个"), a pattern
 * such as an order number, or any text. A reply that is really something else (a new question)
 * is not an answer.
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { extractEntities } from '../handoff/entityExtractor';
import { detectTextLocale } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import type { QuestionEntity } from './flowDefinition';
import { recognizeBooleanAnswer } from './booleanAnswer';

/** The answer, or none. */
export type Recognised = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const none: Recognised = { ok: false };
const culture: Readonly<Record<SupportedLocale, string>> = { 'en-US': Recognizers.Culture.English, 'zh-CN': Recognizers.Culture.Chinese };

/** What the recognizers return (their own type is `{ [key: string]: any }`). */
interface Found {
  readonly text: string;
  readonly resolution?: { readonly value?: unknown; readonly values?: readonly Readonly<Record<string, unknown>>[] };
}

/** Lower case, full-width forms folded, spaces trimmed. */
function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

/**
 * The value of `entity` in the customer's reply. `locale` is the conversation's; a reply plainly
 * written in the other language is read in its own. `now` anchors relative dates ("tomorrow").
 */
export function recognizeEntity(text: string, entity: QuestionEntity, locale: SupportedLocale, now: Date = new Date()): Recognised {
  const reply = text.trim();
  if (!reply) return none;
  const language = detectTextLocale(reply) ?? locale;
  switch (entity.kind) {
    case 'text':
      return { ok: true, value: reply };
    case 'number':
      return number(reply, language);
    case 'datetime':
      return dateTime(reply, language, now);
    case 'boolean': {
      const value = recognizeBooleanAnswer(reply, language);
      return value === undefined ? none : { ok: true, value };
    }
    case 'email':
    case 'phone': {
      const found = extractEntities(reply, language, now, { recognizedChars: 0 }).find((e) => e.type === entity.kind);
      return found ? { ok: true, value: found.value } : none;
    }
    case 'choice':
      return choice(reply, entity.choices, language);
    case 'regex':
      return pattern(reply, entity.pattern, entity.flags);
  }
}

function number(reply: string, language: SupportedLocale): Recognised {
  const [first] = Recognizers.recognizeNumber(normalize(reply), culture[language]) as Found[];
  const value = Number(first?.resolution?.value);
  return first && Number.isFinite(value) ? { ok: true, value } : none;
}

/** `2026-11-20 15:00:00` → `2026-11-20T15:00:00`. */
const iso = (value: unknown): string | undefined => (typeof value === 'string' && value ? value.replace(' ', 'T') : undefined);

/** A date, a date and time, a time, or a range as an ISO 8601 interval (`start/end`); ambiguous dates ("Friday") the next one. */
function dateTime(reply: string, language: SupportedLocale, now: Date): Recognised {
  for (const found of Recognizers.recognizeDateTime(reply, culture[language], undefined, now) as Found[]) {
    const values = found.resolution?.values ?? [];
    const chosen = values.at(-1);
    const type = String(chosen?.type ?? '');
    if (type === 'date' || type === 'datetime' || type === 'time') {
      const value = iso(chosen?.value);
      if (value) return { ok: true, value };
    }
    if (type.endsWith('range')) {
      const start = iso(chosen?.start);
      const end = iso(chosen?.end);
      if (start && end) return { ok: true, value: `${start}/${end}` };
    }
  }
  return none;
}

type Choice = Extract<QuestionEntity, { kind: 'choice' }>['choices'][number];

/** Words around a number that still make the reply just a number ("option 2", "the 2nd one", "第二个"). */
const numberFiller = /^(?:the|option|number|no|choice|one|第|个|项|选项|号|#|[\s\p{P}])*$/u;

function choiceByNumber(reply: string, choices: readonly Choice[], language: SupportedLocale): Choice | undefined {
  for (const recognize of [Recognizers.recognizeOrdinal, Recognizers.recognizeNumber]) {
    for (const found of recognize(reply, culture[language]) as Found[]) {
      const rest = reply.replace(found.text, ' ');
      const n = Number(found.resolution?.value);
      if (numberFiller.test(rest) && Number.isInteger(n)) return choices[n - 1];
    }
  }
  return undefined;
}

/** Every way a customer may name a choice, normalised. */
function namesOf(choice: Choice): string[] {
  const names = [choice.value, ...Object.values(choice.title), ...Object.values(choice.synonyms ?? {}).flat()];
  return names.map(normalize).filter((n) => n.length > 0);
}

/** Whether a name appears in the reply as a whole word (or, in Chinese, anywhere). */
function mentions(reply: string, name: string): boolean {
  const at = reply.indexOf(name);
  if (at < 0) return false;
  if (/\p{Script=Han}/u.test(name)) return true;
  const word = /[\p{L}\p{N}]/u;
  return !word.test(reply[at - 1] ?? ' ') && !word.test(reply[at + name.length] ?? ' ');
}

/**
 * The choice named by the whole reply, by its number, or the one choice the reply mentions (a name
 * inside a longer mentioned name, "card" in "gift card", does not count); none when two are mentioned.
 */
function choice(reply: string, choices: readonly Choice[], language: SupportedLocale): Recognised {
  const cleaned = normalize(reply).replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
  const exact = choices.find((c) => namesOf(c).includes(cleaned));
  const picked = exact ?? choiceByNumber(cleaned, choices, language);
  if (picked) return { ok: true, value: picked.value };
  const mentioned = choices.flatMap((c) => namesOf(c).filter((name) => mentions(cleaned, name)).map((name) => ({ c, name })));
  const kept = mentioned.filter((m) => !mentioned.some((o) => o.name.length > m.name.length && o.name.includes(m.name)));
  const found = new Set(kept.map((m) => m.c));
  const [only] = found;
  return only && found.size === 1 ? { ok: true, value: only.value } : none;
}

/** The whole reply when it matches, else the first word of it that does ("It's LM-123456.", "订单号LM-123456" → the code). */
function pattern(reply: string, source: string, flags = ''): Recognised {
  let regex: RegExp;
  try {
    // Without g and y a RegExp keeps no position between calls.
    regex = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch {
    return none;
  }
  const words = reply.split(/[\s\p{Script=Han},，。!！?？:：;；()（）"“”']+/u).map((w) => w.replace(/\.+$/, ''));
  for (const candidate of [reply, ...words]) {
    const match = candidate ? regex.exec(candidate) : null;
    if (match) return { ok: true, value: match[0] };
  }
  return none;
}
