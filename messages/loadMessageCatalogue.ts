/**
 * Reads and checks the message catalogue: one YAML file a locale (`en-US.yaml`, `zh-CN.yaml`) in a
 * folder, keys grouped as nested mappings. A catalogue is refused, with every problem listed by file
 * and key, when a locale misses a key the code uses or has one it does not, a text is empty or not
 * text, or a text's placeholders differ from those the code fills in (so also between the locales).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { supportedLocales } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { MessageCatalogue, placeholdersOf } from './messageCatalogue';
import { MessageCatalogueError, messageErrorCodes, messageProblemLine } from './messageErrors';
import type { MessageProblem } from './messageErrors';
import { messageKeys } from './messageKeys';

type Tree = { readonly [segment: string]: Tree | true };

/** The expected keys as nested mappings, as an admin writes them. */
function keyTree(): Tree {
  const root: Record<string, unknown> = {};
  for (const key of Object.keys(messageKeys)) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1] ?? key] = true;
  }
  return root as Tree;
}

const text = z.string().refine((s) => s.trim() !== '', { message: 'empty-text' });

function schemaFor(tree: Tree): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [segment, child] of Object.entries(tree)) shape[segment] = child === true ? text : schemaFor(child);
  return z.strictObject(shape);
}

const catalogueSchema = schemaFor(keyTree());

/** Loads and checks the catalogue in `dir`; throws a {@link MessageCatalogueError} listing every problem. */
export function loadMessageCatalogue(dir: string): MessageCatalogue {
  const problems: MessageProblem[] = [];
  const sources: Partial<Record<SupportedLocale, string>> = {};
  for (const locale of supportedLocales) {
    const file = catalogueFileName(locale);
    try {
      sources[locale] = readFileSync(path.join(dir, file), 'utf8');
    } catch (error) {
      problems.push({ code: 'unreadable-file', file, key: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
    }
  }
  return checked(sources, `in ${dir}`, problems);
}

/**
 * Checks a catalogue held as texts, one per locale (a version to publish); a locale without a text
 * is a problem. `where` says where it comes from in the error (`in version 1a2b…`).
 */
export function parseMessageCatalogue(sources: Partial<Record<SupportedLocale, string>>, where: string): MessageCatalogue {
  const problems: MessageProblem[] = supportedLocales
    .filter((locale) => sources[locale] === undefined)
    .map((locale) => ({ code: 'unreadable-file', file: catalogueFileName(locale), key: '', message: 'is missing' }));
  return checked(sources, where, problems);
}

/** The file of one locale's messages: `en-US.yaml`. */
export function catalogueFileName(locale: SupportedLocale): string {
  return `${locale}.yaml`;
}

function checked(sources: Partial<Record<SupportedLocale, string>>, where: string, problems: MessageProblem[]): MessageCatalogue {
  const texts = {} as Record<SupportedLocale, Map<string, string>>;
  for (const locale of supportedLocales) {
    const source = sources[locale];
    texts[locale] = source === undefined ? new Map() : readLocale(source, catalogueFileName(locale), problems);
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${messageProblemLine(p)}`).join('\n');
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    throw new MessageCatalogueError(messageErrorCodes.invalid, `The message catalogue ${where} has ${count}:\n${lines}`, problems);
  }
  return new MessageCatalogue(texts);
}

function readLocale(source: string, file: string, problems: MessageProblem[]): Map<string, string> {
  const texts = new Map<string, string>();
  const doc = parseDocument(source);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ code: 'yaml-syntax', file, key: '', message: `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0] ?? ''}` });
    return texts;
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = catalogueSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(...fromIssue(issue, file));
  collectTexts(data, '', texts);
  for (const [key, value] of texts) {
    const expected = messageKeys[key as keyof typeof messageKeys] as readonly string[] | undefined;
    if (expected === undefined || value.trim() === '') continue;
    const used = placeholdersOf(value);
    if (used.join() !== [...expected].sort().join()) {
      problems.push({ code: 'placeholder-mismatch', file, key, message: `uses ${braces(used)} but the bot fills in ${braces(expected)}` });
    }
  }
  return texts;
}

function braces(names: readonly string[]): string {
  return names.length === 0 ? 'no placeholders' : names.map((n) => `{${n}}`).join(', ');
}

function collectTexts(node: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof node === 'string') into.set(prefix, node);
  else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [segment, child] of Object.entries(node)) collectTexts(child, prefix ? `${prefix}.${segment}` : segment, into);
  }
}

function fromIssue(issue: z.core.$ZodIssue, file: string): MessageProblem[] {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ code: 'extra-key' as const, file, key: key ? `${key}.${k}` : k, message: 'is not a message the bot uses (check the spelling; keys cannot be added here)' }));
  }
  if (issue.code === 'custom' && issue.message === 'empty-text') return [{ code: 'empty-text', file, key, message: 'is empty' }];
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) {
    return [{ code: 'missing-key', file, key, message: issue.expected === 'string' ? 'is missing' : 'is missing (a group of messages)' }];
  }
  const wantsText = issue.code === 'invalid_type' && issue.expected === 'string';
  return [{ code: 'not-text', file, key, message: wantsText ? 'must be text' : 'must be a group of messages (key: text lines)' }];
}
