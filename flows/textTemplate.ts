/**
 * Finds the `${expression}` parts of a text an admin wrote ("Order ${topic.orderNumber} is late"),
 * so they can be filled in when the text is shown and checked when the flow is published. `\${`
 * writes a literal `${`. Braces and quotes inside an expression are allowed:
 * `${concat('}', topic.x)}` is one expression.
 */

/** A piece of a text: literal text, or an expression (without `${` and `}`) to fill in. */
export type TemplatePart = { readonly literal: string } | { readonly expression: string };

/** A text split into parts, or why it cannot be (an unclosed `${`). */
export type ParsedTemplate = { readonly ok: true; readonly parts: readonly TemplatePart[] } | { readonly ok: false; readonly message: string };

/** Splits `text` into literal parts and `${…}` expressions. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i] ?? '';
      i += 1;
      continue;
    }
    const end = closingBrace(text, i + 2);
    if (end === undefined) return { ok: false, message: `"\${" at character ${i + 1} is never closed with "}"` };
    if (literal) parts.push({ literal });
    literal = '';
    const expression = text.slice(i + 2, end).trim();
    if (expression === '') return { ok: false, message: `"\${}" at character ${i + 1} is empty` };
    parts.push({ expression });
    i = end + 1;
  }
  if (literal) parts.push({ literal });
  return { ok: true, parts };
}

/** True when the text has at least one `${…}` to fill in (quick test for plain texts). */
export function hasTemplate(text: string): boolean {
  return text.includes('${');
}

/** Index of the `}` closing an expression that starts at `from`, skipping quoted text and nested braces. */
function closingBrace(text: string, from: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return undefined;
}
