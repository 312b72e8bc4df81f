/**
 * Turns a benchmark run into tables (rows × systems) and prints them as aligned text or markdown,
 * so docs/BENCHMARKS.md can be refreshed by pasting `--markdown` output.
 */
import type { AccuracyRowResult, SystemRowResult, ThresholdFigures } from './accuracyResult';
import type { FaqBenchResults } from './faqBenchResults';
import type { PerfCellResult } from './perfResult';

/** A titled grid of cells. */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The bar from the issue for each accuracy row id. */
const bars: Readonly<Record<string, string>> = {
  'banking77-full': '≥ 0.92',
  'banking77-10shot': '≥ 0.80',
  'clinc150-full': 'in-scope ≥ 0.92, OOS ≥ 0.40',
};
const chitChatBar = '≥ 0.90';

const f3 = (x: number): string => x.toFixed(3);
const openSet = (t: ThresholdFigures): string => `${f3(t.inScopeAccuracy)} / ${f3(t.outOfScopeRecall)} @ ${t.threshold.toFixed(3)}`;
const errorCell = (s: SystemRowResult): string => `error: ${(s.error ?? '').slice(0, 60)}`;

function systemNames(results: FaqBenchResults): string[] {
  const names: string[] = [];
  for (const row of results.accuracy) for (const s of row.systems) if (!names.includes(s.system)) names.push(s.system);
  return names;
}

function cells(row: AccuracyRowResult, names: readonly string[], cell: (s: SystemRowResult) => string): string[] {
  return names.map((name) => {
    const s = row.systems.find((x) => x.system === name);
    if (!s) return '–';
    return s.error !== undefined ? errorCell(s) : cell(s);
  });
}

function accuracyTable(results: FaqBenchResults, names: readonly string[]): Table {
  const rows: string[][] = [];
  for (const row of results.accuracy) {
    const bar = bars[row.id] ?? (row.id.startsWith('chitchat') ? chitChatBar : '');
    if (row.metric === 'top1') {
      rows.push([row.title, 'top-1 accuracy', bar, ...cells(row, names, (s) => f3(s.top1Accuracy ?? 0))]);
      continue;
    }
    rows.push([`${row.title}, threshold chosen on validation`, 'in-scope acc / OOS recall @ threshold', bar, ...cells(row, names, (s) => (s.validationThreshold ? openSet(s.validationThreshold) : '–'))]);
    rows.push([`${row.title}, shipped threshold (Warmline: recommendedThresholds.answer; node-nlp: 0.5)`, 'in-scope acc / OOS recall @ threshold', bar, ...cells(row, names, (s) => (s.shippedThreshold ? openSet(s.shippedThreshold) : '–'))]);
    rows.push([`${row.title}, no threshold`, 'top-1 accuracy (in-scope only)', '', ...cells(row, names, (s) => f3(s.top1Accuracy ?? 0))]);
  }
  return { title: 'Accuracy (trained on reportTrain, scored once on test)', header: ['Row', 'Metric', 'Bar', ...names], rows };
}

function timingTable(results: FaqBenchResults, names: readonly string[]): Table {
  const rows = results.accuracy.map((row) => [
    row.title,
    `${row.sizes.reportTrain} / ${row.sizes.labels}`,
    ...cells(row, names, (s) => `${(s.trainSeconds ?? 0).toFixed(1)} s / ${(s.predictMeanMs ?? 0).toFixed(2)} ms`),
  ]);
  return { title: 'Training time / mean time per query (accuracy rows)', header: ['Row', 'Examples / labels', ...names], rows };
}

function perfTable(cellsIn: readonly PerfCellResult[]): Table {
  const rows = cellsIn.map((c) => {
    const f = c.figures;
    if (!f) return [c.entries.toLocaleString('en-US'), c.system, `error: ${c.error ?? ''}`, '', '', '', '', ''];
    return [
      f.entries.toLocaleString('en-US'),
      c.system,
      f.buildSeconds.toFixed(2),
      f.p50Ms.toFixed(3),
      f.p99Ms.toFixed(3),
      `${f.rssAfterBuildMb.toFixed(0)} (${f.rssBeforeBuildMb.toFixed(0)} before)`,
      String(f.queries),
      f3(f.perturbedTop1),
    ];
  });
  return {
    title: 'Performance (synthetic knowledge, ~3 questions per entry; bar: p99 ≤ 5 ms at 10k, build < 60 s at 100k)',
    header: ['Entries', 'System', 'Build s', 'p50 ms', 'p99 ms', 'RSS MB after build', 'Queries', 'Perturbed top-1'],
    rows,
  };
}

/** The tables of a run, accuracy first; empty sections are left out. */
export function resultsTables(results: FaqBenchResults): Table[] {
  const names = systemNames(results);
  const tables: Table[] = [];
  if (results.accuracy.length > 0) tables.push(accuracyTable(results, names), timingTable(results, names));
  if (results.performance.length > 0) tables.push(perfTable(results.performance));
  return tables;
}

/** Aligned plain text for a terminal. */
export function tableAsText(table: Table): string {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [table.title, line(table.header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

/** A GitHub-flavoured markdown table under a bold title. */
export function tableAsMarkdown(table: Table): string {
  const line = (r: readonly string[]): string => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [`**${table.title}**`, '', line(table.header), line(table.header.map(() => '---')), ...table.rows.map(line)].join('\n');
}
