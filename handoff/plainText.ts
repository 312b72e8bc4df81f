/**
 * What agents see is plain text: a customer's words and name go into Markdown (relayed messages,
 * Adaptive Card text, transcripts) and must render exactly as typed. No link or image, no bold, no
 * heading or list, no HTML, no hidden or direction-reversing characters, and a name that cannot pass
 * for one of Warmline's labels. Web Chat renders Markdown with markdown-it (HTML on, bare URLs
 * linkified), Teams with its own subset, so the escaping targets both.
 */

/** Longest customer name shown to an agent, in characters. */
export const maxNameChars = 40;
/** Longest customer id shown to an agent, in characters. */
export const maxIdChars = 64;

/**
 * Invisible characters that change how text reads or hide in it: bidi embeddings, overrides and
 * isolates, zero-width and other format characters (`\p{Cf}`, except a joiner inside an emoji
 * sequence), C0/C1 controls other than tab and line breaks, and "blank letters" used as empty names.
 */
const invisible = /(?<!\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?!\u200D)\p{Cf}|(?![\t\n\r])\p{Cc}|[\u034F\u115F\u1160\u3164\uFFA0]/gu;
/** More than four combining marks on one letter only pile up ("Zalgo" text). */
const markPileUp = /(\p{M}{4})\p{M}+/gu;
/** Quote marks that would let a name close our quotes around it. */
const quoteMarks = /["“”„‟«»‹›「」『』〝〞＂]/gu;
/** The brackets Web Chat uses for `aria-label` attributes in Markdown. */
const attributeBrackets: Readonly<Record<string, string>> = { '⟬': '⟨', '⟭': '⟩' };
/** Joins characters without showing anything; placed where a link would otherwise be recognised. */
const wordJoiner = '\u2060';
/** A half of a surrogate pair without its other half (not a character; shown as �). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** An e-mail address (as linkify would find it), with nothing in it that could end a code span. */
const emailAddress = /([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/;
/** What an id may contain to be shown as code (copyable exactly, never a link). */
const codeSafeId = /^[\p{L}\p{N}_.@:+-]+$/u;

/**
 * Removes bidi controls, zero-width and other invisible control characters; keeps line breaks and
 * emoji sequences. For text that is stored or sent as data (the summary, the hub's JSON).
 */
export function stripInvisible(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD').replace(invisible, '').replace(markPileUp, '$1');
}

/**
 * Markdown that renders as `text` typed: invisible characters removed, whitespace (line breaks too)
 * made single spaces so nothing can start a line of its own, cut to `max` characters with "…",
 * Markdown and HTML escaped, and links broken with invisible joiners so none is clickable. E-mail
 * addresses are shown as code instead, so that the agent can copy them exactly.
 */
export function plainText(text: string, max?: number): string {
  const flat = stripInvisible(text).replace(/\s+/g, ' ').trim();
  const shown = max === undefined ? flat : cut(flat, max);
  // split() with a group: even parts are text, odd parts are the addresses between them.
  return shown
    .split(emailAddress)
    .map((part, i) => (i % 2 === 1 ? `\`${part}\`` : breakLinks(escapeMarkdown(part, i === 0))))
    .join('');
}

/** A customer's display name in quotes (“Ana Souza”), at most {@link maxNameChars}; undefined when nothing is left of it. */
export function quotedName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const flat = stripInvisible(name).replace(quoteMarks, "'").replace(/\s+/g, ' ').trim();
  return flat ? `“${breakLinks(escapeMarkdown(cut(flat, maxNameChars), false))}”` : undefined;
}

/**
 * An identifier (a customer id, an e-mail address) as Markdown code (`dl_4f2a`): exact to copy, never
 * a link. Anything with other characters than an id has, or longer than {@link maxIdChars}, is shown
 * as plain text instead.
 */
export function asCode(id: string): string {
  const flat = stripInvisible(id).replace(/\s+/g, ' ').trim();
  return codeSafeId.test(flat) && [...flat].length <= maxIdChars ? `\`${flat}\`` : plainText(flat, maxIdChars);
}

/** How agents see a customer: “Ana Souza” (`u1`), or the id alone when there is no other name. */
export function customerTag(name: string | undefined, id: string): string {
  const quoted = name !== undefined && name !== id ? quotedName(name) : undefined;
  return quoted ? `${quoted} (${asCode(id)})` : asCode(id);
}

/** Cuts to `max` characters (code points, at least 8), ending with "…" when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  const limit = Math.max(8, Math.floor(max));
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('').replace(/\u200D$/u, '').trimEnd()}…`;
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * Backslash-escapes what Markdown or HTML would act on: emphasis, code, strikethrough, brackets
 * (links, images), angle brackets (HTML, autolinks), entity references, and the marks that start a
 * heading, list, quote or rule at the start of the text. An underscore inside a word is left alone
 * (it cannot emphasise), so ids and snake_case read as typed.
 */
function escapeMarkdown(text: string, atLineStart: boolean): string {
  const escaped = text.replace(/[\\`*~[\]<>_&{⟬⟭]/gu, (ch: string, at: number) => {
    if (ch === '_') return letterOrDigit.test(text[at - 1] ?? '') && letterOrDigit.test(text[at + 1] ?? '') ? ch : '\\_';
    if (ch === '&') return /^&(?:#\d+|#x[\da-f]+|[a-z][\da-z]*);/i.test(text.slice(at)) ? '\\&' : ch;
    // Web Chat turns `{aria-label=…}` into an attribute: a joiner after the brace stops it.
    if (ch === '{') return `{${wordJoiner}`;
    return attributeBrackets[ch] ?? `\\${ch}`;
  });
  return atLineStart ? escaped.replace(/^[#=+-]/, '\\$&').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2') : escaped;
}

/**
 * Stops linkify (Web Chat's markdown-it) from finding a link: a joiner between the slashes of `//`,
 * after a scheme's colon (`mailto:`), and after a dot followed by a letter (`example.com`, `www.`),
 * so no host ends in a top-level domain. The text reads the same; nothing is clickable.
 */
function breakLinks(text: string): string {
  return text
    .replace(/\/(?=\/)/g, `/${wordJoiner}`)
    .replace(/(?<=[A-Za-z]):(?=[^\s\d])/g, `:${wordJoiner}`)
    .replace(/\.(?=\p{L})/gu, `.${wordJoiner}`);
}
