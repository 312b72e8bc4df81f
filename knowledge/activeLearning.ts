/**
 * Active learning: remembers the questions the engine was unsure about and what the customer chose,
 * so an admin can add the customers' own words as alternates and see what the knowledge base does
 * not cover yet. Questions are masked before they are stored (P10); each entry keeps one-way
 * references to the customers who asked it, so a privacy request can erase theirs.
 */
import { customerRef } from '../privacy/customerRef';
import { maskSensitive } from '../privacy/sensitiveData';
import { storageErrorCodes } from '../storage/storageErrors';
import type { KnowledgeLocale } from './knowledgeBase';

/** The part of a botbuilder `Storage` this needs (structurally compatible, no botbuilder import). */
export interface FeedbackStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** Something the engine or the customer did that is worth learning from. */
export type FeedbackEvent = (
  /** The engine offered choices ("Did you mean…?") and the customer picked `entryId`. */
  | { readonly kind: 'chosen'; readonly locale: KnowledgeLocale; readonly query: string; readonly entryId: string }
  /** The customer answered "None of these", or the engine found nothing. */
  | { readonly kind: 'unanswered'; readonly locale: KnowledgeLocale; readonly query: string; readonly candidateIds: readonly string[] }
) & {
  /** The channel user id of the customer who asked (kept only as a {@link customerRef}). */
  readonly customerId?: string;
};

/** A phrasing customers used for an entry, with how often. */
export interface SuggestedAlternate {
  readonly text: string;
  readonly count: number;
  readonly lastSeen: string;
}

/** A question the base could not answer, with how often it was asked. */
export interface UnansweredQuestion {
  readonly text: string;
  readonly count: number;
  readonly lastSeen: string;
  /** Entries that were offered and refused, most recent ask. */
  readonly candidateIds: readonly string[];
}

/** How an entry is stored: what is listed, plus who asked ({@link customerRef}s, newest last). */
export type StoredLearningEntry<T> = T & { askedBy?: string[] };

/** The per-locale document, as stored. */
export interface LearningDocument {
  eTag?: string;
  alternates: Record<string, Record<string, StoredLearningEntry<SuggestedAlternate>>>;
  unanswered: Record<string, StoredLearningEntry<UnansweredQuestion>>;
}

/** Askers remembered per entry; an entry asked by more people than this is common wording, not anyone's own. */
export const askersKept = 20;

/** Options for {@link ActiveLearning}. */
export interface ActiveLearningOptions {
  readonly now?: () => Date;
  /** Most distinct phrasings kept per entry, and most unanswered questions kept (least asked go first). */
  readonly maxItems?: number;
}

const maxAttempts = 30;

const normalise = (text: string): string => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Records feedback and lists suggestions, per locale, in a shared store. */
export class ActiveLearning {
  private readonly now: () => Date;
  private readonly maxItems: number;

  constructor(
    private readonly store: FeedbackStore,
    options: ActiveLearningOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxItems = options.maxItems ?? 200;
  }

  /** Stores one event; retries when another instance wrote at the same time. */
  async record(event: FeedbackEvent): Promise<void> {
    const text = maskSensitive(event.query.trim().slice(0, 500)).text;
    if (!text) return;
    const key = normalise(text);
    const at = this.now().toISOString();
    await this.update(event.locale, (doc) => {
      if (event.kind === 'chosen') {
        const forEntry = (doc.alternates[event.entryId] ??= {});
        const old = forEntry[key];
        forEntry[key] = { text, count: (old?.count ?? 0) + 1, lastSeen: at, ...asked(old, event.customerId) };
        doc.alternates[event.entryId] = this.cap(forEntry, key);
      } else {
        const old = doc.unanswered[key];
        doc.unanswered[key] = { text, count: (old?.count ?? 0) + 1, lastSeen: at, candidateIds: [...event.candidateIds], ...asked(old, event.customerId) };
        doc.unanswered = this.cap(doc.unanswered, key);
      }
    });
  }

