/**
 * Country names as one class feature. "Can I use my card in Thailand?" and a stored "using my
 * debit card in Japan" share no word, yet ask the same thing; "能寄到美国吗" and "寄到德国可以吗"
 * likewise. Every country's name (English and Chinese, from `i18n-iso-countries`) and the words that
 * stand for "another country" (abroad, overseas, 国外, 海外 …) give a text one extra word feature,
 * {@link placeFeature}, that paraphrases naming different countries then share.
 */
import enNames from 'i18n-iso-countries/langs/en.json';
import zhNames from 'i18n-iso-countries/langs/zh.json';
import { foldText } from './textNormalizer';

/** The class word a text gets when it names a country; normalised text can never contain it (punctuation is removed). */
export const placeFeature = '⟨country⟩';

/**
 * Names that are also ordinary English words or mean something else to most customers ("us",
 * "turkey" at a food shop, "jersey", "chile" peppers, the US state of "georgia"): never taken as a
 * country.
 */
const ambiguousEnglish = new Set(['us', 'u s', 'chad', 'jersey', 'guinea', 'georgia', 'jordan', 'turkey', 'reunion', 'chile']);

/**
 * The home country when the operator sets none (ISO 3166 alpha-2). The home country is left out in
 * both languages: to the company it is home, not abroad, and "mainland China" questions would
 * otherwise meet "abroad" ones. It is China (CN) unless the operator sets another (HOME_COUNTRY,
 * {@link useHomeCountry}): the sample store and the held-out bases are all based there.
 */
export const defaultHomeCountry = 'CN';

let home = defaultHomeCountry;

/** True when `code` is an ISO 3166 alpha-2 code of a country the names table knows ("CN", "us"). */
export function isCountryCode(code: string): boolean {
  return Object.hasOwn(enNames.countries, code.toUpperCase());
}

/**
 * Makes `code` (ISO 3166 alpha-2) the home country for every matcher built afterwards in this
 * process: its names no longer count as a country. Throws on a code the names table does not know.
 */
export function useHomeCountry(code: string): void {
  const upper = code.toUpperCase();
  if (!isCountryCode(upper)) throw new Error(`"${code}" is not an ISO 3166 country code (two letters, e.g. CN, US, GB)`);
  if (upper === home) return;
  home = upper;
  english = undefined;
  chinese = undefined;
}

/** The home country's code (ISO 3166 alpha-2). */
export function homeCountryCode(): string {
  return home;
}

/** The home country's names, lower-case, in both languages. */
function homeNames(): Set<string> {
  const names = [enNames, zhNames].flatMap((table) => {
    const n = (table.countries as Record<string, string | string[]>)[home] ?? [];
    return Array.isArray(n) ? n : [n];
  });
  return new Set(names.map((n) => n.toLowerCase()));
}

/** "Somewhere abroad" without naming the country. */
const foreignEnglish = ['abroad', 'overseas', 'international', 'internationally', 'foreign'];
const foreignChinese = ['国外', '海外', '境外', '出国', '国际', '外国'];

function namesOf(table: { countries: Record<string, string | string[]> }): string[] {
  return Object.values(table.countries).flatMap((n) => (Array.isArray(n) ? n : [n]));
}

/** `word` without accents ("côte" → "cote"), so customers who leave them out still match. */
function plain(word: string): string {
  return /[^ -~]/.test(word) ? word.normalize('NFKD').replace(/\p{M}/gu, '') : word;
}

/** English names as word sequences, folded as questions are (`foldText`) and without accents. */
function englishSequences(): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>();
  const seen = new Set<string>();
  const homeCountry = homeNames();
  for (const name of [...namesOf(enNames), ...foreignEnglish]) {
    const words = foldText(name, 'en-US').split(' ').filter((w) => w !== '').map(plain);
    const joined = words.join(' ');
    if (words.length === 0 || ambiguousEnglish.has(joined) || homeCountry.has(name.toLowerCase()) || seen.has(joined) || /\b(of|the|and)$/.test(joined)) continue;
    seen.add(joined);
    const first = words[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), words]);
  }
  return byFirst;
}

let english: Map<string, string[][]> | undefined;
let chinese: Set<string> | undefined;

/**
 * Length of the longest country name (or "abroad" word) starting at `words[at]`, in words; 0 when
 * none starts there. `words` are lower-case and unstemmed, as `foldText` leaves them.
 */
export function englishPlaceAt(words: readonly string[], at: number): number {
  english ??= englishSequences();
  let longest = 0;
  for (const sequence of english.get(plain(words[at] ?? '')) ?? []) {
    if (sequence.length > longest && sequence.every((w, k) => plain(words[at + k] ?? '') === w)) longest = sequence.length;
  }
  return longest;
}

/** True when a Chinese word (as a segmenter cut it) is a country's name or means "abroad". */
export function isChinesePlace(word: string): boolean {
  if (chinese === undefined) {
    const homeCountry = homeNames();
    chinese = new Set([...namesOf(zhNames), ...foreignChinese].filter((n) => !homeCountry.has(n)));
  }
  return chinese.has(word);
}
