/**
 * What a knowledge base is, independent of the file format it came from (.qna, QnA Maker TSV) and
 * of the matcher that answers from it. Plain data: no botbuilder types.
 */

/** A follow-up offered after an answer (`**Prompts:**` in .qna). */
export interface KnowledgePrompt {
  /** Button text shown to the customer. */
  readonly displayText: string;
  /** Id of the entry the prompt leads to. */
  readonly entryId: string;
  /** True when the target entry may match only inside this entry's context. */
  readonly contextOnly: boolean;
  /** Position among the entry's prompts (0-based). */
  readonly displayOrder: number;
}

/** Where an entry was defined, for error messages and admin tools. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** One question-and-answer pair with its alternate phrasings. */
export interface KnowledgeEntry {
  /** Stable id (`<a id = "N"></a>` in .qna, the QnA id in TSV); unique within a base. */
  readonly id: string;
  /** The main question first, then alternates; never empty. */
  readonly questions: readonly string[];
  /** The answer, as markdown. */
  readonly answer: string;
  /** `**Filters:**` metadata; keys and values lower-cased and trimmed. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly prompts: readonly KnowledgePrompt[];
  /** True when this entry may be matched only as a follow-up of an entry whose prompt names it `context-only`. */
  readonly contextOnly: boolean;
  readonly source?: SourceLocation;
}

/** A group of words an admin declared equivalent (`$word : qna-alterations = ...`). */
export interface SynonymGroup {
  /** The canonical word (left of the colon). */
  readonly canonical: string;
  /** Words and phrases that mean the same (the list items). */
  readonly alternates: readonly string[];
}

/** The locales a knowledge base can be written in (file suffix `.en-us.qna` / `.zh-cn.qna`). */
export type KnowledgeLocale = 'en-US' | 'zh-CN';

/** A parsed, validated knowledge base for one locale. */
export interface KnowledgeBase {
  readonly locale: KnowledgeLocale;
  readonly entries: readonly KnowledgeEntry[];
  readonly synonyms: readonly SynonymGroup[];
  /** Changes whenever content changes (hash of entries and synonyms); keys caches. */
  readonly version: string;
}
