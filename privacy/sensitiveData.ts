/**
 * Masks values a person helping the customer does not need to see in full, and that logs and
 * learning data must not keep (P10): card numbers, passwords, e-mail addresses, phone numbers and
 * long identity numbers. Plain text in, plain text out; no botbuilder.
 */

/** What kind of value was masked. */
export type SensitiveKind = 'card' | 'password' | 'email' | 'phone' | 'id';

interface Rule {
  readonly kind: SensitiveKind;
  readonly pattern: RegExp;
  readonly mask: (match: string, ...groups: string[]) => string;
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** Luhn check, so order numbers of card length are not mistaken for cards. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Masks the card number inside a run of digit groups. The run may carry more groups than the card
 * ("4111 1111 1111 1111 12 times"), so every window of 13–19 digits that starts and ends on a group
 * boundary is tried, longest first.
 */
function maskCardIn(run: string): string {
  const at = [...run].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
  const boundary = (k: number): boolean => k <= 0 || k >= at.length || (at[k] ?? 0) !== (at[k - 1] ?? 0) + 1;
  for (let start = 0; start + 13 <= at.length; start += 1) {
    if (!boundary(start)) continue;
    for (let length = Math.min(19, at.length - start); length >= 13; length -= 1) {
      if (!boundary(start + length)) continue;
      const digits = at.slice(start, start + length).map((i) => run[i]).join('');
      if (!passesLuhn(digits)) continue;
      const first = at[start] ?? 0;
      const last = at[start + length - 1] ?? 0;
      return `${run.slice(0, first)}•••• ${digits.slice(-4)}${run.slice(last + 1)}`;
    }
  }
  return run;
}

const rules: readonly Rule[] = [
  {
    // "password: hunter2", "pwd is x", "密码是 abc123", "密码：abc", "PIN 1234"; ASCII punctuation
    // may be part of a password, so the value ends at white space, Chinese punctuation or a Han
    // character. The keyword is a whole word ("shipping" holds no PIN), and without "is", ":" or "="
    // only a value with a digit counts ("password reset link" holds no password).
    kind: 'password',
    pattern:
      /((?:\b(?:password|passcode|passwd|pwd|pin)\b|密码|口令)(?:\s*(?:is|was|:|：|=|是|为)\s*|\s*(?=[^\s，。、；！？\p{Script=Han}]*\d)))([^\s，。、；！？\p{Script=Han}]+)/giu,
    mask: (_m, lead = '') => `${lead}••••••`,
  },
  {
    kind: 'card',
    pattern: /\b(?:\d[ -]?){12,40}\d\b/g,
    mask: (m) => maskCardIn(m),
  },
  {
    // Chinese resident identity card numbers: 17 digits and a check digit or X.
    kind: 'id',
    pattern: /\b\d{17}[\dXx]\b/g,
    mask: (m) => `${m.slice(0, 2)}${'•'.repeat(12)}${m.slice(-4)}`,
  },
  {
    kind: 'email',
    pattern: /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g,
    mask: (_m, first = '', domain = '') => `${first}•••${domain}`,
  },
  {
    // International or Chinese mobile numbers: +86 138 0013 8000, 13800138000, (555) 123-4567.
    kind: 'phone',
    pattern: /(?<![\w•])(?:\+\d{1,3}[ -]?)?(?:\(\d{2,4}\)[ -]?)?\d{3,4}[ -]?\d{3,4}[ -]?\d{3,4}(?![\w•])/g,
    mask: (m) => {
      const digits = digitsOf(m);
      return digits.length >= 10 && digits.length <= 15 ? `•••${digits.slice(-3)}` : m;
    },
  },
];

/** The masked text and which kinds of values were found. */
export interface MaskResult {
  readonly text: string;
  readonly found: readonly SensitiveKind[];
}

/** Which kinds of value to leave readable (e.g. an agent needs the customer's email and phone). */
export interface MaskOptions {
  readonly keep?: readonly SensitiveKind[];
}

/**
 * Masks every sensitive value in a text. Kinds listed in `keep` are left as written; card numbers,
 * passwords and ID numbers are best never kept.
 */
export function maskSensitive(text: string, options: MaskOptions = {}): MaskResult {
  let out = text;
  const found = new Set<SensitiveKind>();
  for (const rule of rules) {
    if (options.keep?.includes(rule.kind)) continue;
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.filter((g): g is string => typeof g === 'string');
      const masked = rule.mask(match, ...groups);
      if (masked !== match) found.add(rule.kind);
      return masked;
    });
  }
  return { text: out, found: [...found] };
}

/**
 * Masking for whatever is stored or shown to agents: card numbers, passwords and ID numbers hidden;
 * e-mail addresses and phone numbers kept, because agents need them to help (P2) and callbacks use them.
 */
export function maskForAgents(text: string): string {
  return maskSensitive(text, { keep: ['email', 'phone'] }).text;
}
