/**
 * `npm run bench:requests`: how well the built-in recogniser of a request for a person (P1,
 * handoff/agentRequestMatcher.ts) catches customers who ask for one, in English and Chinese, and
 * how often it fires on ordinary questions. Reads the held-out lists in bench/agentRequests/ and,
 * as more ordinary questions, the CLINC150 in-scope and BANKING77 test queries (read at run time,
 * never copied here); prints a table and the false positives, writes
 * bench/results/agent-requests.json. `--dev` develops instead: the development lists and the
 * data sets' train/validation queries, with every miss printed. Method: docs/BENCHMARKS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AgentRequestMatcher } from '../handoff/agentRequestMatcher';
import { loadBanking77, loadClinc150 } from './datasets';
import { gitInfo, machineInfo } from './faq/machineInfo';

const repoRoot = path.resolve(__dirname, '..');
const listsDir = path.join(repoRoot, 'bench', 'agentRequests');
const resultsFile = path.join(repoRoot, 'bench', 'results', 'agent-requests.json');

/** One labelled message of a list: `person` asks for one, `other` does not. */
interface Labelled {
  readonly text: string;
  readonly person: boolean;
}

/** The figures of one list. */
interface ListResult {
  readonly list: string;
  readonly requests: number;
  readonly caught: number;
  readonly recall: number | null;
  readonly ordinary: number;
  readonly falsePositives: number;
  readonly falsePositiveRate: number | null;
  readonly missed: readonly string[];
  readonly firedOn: readonly string[];
  /** Positions of `firedOn` in the list, which is all the results file keeps of a public data set. */
  readonly firedOnAt: readonly number[];
}

/** Reads a `label<TAB>text` list; `#` lines are comments, the first other line is the header. */
function readList(file: string): Labelled[] {
  const rows = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return rows.slice(1).map((line, i) => {
    const [label, text] = line.split('\t');
    if ((label !== 'person' && label !== 'other') || text === undefined) throw new Error(`${path.basename(file)} row ${i + 2}: expected "person|other<TAB>text"`);
    return { text, person: label === 'person' };
  });
}

const ratio = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 10000) / 10000);

function score(list: string, items: readonly Labelled[], matcher: AgentRequestMatcher): ListResult {
  const requests = items.filter((i) => i.person);
  const ordinary = items.filter((i) => !i.person);
  const missed = requests.filter((i) => !matcher.matches(i.text)).map((i) => i.text);
  const firedOnAt = ordinary.flatMap((i, at) => (matcher.matches(i.text) ? [at] : []));
  const firedOn = firedOnAt.map((at) => ordinary[at]?.text ?? '');
  return {
    list,
    requests: requests.length,
    caught: requests.length - missed.length,
    recall: ratio(requests.length - missed.length, requests.length),
    ordinary: ordinary.length,
    falsePositives: firedOn.length,
    falsePositiveRate: ratio(firedOn.length, ordinary.length),
    missed,
    firedOn,
    firedOnAt,
  };
}

/** What the results file keeps: the sentences of our own lists, only positions for a data set's. */
function forFile(r: ListResult, own: boolean): object {
  const { firedOn, firedOnAt, missed, ...figures } = r;
  return own ? { ...figures, missed, firedOn } : { ...figures, firedOnAt };
}

const ordinary = (texts: readonly { text: string }[]): Labelled[] => texts.map((t) => ({ text: t.text, person: false }));

/** The lists of a run: held out (the report) or development (`--dev`). */
function lists(dev: boolean): Array<[string, Labelled[], boolean]> {
  const own = (lang: string): Labelled[] => readList(path.join(listsDir, `${dev ? 'dev' : 'heldout'}.${lang}.tsv`));
  const clinc = loadClinc150();
  const banking = loadBanking77('full');
  if (dev) {
    return [
      ['dev en', own('en'), true],
      ['dev zh', own('zh'), true],
      ['CLINC150 train+val in-scope', ordinary([...clinc.train, ...clinc.validation]), false],
      ['BANKING77 train', ordinary(banking.reportTrain), false],
    ];
  }
  return [
    ['held-out en', own('en'), true],
    ['held-out zh', own('zh'), true],
    ['CLINC150 test in-scope', ordinary(clinc.test), false],
    ['BANKING77 test', ordinary(banking.test), false],
  ];
}

const show = (value: number | null): string => (value === null ? '-' : value.toFixed(4));

function main(): void {
  const dev = process.argv.includes('--dev');
  // Built-in phrases only: an admin's extra phrases (content/routing.yaml) differ per deployment.
  const matcher = new AgentRequestMatcher([]);
  const runs = lists(dev).map(([name, items, own]) => ({ own, result: score(name, items, matcher) }));
  const results = runs.map((r) => r.result);
  console.log(`Requests for a person (${dev ? 'DEVELOPMENT lists' : 'held-out lists'}), built-in phrases only\n`);
  console.log('| list | requests caught | recall | ordinary | false positives | FP rate |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(`| ${r.list} | ${r.caught}/${r.requests} | ${show(r.recall)} | ${r.ordinary} | ${r.falsePositives} | ${show(r.falsePositiveRate)} |`);
  }
  for (const r of results) {
    if (r.firedOn.length > 0) console.log(`\nFalse positives, ${r.list}:\n${r.firedOn.map((t) => `  ${t}`).join('\n')}`);
    if (r.missed.length > 0) console.log(`\nMissed requests, ${r.list}:\n${r.missed.map((t) => `  ${t}`).join('\n')}`);
  }
  if (dev) return;
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(resultsFile, `${JSON.stringify({ benchmark: 'agent-requests', date, machine: machineInfo(), git: gitInfo(repoRoot), results: runs.map((r) => forFile(r.result, r.own)) }, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(repoRoot, resultsFile)}`);
}

main();
