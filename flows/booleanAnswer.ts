/**
 * Yes or no to a flow's Question, as customers type it ("yes please", "nope", "好的", "不用了"). Strict
 * on purpose: the answer must open the reply ("no, it's still broken"), so that a new question typed
 * at a yes/no prompt ("no idea where my parcel is", "我的包裹还没到") is not taken as "no".
 */
import * as Recognizers from '@microsoft/recognizers-text-suite';
import type { SupportedLocale } from '../locale/locale';

const phrases: Readonly<Record<SupportedLocale, { readonly yes: ReadonlySet<string>; readonly no: ReadonlySet<string> }>> = {
  'en-US': {
    yes: new Set([
      'yes', 'yeah', 'yea', 'yep', 'yup', 'y', 'sure', 'ok', 'okay', 'correct', 'right', "that's right", 'thats right', 'of course',
      'definitely', 'absolutely', 'please do', 'go ahead', 'confirm', 'confirmed', 'yes please', 'sure thing', 'i do', 'it is',
    ]),
    no: new Set([
      'no', 'nope', 'nah', 'n', 'no thanks', 'no thank you', 'not really', 'not now', "don't", 'dont', 'do not', 'wrong', 'incorrect',
      'negative', "i don't", 'i dont', "it isn't", 'it is not', 'not at all',
    ]),
  },
  'zh-CN': {
    yes: new Set(['是', '是的', '对', '对的', '好', '好的', '行', '可以', '嗯', '嗯嗯', '没错', '确认', '要', '需要', '当然', '当然可以', '没问题', 'ok']),
    no: new Set(['不', '不是', '不对', '否', '不行', '不可以', '不用', '不用了', '不要', '不需要', '没有', '没', '错了', '不了', '不必了']),
  },
};

/** Words of politeness that may follow the answer ("yes please", "好的谢谢"). */
const politeTail: Readonly<Record<SupportedLocale, RegExp>> = {
  'en-US': /\s*(?:please|thanks|thank you|thx)$/u,
  'zh-CN': /(?:谢谢(?:您|你)?|麻烦了|[啊呀吧哦噢呢啦嘛滴])+$/u,
};

/** Signs that the reply asks something rather than answers. */
const questionLike: Readonly<Record<SupportedLocale, RegExp>> = {
  'en-US': /[?？]|^(?:how|what|where|when|why|who|which|can|could|is|are|will|would|should)\b/u,
  'zh-CN': /[?？]|怎么|怎样|如何|为什么|哪|什么|多少|吗\s*$/u,
};

const clauseBreak = /[,.;:!，。；：！、\n]/u;

function lookUp(phrase: string, language: SupportedLocale): boolean | undefined {
  const { yes, no } = phrases[language];
  const bare = phrase.replace(politeTail[language], '').trim();
  if (yes.has(bare) || yes.has(phrase)) return true;
  if (no.has(bare) || no.has(phrase)) return false;
  return undefined;
}

/** True for yes, false for no, undefined when the reply is not a yes/no answer. */
export function recognizeBooleanAnswer(text: string, language: SupportedLocale): boolean | undefined {
  const cleaned = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").trim();
  const [first = '', ...rest] = cleaned.split(clauseBreak);
  if (questionLike[language].test(first)) return undefined;
  const answer = lookUp(first.replace(/[\p{P}\s]+$/u, '').trim(), language);
  // "No, how do I return it?" answers first and then asks: the answer still counts.
  if (answer !== undefined) return answer;
  if (rest.length > 0 || questionLike[language].test(cleaned)) return undefined;
  // recognizers-text's own words ("yes sir", "对啊"), only when they are most of the reply.
  const [found] = Recognizers.recognizeBoolean(cleaned, language === 'zh-CN' ? Recognizers.Culture.Chinese : Recognizers.Culture.English) as {
    text: string;
    resolution?: { value?: unknown };
  }[];
  const meaningful = (s: string): number => s.replace(/[^\p{L}\p{N}]/gu, '').length;
  const value = found?.resolution?.value;
  return found && typeof value === 'boolean' && meaningful(found.text) * 2 >= meaningful(cleaned) ? value : undefined;
}
