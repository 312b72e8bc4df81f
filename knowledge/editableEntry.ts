/**
 * A knowledge entry as an editor changes it (Warmline Studio): what a `.qna` file says about it,
 * without what the loader works out (where it was written, whether a prompt makes it context-only).
 * Checked here, once, so that an entry that passes is one the `.qna` writer can write and the parser
 * reads back unchanged.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { KnowledgeEntry } from './knowledgeBase';

/** A follow-up prompt as written under `**Prompts:**`. */
export interface EditablePrompt {
  readonly displayText: string;
  readonly entryId: string;
  readonly contextOnly: boolean;
}

/** One entry as the editor sends and receives it: the main question first, then the alternates. */
export interface EditableEntry {
  readonly id: string;
  readonly questions: readonly string[];
  /** Markdown. */
  readonly answer: string;
  /** `**Filters:**`, lower-case keys and values. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly prompts: readonly EditablePrompt[];
}

/** The id pattern of the `.qna` format (`<a id = "N"></a>`). */
export const entryIdPattern = /^[\w-]{1,64}$/;

const oneLine = (what: string, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`).regex(/^[^\r\n\u2028\u2029]*$/, `${what} must be one line`));

const questionsSchema = z
  .array(oneLine('a question', 500))
  .min(1, 'an entry needs its main question')
  .max(500, 'an entry holds at most 500 questions')
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      const key = q.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `"${q}" is asked twice` });
      seen.add(key);
    });
  });

const metadataSchema = z
  .record(z.string(), z.string())
  .transform((m) => Object.entries(m).map(([k, v]) => [k.trim().toLowerCase(), v.trim().toLowerCase()] as const))
  .superRefine((pairs, ctx) => {
    const seen = new Set<string>();
    for (const [key, value] of pairs) {
      if (key === '' || value === '') ctx.addIssue({ code: 'custom', path: [key], message: 'a filter needs both a key and a value' });
      if (/[=\r\n\u2028\u2029]/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `filter key "${key}" may not hold "=" or a line break` });
      if (/[\r\n\u2028\u2029]/.test(value)) ctx.addIssue({ code: 'custom', path: [key], message: `filter "${key}" must be one line` });
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `filter "${key}" is given twice` });
      seen.add(key);
    }
  })
  .transform((pairs) => Object.fromEntries(pairs));

const promptSchema = z.strictObject({
  displayText: oneLine('a prompt’s text', 200),
  entryId: z.string().trim().regex(entryIdPattern, 'a prompt leads to an entry id: letters, digits, "-" or "_"'),
  contextOnly: z.boolean().default(false),
});

/** What an editor may send for an entry (the id comes from the address, or is chosen for a new one). */
export const editableEntrySchema = z.strictObject({
  id: z.string().trim().regex(entryIdPattern, 'an id is letters, digits, "-" or "_"').optional(),
  questions: questionsSchema,
  answer: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'the answer is empty').max(20_000, 'the answer is longer than 20,000 characters')),
  metadata: metadataSchema.default({}),
  prompts: z.array(promptSchema).max(20, 'an entry offers at most 20 prompts').default([]),
});

/** An entry body as checked: every field present, trimmed and lower-cased where the format does. */
export type CheckedEntry = z.infer<typeof editableEntrySchema>;

/** One problem with a field of an entry an editor sent (`path` like `questions.2`). */
export interface EntryFieldProblem {
  readonly path: string;
  readonly message: string;
}

/** The checked entry, or every problem with it. */
export function checkEntry(body: unknown): { ok: true; entry: CheckedEntry } | { ok: false; problems: EntryFieldProblem[] } {
  const parsed = editableEntrySchema.safeParse(body);
  if (parsed.success) return { ok: true, entry: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** The editable part of a loaded entry. */
export function editableOf(entry: KnowledgeEntry): EditableEntry {
  return {
    id: entry.id,
    questions: [...entry.questions],
    answer: entry.answer,
    metadata: { ...entry.metadata },
    prompts: [...entry.prompts].sort((a, b) => a.displayOrder - b.displayOrder).map((p) => ({ displayText: p.displayText, entryId: p.entryId, contextOnly: p.contextOnly })),
  };
}

/** A short tag of an entry's content: the same content gives the same tag (for If-Match on one entry). */
export function entryTag(entry: EditableEntry): string {
  const metadata = Object.fromEntries(Object.entries(entry.metadata).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = JSON.stringify([entry.id, entry.questions, entry.answer, metadata, entry.prompts.map((p) => [p.displayText, p.entryId, p.contextOnly])]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
