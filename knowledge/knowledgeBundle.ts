/**
 * Knowledge as a published version holds it: the `.qna` / `.tsv` files of the knowledge folder and
 * its `settings.yaml`, as texts. Loaded exactly as the folder is (same parsers, same imports, same
 * checks), so that what passes here is what the running bot answers from.
 */
import type { ContentFile, ContentProblem } from '../publishing/contentBundle';
import type { ContentFilter } from '../publishing/contentFolder';
import type { KnowledgeBase } from './knowledgeBase';
import { KnowledgeError, KnowledgeFormatError, knowledgeErrorCodes } from './knowledgeErrors';
import { loadKnowledgeTexts } from './knowledgeLoader';
import { parseKnowledgeSettings, settingsFileName } from './knowledgeSettings';
import type { ThresholdSettings } from './knowledgeSettings';

/** Which files of a knowledge folder make a version: knowledge files (batch cases too, so they travel with it) and the settings. */
export const isKnowledgeFile: ContentFilter = (relativePath) => /\.(qna|tsv)$/i.test(relativePath) || relativePath === settingsFileName;

/** The bases and thresholds of one version. */
export interface KnowledgeContent {
  readonly bases: readonly KnowledgeBase[];
  /** What settings.yaml sets; the rest is each base's self-calibration. */
  readonly thresholds: ThresholdSettings;
}

/** Loads a version's files; throws a {@link KnowledgeError} naming file and line of every problem. */
export function loadKnowledgeBundle(files: readonly ContentFile[]): KnowledgeContent {
  const settings = files.find((f) => f.path === settingsFileName);
  const thresholds = parseKnowledgeSettings(settings?.text, settingsFileName);
  return { bases: [...loadKnowledgeTexts(files).values()], thresholds };
}

/** Every problem of a version's files, each with file and line where the loader knows them. */
export function knowledgeBundleProblems(files: readonly ContentFile[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  try {
    parseKnowledgeSettings(files.find((f) => f.path === settingsFileName)?.text, settingsFileName);
  } catch (error) {
    problems.push(...knowledgeProblemsOf(error, settingsFileName));
  }
  try {
    loadKnowledgeTexts(files);
  } catch (error) {
    problems.push(...knowledgeProblemsOf(error));
  }
  return problems;
}

/** The problems a knowledge loading error stands for, each with file and line where it knows them (`file` when it names none). */
export function knowledgeProblemsOf(error: unknown, file?: string): ContentProblem[] {
  if (error instanceof KnowledgeFormatError) {
    return error.problems.map((p) => ({ file: p.file, message: p.message, code: error.code, ...(p.line !== undefined ? { line: p.line } : {}) }));
  }
  if (error instanceof KnowledgeError) {
    // A missing or cyclic import is told at the line of the [import] that names it.
    const at = /\(imported at ([^()]+):(\d+)\)/.exec(error.message);
    const where = at ? { file: at[1] ?? '', line: Number(at[2]) } : file ? { file } : {};
    return [{ message: error.message, code: error.code, ...where }];
  }
  return [{ message: error instanceof Error ? error.message : String(error), code: knowledgeErrorCodes.format, ...(file ? { file } : {}) }];
}
