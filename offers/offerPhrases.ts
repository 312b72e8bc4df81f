/**
 * What customers type to stop or restart offers, in en and zh: "don't show me offers", "stop sending
 * me any more offers", "不要再给我推荐", "别再给我发广告", and "show me offers" / "重新接收优惠" to opt
 * back in. A refusal always wins: any negation near an offer word is a stop ("I told you not to send
 * me offers"), and a message with a negation is never an opt-in. A question about offers ("do you
 * have any offers?", "why am I getting offers again?") is neither.
 */

/** Fixed phrases per intent; English ones match whole words, Chinese ones anywhere in the message. */
export const offerPhrases = {
  optOut: {
    en: ['unsubscribe', 'opt out of offers', 'opt me out', 'no offers please', 'no more offers', 'no marketing', 'no more promotions'],
    zh: ['退订', '不再接收优惠', '不接收优惠'],
  },
  optIn: {
    en: ['show me offers', 'send me offers', 'opt in to offers', 'opt back in', 'i want offers again', 'offers again', 'resume offers', 'start offers again', 'turn offers back on'],
    zh: ['重新接收优惠', '恢复优惠', '可以给我推荐', '我想看优惠', '给我推荐优惠', '接收优惠', '恢复推荐'],
  },
} as const;

/** An English refusal: a negation, up to five words, then an offer word ("don't send me any more offers"). */
const enRefusal = /\b(?:never|don't|dont|do not|stop|not|no)\b(?:\s+[\p{L}']+){0,5}?\s+(?:offers?|promotions?|promos?|deals|marketing|adverts?|ads)\b/u;
/** A Chinese refusal: a negation, a few characters, then an offer word ("以后别给我发优惠了"). */
const zhRefusal = /(?:不要|别再?|不想要?|不需要|停止|不再|不用再?)[^，。！？,.!?]{0,6}?(?:优惠|推荐|广告|推销|促销|推送|营销)/u;
/** Any negation, which rules out reading the message as an opt-in. */
const enNegation = /\b(?:never|don't|dont|do not|not|no|stop|why)\b/u;
const zhNegation = /[不别没]|为什么/u;
/** A question (ends in a question mark or opens like one): asks about offers, says nothing of a choice. */
const question = /[?？]\s*$|^(?:why|what|how|do you|does|are|is|can you tell|have you)\b|吗\s*$|为什么/u;

/** What a message says about offers as a standing choice, if anything. */
export type OfferPreference = 'opt-out' | 'opt-in';

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s?？，。！,.!]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function hasPhrase(folded: string, phrases: { readonly en: readonly string[]; readonly zh: readonly string[] }): boolean {
  const words = ` ${folded.replace(/[?？，。！,.!]/g, ' ').replace(/\s+/g, ' ')} `;
  const compact = folded.replace(/\s+/g, '');
  return phrases.en.some((p) => words.includes(` ${p} `)) || phrases.zh.some((p) => compact.includes(p));
}

/** The customer's standing choice about offers in `text`, or undefined when it says none. */
export function readOfferPreference(text: string): OfferPreference | undefined {
  if (!text || text.length > 500) return undefined;
  const folded = fold(text);
  if (hasPhrase(folded, offerPhrases.optOut)) return 'opt-out';
  if (question.test(folded)) return undefined;
  if (enRefusal.test(folded) || zhRefusal.test(folded.replace(/\s+/g, ''))) return 'opt-out';
  if (enNegation.test(folded) || zhNegation.test(folded)) return undefined;
  return hasPhrase(folded, offerPhrases.optIn) ? 'opt-in' : undefined;
}