  /** Customers' phrasings per entry, most used first: candidates for new alternates. */
  async suggestedAlternates(locale: KnowledgeLocale): Promise<Array<{ entryId: string; alternates: SuggestedAlternate[] }>> {
    const doc = await this.load(locale);
    return Object.entries(doc.alternates)
      .map(([entryId, byText]) => ({ entryId, alternates: Object.values(byText).map(withoutAskers).sort(byCount) }))
      .sort((a, b) => total(b.alternates) - total(a.alternates));
  }

  /** Questions nobody could answer, most asked first. */
  async unanswered(locale: KnowledgeLocale): Promise<UnansweredQuestion[]> {
    return Object.values((await this.load(locale)).unanswered).map(withoutAskers).sort(byCount);
  }

  /**
   * Forgets suggestions an editor dealt with (accepted or rejected): `texts` as listed, from the
   * unanswered questions and, with `entryId`, from that entry's phrasings. Asked again, they come back.
   */
  async dismiss(locale: KnowledgeLocale, texts: readonly string[], entryId?: string): Promise<void> {
    const keys = texts.map(normalise).filter((k) => k !== '');
    if (keys.length === 0) return;
    await this.update(locale, (doc) => {
      for (const key of keys) delete doc.unanswered[key];
      const forEntry = entryId === undefined ? undefined : doc.alternates[entryId];
      if (entryId === undefined || !forEntry) return;
      for (const key of keys) delete forEntry[key];
      if (Object.keys(forEntry).length === 0) delete doc.alternates[entryId];
    });
  }

  private async load(locale: KnowledgeLocale): Promise<LearningDocument> {
    const items = await this.store.read([storageKey(locale)]);
    const doc = items[storageKey(locale)] as LearningDocument | undefined;
    return { eTag: doc?.eTag, alternates: doc?.alternates ?? {}, unanswered: doc?.unanswered ?? {} };
  }

  private async update(locale: KnowledgeLocale, change: (doc: LearningDocument) => void): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const doc = await this.load(locale);
      change(doc);
      try {
        await this.store.write({ [storageKey(locale)]: { ...doc, eTag: doc.eTag ?? '*' } });
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== storageErrorCodes.etagConflict || attempt >= maxAttempts) throw err;
        // Someone else wrote first: back off a little, with jitter, and apply the change again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));
      }
    }
  }

  /** Drops the least asked, oldest items over the cap, never the one just recorded. */
  private cap<T extends { count: number; lastSeen: string }>(items: Record<string, T>, justRecorded: string): Record<string, T> {
    const entries = Object.entries(items);
    if (entries.length <= this.maxItems) return items;
    const keep = entries.filter(([k]) => k !== justRecorded).sort(([, a], [, b]) => byCount(a, b)).slice(0, this.maxItems - 1);
    return Object.fromEntries([...keep, [justRecorded, items[justRecorded] as T]]);
  }
}

/** Key prefix of the learning documents (one per locale). */
export const learningKeyPrefix = 'warmline/active-learning/';

/** Storage key of a locale's learning document. */
function storageKey(locale: KnowledgeLocale): string {
  return `${learningKeyPrefix}${locale}`;
}

/** The entry's askers with this customer added last (once), at most {@link askersKept}. */
function asked(old: { askedBy?: string[] } | undefined, customerId: string | undefined): { askedBy?: string[] } {
  const before = old?.askedBy ?? [];
  if (customerId === undefined) return before.length > 0 ? { askedBy: before } : {};
  const ref = customerRef(customerId);
  return { askedBy: [...before.filter((r) => r !== ref), ref].slice(-askersKept) };
}

/** What is listed for an admin: no references to customers. */
function withoutAskers<T extends { askedBy?: string[] }>(entry: T): Omit<T, 'askedBy'> {
  const { askedBy: _askedBy, ...rest } = entry;
  return rest;
}

function byCount(a: { count: number; lastSeen: string }, b: { count: number; lastSeen: string }): number {
  return b.count - a.count || b.lastSeen.localeCompare(a.lastSeen);
}

function total(items: readonly SuggestedAlternate[]): number {
  return items.reduce((sum, a) => sum + a.count, 0);
}
