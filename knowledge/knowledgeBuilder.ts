/**
 * Turns plain entries and synonym groups into a validated, versioned {@link KnowledgeBase}. The
 * loader, the benchmark and tests all build bases through here.
 */
import { createHash } from 'node:crypto';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale, SynonymGroup } from './knowledgeBase';
import { KnowledgeFormatError } from './knowledgeErrors';
import { markContextOnly, validateKnowledge } from './knowledgeValidation';

/** How many hex digits of the sha256 make up a version. */
const versionLength = 16;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted and `source` left out: where an entry was written is not content. */
function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (key !== 'source' && v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** A short hex digest of the content of entries and synonyms; equal content gives an equal version. */
export function knowledgeVersion(entries: readonly KnowledgeEntry[], synonyms: readonly SynonymGroup[]): string {
  const text = JSON.stringify(canonical({ entries, synonyms }));
  return createHash('sha256').update(text).digest('hex').slice(0, versionLength);
}

function freezeEntry(entry: KnowledgeEntry): KnowledgeEntry {
  return Object.freeze({
    ...entry,
    questions: Object.freeze([...entry.questions]),
    metadata: Object.freeze({ ...entry.metadata }),
    prompts: Object.freeze(entry.prompts.map((p) => Object.freeze({ ...p }))),
    ...(entry.source ? { source: Object.freeze({ ...entry.source }) } : {}),
  });
}

/**
 * A frozen knowledge base for `locale`. Entries a `context-only` prompt leads to are marked
 * `contextOnly`. Throws {@link KnowledgeFormatError} listing every problem (duplicate ids, prompts
 * to unknown ids, empty questions or answers, empty synonym groups).
 */
export function buildKnowledgeBase(locale: KnowledgeLocale, entries: readonly KnowledgeEntry[], synonyms: readonly SynonymGroup[] = []): KnowledgeBase {
  const problems = validateKnowledge(entries, synonyms);
  if (problems.length > 0) throw new KnowledgeFormatError(problems);
  const marked = markContextOnly(entries).map(freezeEntry);
  const groups = synonyms.map((g) => Object.freeze({ canonical: g.canonical, alternates: Object.freeze([...g.alternates]) }));
  return Object.freeze({
    locale,
    entries: Object.freeze(marked),
    synonyms: Object.freeze(groups),
    version: knowledgeVersion(marked, groups),
  });
}
