/**
 * Tunes the FAQ matcher's hyper-parameters on VALIDATION splits only (train as knowledge, validation
 * and out-of-scope validation as queries; test splits are never read here), prints a table and
 * writes bench/results/tune-faq.json. Run: `npx tsx bench/tuneFaq.ts [--quick] [--calibrate] [--only=name,...] [--grid=JSON]`
 * (--calibrate also refits temperature and none score and prints accuracy / out-of-scope recall per threshold).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FaqMatcher, matcherDefaults } from '../knowledge/faqMatcher';
import type { FaqMatcherOptions } from '../knowledge/faqMatcher';
import type { CalibrationParameters, CalibrationSample } from '../knowledge/calibration';
import { calibratedConfidence, fitCalibration, logPartition } from '../knowledge/calibration';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Example, IntentDataset } from './datasets';
import { loadBanking77, loadChitChat, loadClinc150, trainingBase } from './datasets';

/** A tuning data set with the knowledge base built from its train split. */
interface TuneSet {
  readonly name: string;
  readonly data: IntentDataset;
  readonly kb: KnowledgeBase;
  readonly labels: ReadonlyMap<string, number>;
}

/** What one configuration scored on one data set's validation split. */
interface TuneScore {
  readonly accuracy: number;
  readonly buildMs: number;
  readonly samples: CalibrationSample[];
}

function tuneSet(data: IntentDataset): TuneSet {
  const kb = trainingBase(data);
  return { name: data.name, data, kb, labels: new Map(kb.entries.map((e, i) => [e.id, i])) };
}

function score(set: TuneSet, options: Partial<FaqMatcherOptions>): TuneScore {
  const started = performance.now();
  const matcher = FaqMatcher.build(set.kb, options);
  const buildMs = performance.now() - started;
  const samples: CalibrationSample[] = [];
  let right = 0;
  const queries: Array<{ text: string; target: number }> = [
    ...set.data.validation.map((e: Example) => ({ text: e.text, target: set.labels.get(e.label) ?? -2 })),
    ...set.data.outOfScopeValidation.map((text) => ({ text, target: -1 })),
  ];
  for (const q of queries) {
    const raw = matcher.rawScores({ text: q.text });
    const scores = raw ? Float32Array.from(raw) : new Float32Array(set.kb.entries.length);
    samples.push({ scores, target: q.target });
    if (q.target < 0) continue;
    let best = 0;
    for (let e = 1; e < scores.length; e++) if ((scores[e] ?? 0) > (scores[best] ?? 0)) best = e;
    if (raw && best === q.target) right++;
  }
  return { accuracy: right / Math.max(1, set.data.validation.length), buildMs, samples };
}

/** Top confidence and correctness of each sample under calibration `p`. */
function outcomes(samples: readonly CalibrationSample[], p: CalibrationParameters): Array<{ confidence: number; correct: boolean; oos: boolean }> {
  return samples.map((s) => {
    let best = 0;
    for (let e = 1; e < s.scores.length; e++) if ((s.scores[e] ?? 0) > (s.scores[best] ?? 0)) best = e;
    const logZ = logPartition(s.scores, s.scores.length, p);
    return { confidence: calibratedConfidence(s.scores[best] ?? 0, logZ, p), correct: best === s.target, oos: s.target === -1 };
  });
}

/** In-scope accuracy (below threshold counts wrong) and out-of-scope recall at `threshold`. */
function openSet(samples: readonly CalibrationSample[], p: CalibrationParameters, threshold: number): { inScope: number; oosRecall: number } {
  const o = outcomes(samples, p);
  const ins = o.filter((x) => !x.oos);
  const oos = o.filter((x) => x.oos);
  return {
    inScope: ins.filter((x) => x.correct && x.confidence >= threshold).length / Math.max(1, ins.length),
    oosRecall: oos.filter((x) => x.confidence < threshold).length / Math.max(1, oos.length),
  };
}

/** Expected calibration error over 10 bins of top confidence (in-scope and out-of-scope alike). */
function expectedCalibrationError(samples: readonly CalibrationSample[], p: CalibrationParameters): number {
  const o = outcomes(samples, p);
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const x of o) {
    const bin = bins[Math.min(9, Math.floor(x.confidence * 10))];
    if (!bin) continue;
    bin.n++;
    bin.conf += x.confidence;
    bin.right += x.correct ? 1 : 0;
  }
  return bins.reduce((s, b) => s + Math.abs(b.conf - b.right), 0) / Math.max(1, o.length);
}

