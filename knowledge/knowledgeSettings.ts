/**
 * Per-knowledge-base settings an admin can change without a deploy: the answer thresholds in
 * `settings.yaml` beside the knowledge files. A value the file sets overrides the one the base's
 * self-calibration chose (knowledge/selfCalibration.ts); what it leaves out stays calibrated.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { thresholdProblems } from './answerPolicy';
import type { AnswerThresholds } from './answerPolicy';
import type { KnowledgeLocale } from './knowledgeBase';
import { KnowledgeError, knowledgeErrorCodes } from './knowledgeErrors';

/** The settings file's name inside a knowledge folder. */
export const settingsFileName = 'settings.yaml';

const locales: Readonly<Record<string, KnowledgeLocale>> = { 'en-us': 'en-US', 'zh-cn': 'zh-CN' };
const keys = ['answer', 'margin', 'suggest', 'maxSuggestions'] as const;

/** The thresholds an admin set, per locale and per value; what is absent stays self-calibrated. */
export type ThresholdSettings = Partial<Record<KnowledgeLocale, Partial<AnswerThresholds>>>;

/**
 * Reads `<dir>/settings.yaml` (optional) and returns the thresholds it sets per locale. Every
 * problem is reported at once, naming the file.
 */
export function loadKnowledgeSettings(dir: string): ThresholdSettings {
  const file = path.join(dir, settingsFileName);
  return parseKnowledgeSettings(existsSync(file) ? readFileSync(file, 'utf8') : undefined, file);
}

/**
 * The thresholds per locale a settings text sets (`undefined`: no settings file, nothing set).
 * `file` names it in problems; every problem is reported at once.
 */
export function parseKnowledgeSettings(text: string | undefined, file: string): ThresholdSettings {
  const result: ThresholdSettings = {};
  if (text === undefined) return result;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new KnowledgeError(knowledgeErrorCodes.format, `Knowledge settings: ${file} is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || doc === undefined) return result;
  const problems: string[] = [];
  const thresholds = (doc as { thresholds?: unknown }).thresholds;
  if (typeof doc !== 'object' || (thresholds !== undefined && (typeof thresholds !== 'object' || thresholds === null))) {
    problems.push('expected a mapping like "thresholds: { en-us: { answer: 0.5, margin: 0.1, suggest: 0.2 } }"');
  }
  for (const [name, value] of Object.entries((thresholds ?? {}) as Record<string, unknown>)) {
    const locale = locales[name.toLowerCase()];
    if (!locale) {
      problems.push(`thresholds.${name}: unknown locale (use en-us or zh-cn)`);
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      problems.push(`thresholds.${name}: expected answer, margin, suggest and maxSuggestions`);
      continue;
    }
    const unknown = Object.keys(value).filter((k) => !(keys as readonly string[]).includes(k));
    if (unknown.length > 0) problems.push(`thresholds.${name}: unknown setting ${unknown.join(', ')}`);
    const set = Object.fromEntries(Object.entries(value).filter(([k]) => (keys as readonly string[]).includes(k))) as Partial<AnswerThresholds>;
    const wrong = thresholdProblems(set);
    problems.push(...wrong.map((p) => `thresholds.${name}.${p}`));
    if (wrong.length === 0) result[locale] = set;
  }
  if (problems.length > 0) throw new KnowledgeError(knowledgeErrorCodes.format, `Knowledge settings: ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return result;
}
