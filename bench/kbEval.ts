/**
 * `npm run bench:kb-eval [-- --public | --validation] [--split dev|test|both]`: the FAQ engine measured the way an
 * admin measures it, through `kb eval` with default settings (no settings.yaml, each base
 * self-calibrated), on knowledge bases the engine was not developed on:
 *   - bench/heldout/<domain>: a bank, an airline and a utility, en and zh, 45 entries each. `dev`
 *     questions were written with the whole base in view and are the only ones used for tuning;
 *     `test` questions were written by someone who saw only each entry's main question and answer.
 *   - the sample store's batch cases (content/knowledge/tests), used in tuning before.
 *   - with --public: BANKING77 (full, 10-shot), CLINC150 (with out-of-scope) and the chit-chat
 *     sets written as .qna knowledge and TSV cases into a temporary folder: the training split as
 *     knowledge and the test split as cases, or with --validation the tuning split (`train`) as
 *     knowledge and the validation split as cases, for choosing defaults without reading test.
 * WORD_VECTORS_ZH_CN / WORD_VECTORS_EN_US are used as the bot uses them (results then end in -vectors.json).
 * Prints a table and writes bench/results/kb-eval-<date>.json. See docs/BENCHMARKS.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runKb } from '../cli/kb';
import type { BatchReport } from '../knowledge/batchEvaluation';
import { formatQnaFile } from '../knowledge/qnaWriter';
import type { IntentDataset } from './datasets';
import { loadBanking77, loadChitChat, loadClinc150, neutralAnswer } from './datasets';
import { machineInfo } from './faq/machineInfo';
import { matcherSettings } from '../config';

/** Matching settings as for the bot (WORD_VECTORS_ZH_CN, WORD_VECTORS_EN_US, HOME_COUNTRY); vector files recorded by name in the results. */
const settings = matcherSettings(process.env);
const vectorFiles = settings.wordVectors;
const vectorNames = Object.fromEntries(Object.entries(vectorFiles).map(([locale, file]) => [locale, path.basename(file)]));
const vectorSuffix = Object.keys(vectorNames).length > 0 ? '-vectors' : '';

const repoRoot = path.resolve(__dirname, '..');

interface Row {
  readonly name: string;
  readonly locale: string;
  readonly kb: string;
  readonly cases: string;
}

/** What `kb eval --json` prints: the batch report's figures. */
type Figures = Omit<BatchReport, 'outcomes' | 'confusions'>;

function evalRow(row: Row): Figures & { seconds: number; output: string } {
  const lines: string[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const code = runKb(['eval', '--kb', row.kb, '--cases', row.cases, '--locale', row.locale, '--json'], { out: (l) => lines.push(l), err: (l) => errors.push(l) }, settings);
  if (code !== 0) throw new Error(`kb eval failed for ${row.name}: ${errors.join(' ')}`);
  const figures = JSON.parse(lines.join('\n')) as Figures;
  return { ...figures, seconds: (performance.now() - started) / 1000, output: lines.join('\n') };
}

/** A public intent set as a knowledge folder (one entry per label, its training phrasings, the same neutral answer for all) and test cases. */
function writePublicSet(dir: string, data: IntentDataset, validation: boolean): Row {
  const locale = data.locale.toLowerCase();
  const byLabel = new Map<string, string[]>();
  for (const e of validation ? data.train : data.reportTrain) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e.text]);
  const ids = new Map([...byLabel.keys()].map((label, i) => [label, String(i + 1)]));
  const entries = [...byLabel].map(([label, questions]) => ({ id: ids.get(label) ?? '', questions: [...new Set(questions.map((q) => q.replace(/\s+/g, ' ').trim()))].filter((q) => q !== ''), answer: neutralAnswer, metadata: {}, prompts: [] }));
  const folder = path.join(dir, data.name.replace(/\W+/g, '-'));
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `kb.${locale}.qna`), formatQnaFile({ synonyms: [], entries }));
  const clean = (t: string): string => t.replace(/[\t\r\n]+/g, ' ').trim();
  const cases = ['query\texpected', ...(validation ? data.validation : data.test).map((e) => `${clean(e.text)}\t${ids.get(e.label) ?? 'none'}`), ...(validation ? data.outOfScopeValidation : data.outOfScopeTest).map((t) => `${clean(t)}\tnone`)];
  const casesFile = path.join(dir, `${path.basename(folder)}.cases.tsv`);
  writeFileSync(casesFile, `${cases.join('\n')}\n`);
  return { name: `${data.name}${validation ? ' (validation)' : ''}`, locale: data.locale, kb: folder, cases: casesFile };
}

function main(): void {
  const args = process.argv.slice(2);
  const validation = args.includes('--validation');
  const withPublic = args.includes('--public') || validation;
  const split = args.includes('--split') ? args[args.indexOf('--split') + 1] ?? 'both' : 'both';
  if (!['dev', 'test', 'both'].includes(split)) throw new Error('--split must be dev, test or both');
  const rows: Row[] = [];
  const heldout = path.join(repoRoot, 'bench', 'heldout');
  for (const domain of readdirSync(heldout).sort()) {
    for (const locale of ['en-us', 'zh-cn']) {
      for (const which of split === 'both' ? ['dev', 'test'] : [split]) {
        const cases = path.join(heldout, domain, `${which}.${locale}.tsv`);
        if (existsSync(cases)) rows.push({ name: `${domain} ${which}`, locale, kb: path.join(heldout, domain), cases });
      }
    }
  }
  const store = path.join(repoRoot, 'content', 'knowledge');
  for (const locale of ['en-us', 'zh-cn']) rows.push({ name: 'store cases', locale, kb: store, cases: path.join(store, 'tests', `cases.${locale}.tsv`) });
  const temp = mkdtempSync(path.join(tmpdir(), 'warmline-kb-eval-'));
  try {
    if (withPublic) {
      for (const data of [loadBanking77('full'), loadBanking77('10-shot'), loadClinc150(), loadChitChat('english', 'professional'), loadChitChat('english', 'friendly'), loadChitChat('chinese_simplified', 'professional'), loadChitChat('chinese_simplified', 'friendly')]) {
        rows.push(writePublicSet(temp, data, validation));
      }
    }
    const results = [];
    const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
    console.log(`${'set'.padEnd(34)} locale   n    accuracy reachable first  oos-recall wrong  seconds`);
    for (const row of rows) {
      const r = evalRow(row);
      results.push({ name: row.name, locale: row.locale, n: r.n, answerable: r.answerable, outOfScope: r.outOfScope, accuracy: r.accuracy, reachable: r.reachable, rankedFirst: r.rankedFirst, outOfScopeRecall: r.outOfScopeRecall, wrongAnswerRate: r.wrongAnswerRate, seconds: r.seconds });
      console.log(`${row.name.padEnd(34)} ${row.locale.padEnd(6)} ${String(r.n).padStart(5)}  ${pct(r.accuracy)}    ${pct(r.reachable)}  ${pct(r.rankedFirst)}    ${r.outOfScope > 0 ? pct(r.outOfScopeRecall) : '    –'}    ${pct(r.wrongAnswerRate)}  ${r.seconds.toFixed(1)}`);
    }
    const date = new Date().toISOString();
    const out = path.join(repoRoot, 'bench', 'results', `kb-eval-${date.slice(0, 10)}${validation ? '-validation' : withPublic ? '-public' : ''}${vectorSuffix}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ date, machine: machineInfo(), split, wordVectors: vectorNames, homeCountry: settings.homeCountry, results }, null, 2)}\n`);
    console.log(`written ${path.relative(repoRoot, out)}`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main();