export { expectedCalibrationError, openSet, outcomes, score, tuneSet };
export type { TuneScore, TuneSet };

function loadSets(only: readonly string[]): TuneSet[] {
  const all: Array<[string, () => IntentDataset]> = [
    ['banking-full', () => loadBanking77('full')],
    ['banking-10', () => loadBanking77('10-shot')],
    ['clinc', () => loadClinc150()],
    ['chitchat-en-pro', () => loadChitChat('english', 'professional')],
    ['chitchat-en-friendly', () => loadChitChat('english', 'friendly')],
    ['chitchat-zh-pro', () => loadChitChat('chinese_simplified', 'professional')],
    ['chitchat-zh-friendly', () => loadChitChat('chinese_simplified', 'friendly')],
  ];
  return all.filter(([key]) => only.length === 0 || only.includes(key)).map(([key, load]) => ({ ...tuneSet(load()), name: key }));
}

/**
 * Fits temperature and none score for both matching paths (linear+neighbours, neighbours only) on
 * the validation samples of every set (the none score from sets with out-of-scope queries), then
 * prints in-scope accuracy / out-of-scope recall per answer threshold.
 */
function calibrate(sets: readonly TuneSet[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [path, options] of [['linear', {}], ['neighbours', { maxLinearEntries: 0 }]] as const) {
    const samples = sets.map((set) => ({ set, samples: score(set, options).samples }));
    const padding = { referenceEntries: matcherDefaults.referenceEntries, backgroundScore: matcherDefaults.backgroundScore };
    const start: CalibrationParameters = path === 'linear' ? { temperature: matcherDefaults.temperature, nullScore: matcherDefaults.nullScore, ...padding } : { temperature: matcherDefaults.neighbourTemperature, nullScore: matcherDefaults.neighbourNullScore, ...padding };
    const withOos = samples.filter((s) => s.set.data.outOfScopeValidation.length > 0).flatMap((s) => s.samples);
    const pooled = samples.flatMap((s) => s.samples);
    const fitted = fitCalibration(withOos.length > 0 ? withOos : pooled, start, withOos.length > 0);
    console.log(`${path}: temperature ${fitted.temperature.toFixed(4)} none ${fitted.nullScore.toFixed(4)}`);
    const perSet: Record<string, unknown> = {};
    for (const { set, samples: ss } of samples) {
      const thresholds = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((t) => ({ t, ...openSet(ss, fitted, t) }));
      const ece = expectedCalibrationError(ss, fitted);
      perSet[set.name] = { ece, thresholds };
      console.log(`  ${set.name.padEnd(22)} ECE ${ece.toFixed(3)}  ` + thresholds.map((x) => `${x.t}: ${x.inScope.toFixed(3)}/${x.oosRecall.toFixed(3)}`).join('  '));
    }
    result[path] = { fitted, perSet };
  }
  return result;
}

/** The configurations tried by default (`--quick`: the defaults only). */
const defaultGrid: Array<Partial<FaqMatcherOptions>> = [
  {},
  { linearWeight: 0 },
  { neighbourWeight: 0 },
  { neighbourWeight: 2 },
  { c: 1 },
  { c: 3 },
  { stem: false },
  { wordWeight: 0.6 },
  { charMin: 3, charMax: 6 },
];

function main(): void {
  const args = process.argv.slice(2);
  const only = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? '').split(',').filter((s) => s !== '');
  const sets = loadSets(only);
  const gridArg = args.find((a) => a.startsWith('--grid='))?.slice(7);
  const grid = gridArg ? (JSON.parse(gridArg) as Array<Partial<FaqMatcherOptions>>) : args.includes('--quick') ? [{}] : defaultGrid;
  const rows: Array<Record<string, unknown>> = [];
  for (const options of grid) {
    for (const set of sets) {
      const s = score(set, options);
      const row = { set: set.name, options: JSON.stringify(options), accuracy: Number(s.accuracy.toFixed(4)), buildMs: Math.round(s.buildMs) };
      rows.push(row);
      console.log(`${row.set.padEnd(22)} ${row.accuracy.toFixed(4)} ${String(row.buildMs).padStart(6)}ms  ${row.options}`);
    }
  }
  const calibration = args.includes('--calibrate') ? calibrate(sets) : undefined;
  const out = path.join(__dirname, 'results', args.includes('--calibrate') ? 'tune-faq.json' : 'tune-faq-grid.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ defaults: matcherDefaults, rows, calibration }, null, 2));
}

if (require.main === module) main();
