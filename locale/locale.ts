/**
 * The languages Warmline speaks (P13) and how a turn's language is chosen: the customer's explicit
 * choice on the activity, then what they wrote, then what we remembered about them.
 */

/** Locales with first-class support. */
export const supportedLocales = ['en-US', 'zh-CN'] as const;

/** A locale Warmline answers in. */
export type SupportedLocale = (typeof supportedLocales)[number];

/** The locale used when nothing tells us better. */
export const defaultLocale: SupportedLocale = 'en-US';

/**
 * Maps a BCP 47 tag from a channel ("zh-cn", "zh-Hans-CN", "en-GB", "zh") to a supported locale,
 * or undefined when the tag names a language Warmline does not speak.
 */
export function toSupportedLocale(tag: string | undefined | null): SupportedLocale | undefined {
  if (typeof tag !== 'string') return undefined;
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'en' || lower.startsWith('en-')) return 'en-US';
  if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-hans') || lower.startsWith('zh-sg')) return 'zh-CN';
  return undefined;
}

const han = /\p{Script=Han}/u;
const latinLetter = /\p{Script=Latin}/u;
/** URLs (with a scheme or www.), e-mail addresses, and codes mixing letters and digits (LM-200302, SD7301948826). */
const notLanguage = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s，。、）)]+|[^\s@，。]+@[^\s@，。]+\.[a-z]{2,}|\b[a-z]*\d[a-z\d-]*\b|\b[a-z]+-?\d[\w-]*/giu;

/**
 * Guesses the language of a short text from its script: mostly Han characters means Chinese,
 * mostly Latin letters means English; undefined when the text has neither (digits, emoji).
 */
export function detectTextLocale(text: string): SupportedLocale | undefined {
  let hanCount = 0;
  let latinCount = 0;
  // Links and addresses are written in Latin letters whatever the language around them.
  for (const ch of text.replace(notLanguage, ' ')) {
    if (han.test(ch)) hanCount += 1;
    else if (latinLetter.test(ch)) latinCount += 1;
  }
  if (hanCount === 0 && latinCount === 0) return undefined;
  // One Han character carries about as much as a short English word.
  return hanCount * 3 >= latinCount ? 'zh-CN' : 'en-US';
}

/**
 * True when a text mixes Chinese characters with English words ("我想 return 我的 headphones",
 * "my 快递 is late"): the customer writes in both, so neither language can be read off the text.
 * Links, addresses and codes (LM-200300, iPhone 15) do not count as English words.
 */
export function isMixedScript(text: string): boolean {
  const plain = text.replace(notLanguage, ' ');
  return han.test(plain) && /[A-Za-z]{2,}/.test(plain);
}

/**
 * Picks the locale for a reply: the language of what the customer just wrote (a message mixing
 * Chinese and English keeps the conversation's language); for a text with no language in it
 * ("12345", an emoji), the conversation's language so far; then the channel's locale; then what
 * we remember of the customer; then English.
 */
export function chooseLocale(input: {
  text?: string;
  conversation?: SupportedLocale;
  activityLocale?: string;
  profile?: SupportedLocale;
}): SupportedLocale {
  const fromText = input.text && !(input.conversation && isMixedScript(input.text)) ? detectTextLocale(input.text) : undefined;
  return fromText ?? input.conversation ?? toSupportedLocale(input.activityLocale) ?? input.profile ?? defaultLocale;
}
