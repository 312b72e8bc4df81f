/**
 * Chooses answer thresholds for the sample store base (content/knowledge) without grading itself on
 * the cases it tuned on: each cases file is split by case order, odd cases (1st, 3rd, …) for tuning
 * and even cases for reporting. Sweeps answer / margin / suggest on the tuning half, keeps the most
 * accurate setting with wrong answers ≤ 5% and out-of-scope recall ≥ 80%, and prints both halves.
 * Run: `npx tsx bench/tuneStoreThresholds.ts [--kb content/knowledge] [--options=JSON]` (matcher options,
 * e.g. `--options={"referenceEntries":0}` for the figures without small-base padding); copy the result into
 * content/knowledge/settings.yaml by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FaqMatcher, recommendedThresholds } from '../knowledge/faqMatcher';
import type { FaqMatcherOptions } from '../knowledge/faqMatcher';
import { decideAnswer } from '../knowledge/answerPolicy';
import type { AnswerThresholds } from '../knowledge/answerPolicy';
import { evaluateBatch, parseBatchCases } from '../knowledge/batchEvaluation';
import type { BatchCase, BatchReport } from '../knowledge/batchEvaluation';
import type { MatchCandidate } from '../knowledge/matcher';
import { loadKnowledge } from '../knowledge/knowledgeLoader';
import type { KnowledgeLocale } from '../knowledge/knowledgeBase';

const maxWrong = 0.05;
const minOutOfScopeRecall = 0.8;

/** The figures of one threshold setting on one half. */
function figures(cases: readonly BatchCase[], candidates: ReadonlyMap<string, MatchCandidate[]>, t: AnswerThresholds): BatchReport {
  return evaluateBatch(cases, (query) => decideAnswer(candidates.get(query) ?? [], t));
}

const round = (x: number): number => Math.round(x * 100) / 100;
const f3 = (x: number): string => x.toFixed(3);
const line = (r: BatchReport): string => `accuracy ${f3(r.accuracy)}  reachable ${f3(r.reachable)}  oos recall ${f3(r.outOfScopeRecall)}  wrong ${f3(r.wrongAnswerRate)}`;

function tuneLocale(kbDir: string, locale: KnowledgeLocale, options: Partial<FaqMatcherOptions>): AnswerThresholds {
  const kb = loadKnowledge(kbDir).get(locale);
  if (!kb) throw new Error(`no ${locale} knowledge base in ${kbDir}`);
  const file = path.join(kbDir, 'tests', `cases.${locale.toLowerCase()}.tsv`);
  const cases = parseBatchCases(readFileSync(file, 'utf8'), file);
  const tuning = cases.filter((_, i) => i % 2 === 0);
  const reporting = cases.filter((_, i) => i % 2 === 1);
  const matcher = FaqMatcher.build(kb, options);
  const candidates = new Map(cases.map((c) => [c.query, matcher.match({ text: c.query, top: 5 })]));
  const rows: Array<{ t: AnswerThresholds; r: BatchReport }> = [];
  for (let a = 5; a <= 95; a += 5) {
    for (const margin of [0, 0.05, 0.1, 0.15, 0.2]) {
      for (let s = 5; s <= a; s += 5) {
        const t: AnswerThresholds = { answer: round(a / 100), margin, suggest: round(s / 100), maxSuggestions: 3 };
        rows.push({ t, r: figures(tuning, candidates, t) });
      }
    }
  }
  const ok = rows.filter(({ r }) => r.wrongAnswerRate <= maxWrong && (r.outOfScope === 0 || r.outOfScopeRecall >= minOutOfScopeRecall));
  // Most accurate, then most reachable, then fewest wrong, then the lowest thresholds (first found).
  ok.sort((x, y) => y.r.accuracy - x.r.accuracy || y.r.reachable - x.r.reachable || x.r.wrongAnswerRate - y.r.wrongAnswerRate);
  const chosen = ok[0]?.t ?? recommendedThresholds[locale];
  console.log(`\n${locale}: ${cases.length} cases, tuning ${tuning.length}, reporting ${reporting.length}`);
  console.log(`best settings on the tuning half (wrong ≤ ${maxWrong}, oos recall ≥ ${minOutOfScopeRecall}):`);
  console.log('answer margin suggest | accuracy reachable oos-recall wrong');
  for (const { t, r } of ok.slice(0, 12)) {
    console.log(`${t.answer.toFixed(2).padStart(6)} ${t.margin.toFixed(2).padStart(6)} ${t.suggest.toFixed(2).padStart(7)} | ${f3(r.accuracy).padStart(8)} ${f3(r.reachable).padStart(9)} ${f3(r.outOfScopeRecall).padStart(10)} ${f3(r.wrongAnswerRate).padStart(5)}`);
  }
  const rec = recommendedThresholds[locale];
  console.log(`recommendedThresholds (${rec.answer}/${rec.margin}/${rec.suggest}): tuning   ${line(figures(tuning, candidates, rec))}`);
  console.log(`                                     reporting ${line(figures(reporting, candidates, rec))}`);
  console.log(`chosen ${chosen.answer}/${chosen.margin}/${chosen.suggest}:                 tuning   ${line(figures(tuning, candidates, chosen))}`);
  console.log(`                                     reporting ${line(figures(reporting, candidates, chosen))}`);
  return chosen;
}

function main(): void {
  const args = process.argv.slice(2);
  const kbDir = (args.includes('--kb') ? args[args.indexOf('--kb') + 1] : undefined) ?? 'content/knowledge';
  const optionsArg = args.find((a) => a.startsWith('--options='))?.slice(10);
  const options = optionsArg ? (JSON.parse(optionsArg) as Partial<FaqMatcherOptions>) : {};
  const chosen = (['en-US', 'zh-CN'] as const).map((locale) => [locale, tuneLocale(kbDir, locale, options)] as const);
  console.log('\nthresholds:');
  for (const [locale, t] of chosen) console.log(`  ${locale.toLowerCase()}: { answer: ${t.answer}, margin: ${t.margin}, suggest: ${t.suggest} }`);
}

if (require.main === module) main();
