/**
 * `npm run kb -- ask|eval`: lets an admin try a knowledge base before publishing it.
 *   ask  --kb <dir|file> [--locale zh-cn] "question"      ranked candidates and the decision
 *   eval --kb <dir|file> --cases <cases.tsv> [--locale] [--json]   batch test (QnA Maker's successor)
 * Word-vector files set in WORD_VECTORS_ZH_CN / WORD_VECTORS_EN_US and HOME_COUNTRY are used as the bot uses them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FaqService } from '../knowledge/faqService';
import { openFaqService } from '../knowledge/openFaqService';
import { evaluateBatch, parseBatchCases } from '../knowledge/batchEvaluation';
import type { BatchReport } from '../knowledge/batchEvaluation';
import type { KnowledgeLocale } from '../knowledge/knowledgeBase';
import { useWordVectorFiles, wordVectorSource } from '../knowledge/wordVectorFiles';
import type { WordVectorFiles } from '../knowledge/wordVectorFiles';
import { defaultHomeCountry, useHomeCountry } from '../knowledge/placeNames';
import { matcherSettings } from '../config';
import { stopQuietlyOnClosedPipe } from './closedPipe';

/** What the bot's environment sets for matching (WORD_VECTORS_ZH_CN / _EN_US, HOME_COUNTRY), applied as the bot applies it. */
export interface KbSettings {
  readonly wordVectors?: WordVectorFiles;
  readonly homeCountry?: string;
}

/** Where the tool writes; tests pass their own. */
export interface KbIo {
  out(line: string): void;
  err(line: string): void;
}

const usage = `Usage:
  npm run kb -- ask  --kb <dir|file> [--locale en-us|zh-cn] "question"
  npm run kb -- eval --kb <dir|file> --cases <cases.tsv> [--locale en-us|zh-cn] [--json]`;

class UsageError extends Error {}

const localeNames: Readonly<Record<string, KnowledgeLocale>> = { 'en-us': 'en-US', 'zh-cn': 'zh-CN' };

function parseLocale(value: string | undefined, fallback: KnowledgeLocale): KnowledgeLocale {
  if (value === undefined) return fallback;
  const locale = localeNames[value.toLowerCase()];
  if (!locale) throw new UsageError(`--locale must be en-us or zh-cn, not "${value}"`);
  return locale;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The thresholds in force and where they come from (self-calibration, settings.yaml). */
function describeCalibration(service: FaqService, locale: KnowledgeLocale, io: KbIo): void {
  const t = service.thresholdsFor(locale);
  io.out(`thresholds in force: answer ${t.answer}, margin ${t.margin}, suggest ${t.suggest} (settings.yaml overrides any of them)`);
  const fitted = service.selfCalibrationFor(locale);
  if (!fitted) {
    io.out('calibration: fixed (the base is too small or too large to calibrate itself)');
    return;
  }
  io.out(`self-calibration: ${fitted.inScopeSamples} stored phrasings held out and ${fitted.outOfScopeSamples} questions of left-out entries; temperature ${fitted.calibration.temperature.toFixed(3)}, none ${fitted.calibration.nullScore.toFixed(3)}`);
  io.out(`  on those held-out questions: ${pct(fitted.heldOutAccuracy)} answered right, ${pct(fitted.heldOutWrongRate)} answered wrongly, ${pct(fitted.heldOutOutOfScopeRecall)} of left-out topics declined`);
  describeVectors(locale, io);
}

/** Which word vectors give the base's sense of meaning (only self-calibrated bases use them). */
function describeVectors(locale: KnowledgeLocale, io: KbIo): void {
  const source = wordVectorSource(locale);
  const packaged = locale === 'en-US' ? 'the packaged English ones' : 'built from CC-CEDICT glosses and the packaged English ones';
  const what = source === 'packaged' ? packaged : source === 'none' ? `none (set WORD_VECTORS_${locale === 'zh-CN' ? 'ZH_CN' : 'EN_US'} to a word2vec file for meaning beyond shared words)` : source;
  io.out(`word vectors: ${what}`);
}

function ask(service: FaqService, question: string, locale: KnowledgeLocale, io: KbIo): void {
  const { decision, locale: used, version } = service.ask({ text: question, locale });
  io.out(`knowledge base ${used} (version ${version})`);
  describeCalibration(service, used, io);
  io.out(`decision: ${decision.kind}${decision.kind === 'answer' ? ` → ${decision.candidate.entry.id}` : ''}`);
  decision.candidates.forEach((c, i) => io.out(`${String(i + 1).padStart(2)}. ${c.confidence.toFixed(3)}  [${c.entry.id}] ${c.entry.questions[0] ?? ''}   (nearest: ${c.matchedQuestion})`));
  if (decision.candidates.length === 0) io.out('no candidates');
}

function printReport(report: BatchReport, io: KbIo): void {
  io.out(`cases: ${report.n} (${report.answerable} answerable, ${report.outOfScope} out of scope)`);
  io.out(`accuracy (answered outright, right entry):   ${pct(report.accuracy)}`);
  io.out(`reachable (answered or among suggestions):   ${pct(report.reachable)}`);
  io.out(`ranked first (right entry on top, any score): ${pct(report.rankedFirst)}`);
  io.out(`out-of-scope recall (declined, no guesses):  ${pct(report.outOfScopeRecall)}`);
  io.out(`wrong answers given with confidence:         ${pct(report.wrongAnswerRate)}`);
  if (report.confusions.length > 0) {
    io.out('worst confusions (expected → got, count, example):');
    for (const c of report.confusions) io.out(`  ${c.expected} → ${c.got}  ×${c.count}  "${c.example}"`);
  }
}

/** Runs the tool; returns the process exit code (0 ok, 1 the knowledge or cases are broken, 2 usage). */
export function runKb(argv: readonly string[], io: KbIo, settings: KbSettings = {}): number {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { kb: { type: 'string' }, cases: { type: 'string' }, locale: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
    const [command, ...rest] = positionals;
    if (values.help) {
      io.out(usage);
      return 0;
    }
    if (!values.kb) throw new UsageError('--kb is required');
    useWordVectorFiles(settings.wordVectors ?? {});
    useHomeCountry(settings.homeCountry ?? defaultHomeCountry);
    if (command === 'ask') {
      const question = rest.join(' ').trim();
      if (!question) throw new UsageError('ask needs a question');
      ask(openFaqService(values.kb), question, parseLocale(values.locale, 'en-US'), io);
      return 0;
    }
    if (command === 'eval') {
      if (!values.cases) throw new UsageError('eval needs --cases <file.tsv>');
      const fromName = /\.(en-us|zh-cn)\.tsv$/i.exec(values.cases)?.[1];
      const locale = parseLocale(values.locale ?? fromName, 'en-US');
      const cases = parseBatchCases(readFileSync(values.cases, 'utf8'), values.cases);
      const service = openFaqService(values.kb);
      const report = evaluateBatch(cases, (query) => service.ask({ text: query, locale }).decision);
      if (values.json) {
        const { outcomes: _outcomes, ...figures } = report;
        io.out(JSON.stringify({ locale, ...figures }));
      } else {
        describeCalibration(service, locale, io);
        printReport(report, io);
      }
      return 0;
    }
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.err(`${(err as Error).message}\n${usage}`);
      return 2;
    }
    io.err((err as Error).message);
    return 1;
  }
}

if (require.main === module) {
  stopQuietlyOnClosedPipe();
  process.exitCode = runKb(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }, matcherSettings(process.env));
}
