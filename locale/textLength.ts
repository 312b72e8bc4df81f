/**
 * The one way Warmline counts the length of a message, so the Direct Line endpoint and the bot
 * agree on what "at most N characters" means.
 */

/**
 * Characters in `text` as a customer would count them for an emoji or a Chinese character: Unicode
 * code points, so "👍" is 1 (JavaScript's `length` says 2). Combined emoji sequences count each of
 * their code points; a lone surrogate counts as one.
 */
export function textLength(text: string): number {
  let count = 0;
  // String iteration steps by code point, without building an array as Array.from would.
  for (const _codePoint of text) count += 1;
  return count;
}
