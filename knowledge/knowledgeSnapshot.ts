/**
 * One set of knowledge files (a draft composed over its published version, or a published version)
 * read locale by locale, so that a mistake in the Chinese files leaves the English entries
 * editable: each locale's base, or every problem that keeps it from loading, with file and line.
 */
import { bundleId } from '../publishing/contentBundle';
import type { ContentFile, ContentProblem } from '../publishing/contentBundle';
import type { KnowledgeBase, KnowledgeLocale } from './knowledgeBase';
import { knowledgeProblemsOf } from './knowledgeBundle';
import { KnowledgeError, knowledgeErrorCodes } from './knowledgeErrors';
import { isBatchCasesText, isKnowledgeFileName, localeOfFileName } from './knowledgeFiles';
import { loadKnowledgeTexts } from './knowledgeLoader';
import { parseKnowledgeSettings, settingsFileName } from './knowledgeSettings';
import type { ThresholdSettings } from './knowledgeSettings';

/** The locales the studio edits, in the order it shows them. */
export const knowledgeLocales: readonly KnowledgeLocale[] = ['en-US', 'zh-CN'];

/** One locale of a snapshot. */
export interface LocaleKnowledge {
  /** The base, or undefined when the locale has no files or they do not load (see `problems`). */
  readonly base: KnowledgeBase | undefined;
  readonly problems: readonly ContentProblem[];
  /** The top-level knowledge files named for this locale, sorted. */
  readonly rootFiles: readonly string[];
}

/** Knowledge files read per locale. */
export interface KnowledgeSnapshot {
  /** The bundle id of the files: equal files, equal id. */
  readonly id: string;
  readonly files: readonly ContentFile[];
  readonly locales: Readonly<Record<KnowledgeLocale, LocaleKnowledge>>;
  /** The thresholds the files' settings.yaml sets (none where it does not load; the bases self-calibrate the rest). */
  readonly thresholds: ThresholdSettings;
}

/** The top-level `.qna` / `.tsv` files of a locale (batch-test cases left out). */
function rootFilesOf(files: readonly ContentFile[], locale: KnowledgeLocale): string[] {
  return files
    .filter((f) => !f.path.includes('/') && isKnowledgeFileName(f.path) && !(/\.tsv$/i.test(f.path) && isBatchCasesText(f.text)))
    .filter((f) => {
      try {
        return localeOfFileName(f.path) === locale;
      } catch {
        return false;
      }
    })
    .map((f) => f.path)
    .sort();
}

function loadLocale(files: readonly ContentFile[], locale: KnowledgeLocale): LocaleKnowledge {
  const rootFiles = rootFilesOf(files, locale);
  if (rootFiles.length === 0) return { base: undefined, problems: [], rootFiles };
  // The other locales' top-level files are left out; what this locale's files import stays reachable.
  const mine = files.filter((f) => f.path.includes('/') || rootFiles.includes(f.path) || !isKnowledgeFileName(f.path));
  try {
    const base = loadKnowledgeTexts(mine).get(locale);
    if (!base) throw new KnowledgeError(knowledgeErrorCodes.notFound, `Knowledge: no ${locale} entries`);
    return { base, problems: [], rootFiles };
  } catch (error) {
    return { base: undefined, problems: knowledgeProblemsOf(error), rootFiles };
  }
}

/** Reads `files` locale by locale; never throws for what the files say. */
export function readKnowledgeSnapshot(files: readonly ContentFile[]): KnowledgeSnapshot {
  let thresholds: ThresholdSettings = {};
  try {
    thresholds = parseKnowledgeSettings(files.find((f) => f.path === settingsFileName)?.text, settingsFileName);
  } catch {
    // The settings' own problems are the publish check's to report; the bases' own thresholds stand in.
  }
  const locales = Object.fromEntries(knowledgeLocales.map((l) => [l, loadLocale(files, l)])) as Record<KnowledgeLocale, LocaleKnowledge>;
  return { id: bundleId(files), files, locales, thresholds };
}
