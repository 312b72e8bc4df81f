/**
 * Loads the public intent data sets from ../shared/datasets at benchmark time (their sentences are
 * never copied into this project) and cuts them the way docs/BENCHMARKS.md describes:
 * tune on train/validation only, report on test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseQna } from '../knowledge/qnaParser';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeLocale } from '../knowledge/knowledgeBase';

/** One labelled utterance. */
export interface Example {
  readonly text: string;
  readonly label: string;
}

/**
 * A benchmark split. Tune with `train` as the knowledge and score on `validation`; report with
 * `reportTrain` (train plus any validation carved out of the official training data) scored on `test`.
 */
export interface IntentDataset {
  readonly name: string;
  readonly locale: KnowledgeLocale;
  readonly train: readonly Example[];
  readonly reportTrain: readonly Example[];
  /** For tuning thresholds and hyper-parameters; never part of train. */
  readonly validation: readonly Example[];
  readonly test: readonly Example[];
  /** Out-of-scope queries for tuning (label is absent: the right answer is "no match"). */
  readonly outOfScopeValidation: readonly string[];
  readonly outOfScopeTest: readonly string[];
}

/** Folder with the shared data sets: DATASETS_DIR, else ../shared/datasets beside the project. */
export function datasetsDir(): string {
  const fromEnv = process.env.DATASETS_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(__dirname, '..', '..', 'shared', 'datasets');
}

function readCsv(file: string): Example[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Array<{ text: string; category: string }>;
  return rows.map((r) => ({ text: r.text, label: r.category }));
}

/** Every `every`-th example of each label (by file order), and the rest. */
function carve(examples: readonly Example[], every: number): { kept: Example[]; held: Example[] } {
  const seen = new Map<string, number>();
  const kept: Example[] = [];
  const held: Example[] = [];
  for (const e of examples) {
    const n = (seen.get(e.label) ?? 0) + 1;
    seen.set(e.label, n);
    (n % every === 0 ? held : kept).push(e);
  }
  return { kept, held };
}

/** The first `shots` examples of each label, in file order. */
function firstPerLabel(examples: readonly Example[], shots: number): Example[] {
  const seen = new Map<string, number>();
  return examples.filter((e) => {
    const n = (seen.get(e.label) ?? 0) + 1;
    seen.set(e.label, n);
    return n <= shots;
  });
}

/**
 * BANKING77. `full`: train minus every 10th example per intent (validation); `10-shot`: the first
 * 10 examples per intent, validated on the next 5 per intent. Test is the official test split.
 */
export function loadBanking77(variant: 'full' | '10-shot', dir = datasetsDir()): IntentDataset {
  const all = readCsv(path.join(dir, 'banking77', 'train.csv'));
  const test = readCsv(path.join(dir, 'banking77', 'test.csv'));
  if (variant === 'full') {
    const { kept, held } = carve(all, 10);
    return { name: 'BANKING77 full', locale: 'en-US', train: kept, reportTrain: all, validation: held, test, outOfScopeValidation: [], outOfScopeTest: [] };
  }
  const train = firstPerLabel(all, 10);
  const used = new Set(train);
  const validation = firstPerLabel(all.filter((e) => !used.has(e)), 5);
  return { name: 'BANKING77 10-shot', locale: 'en-US', train, reportTrain: train, validation, test, outOfScopeValidation: [], outOfScopeTest: [] };
}

/** CLINC150 "full": 150 intents; out-of-scope queries only in validation and test (no oos class). */
export function loadClinc150(dir = datasetsDir()): IntentDataset {
  const data = JSON.parse(readFileSync(path.join(dir, 'clinc150', 'data_full.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  const examples = (key: string): Example[] => (data[key] ?? []).map(([text, label]) => ({ text, label }));
  const texts = (key: string): string[] => (data[key] ?? []).map(([text]) => text);
  return {
    name: 'CLINC150 full',
    locale: 'en-US',
    train: examples('train'),
    reportTrain: examples('train'),
    validation: examples('val'),
    test: examples('test'),
    outOfScopeValidation: texts('oos_val'),
    outOfScopeTest: texts('oos_test'),
  };
}

/**
 * A Bot Framework chit-chat .qna file: every 5th alternate question of each pair is held out as a
 * test query; the rest are the knowledge when reporting. For tuning, every 4th of the remaining
 * alternates is held out as validation. Labels are the pairs' entry ids.
 */
export function loadChitChat(language: 'english' | 'chinese_simplified', persona: 'professional' | 'friendly', dir = datasetsDir()): IntentDataset {
  const file = path.join(dir, 'chitchat-qna', language, `qna_chitchat_${persona}.qna`);
  const { entries } = parseQna(readFileSync(file, 'utf8'), file);
  const train: Example[] = [];
  const reportTrain: Example[] = [];
  const validation: Example[] = [];
  const test: Example[] = [];
  for (const entry of entries) {
    const [main, ...alternates] = entry.questions;
    if (main !== undefined) {
      train.push({ text: main, label: entry.id });
      reportTrain.push({ text: main, label: entry.id });
    }
    let kept = 0;
    alternates.forEach((text, i) => {
      const example = { text, label: entry.id };
      if ((i + 1) % 5 === 0) {
        test.push(example);
        return;
      }
      reportTrain.push(example);
      kept += 1;
      (kept % 4 === 0 ? validation : train).push(example);
    });
  }
  const locale: KnowledgeLocale = language === 'english' ? 'en-US' : 'zh-CN';
  const name = `Chit-chat ${language === 'english' ? 'en' : 'zh'} (${persona})`;
  return { name, locale, train, reportTrain, validation, test, outOfScopeValidation: [], outOfScopeTest: [] };
}

/**
 * The answer every benchmark entry gets. The public sets have no answers, and the matcher reads
 * answer text (the answer-text term, and a share of the word-vector term), so an answer must say
 * nothing of its entry: the label ("lost_or_stolen_card") leaked about two points of BANKING77
 * 10-shot top-1, and "Answer 12." would let a question mentioning 12 lean on entry 12.
 */
export const neutralAnswer = 'This is the answer.';

/** The tuning knowledge base of a data set: one entry per label (its id), its `train` phrasings as questions. */
export function trainingBase(data: IntentDataset): KnowledgeBase {
  const byLabel = new Map<string, string[]>();
  for (const e of data.train) {
    const list = byLabel.get(e.label);
    if (list) list.push(e.text);
    else byLabel.set(e.label, [e.text]);
  }
  const entries: KnowledgeEntry[] = [...byLabel].map(([label, questions]) => ({ id: label, questions, answer: neutralAnswer, metadata: {}, prompts: [], contextOnly: false }));
  return { locale: data.locale, entries, synonyms: [], version: data.name };
}
