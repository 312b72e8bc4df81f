/**
 * `npm run bench:faq`: Warmline's FAQ matcher side by side with node-nlp and MiniSearch on public
 * intent data sets (accuracy) and on synthetic knowledge bases (speed and memory). Prints tables,
 * writes bench/results/faq.json. Rules and row meanings: docs/BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccuracyRowResult } from './faq/accuracyResult';
import { accuracyRows } from './faq/accuracyRows';
import { benchSystems } from './faq/benchSystems';
import { benchVocabulary } from './faq/benchVocabulary';
import { faqBenchUsage, parseFaqBenchOptions, rowSelected } from './faq/faqBenchOptions';
import type { FaqBenchResults } from './faq/faqBenchResults';
import { gitInfo, machineInfo } from './faq/machineInfo';
import type { PerfCellResult } from './faq/perfResult';
import { perfRows, perfSeed } from './faq/perfRows';
import { resultsTables, tableAsMarkdown, tableAsText } from './faq/resultsTables';
import { runAccuracyRow } from './faq/runAccuracyRow';
import { runPerfCell } from './faq/runPerfCell';

const repoRoot = path.resolve(__dirname, '..');
const resultsFile = path.join(repoRoot, 'bench', 'results', 'faq.json');
const thresholdCriterion =
  'Per system, one threshold for CLINC150: trained on `train`, the threshold maximising in-scope accuracy (a top answer below the threshold counts as wrong) + out-of-scope recall (share of oos_val queries whose top confidence is below it) on `val` + `oos_val`; candidates are 0 and midpoints between observed confidences, lowest wins a tie. Then trained on `reportTrain` and applied once to `test` + `oos_test`.';

const log = (message: string): void => {
  process.stderr.write(`[bench:faq ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

async function main(): Promise<void> {
  const options = parseFaqBenchOptions(process.argv.slice(2));
  if (options.help) {
    console.log(faqBenchUsage);
    return;
  }
  const started = performance.now();
  const date = new Date().toISOString();
  const systems = benchSystems.filter((s) => options.systems.length === 0 || options.systems.includes(s.id));
  const partial = options.only.length > 0 || options.skipPerf || options.systems.length > 0;

  const accuracy: AccuracyRowResult[] = [];
  for (const row of accuracyRows.filter((r) => rowSelected(options, r.id, r.title))) {
    const data = row.load();
    const labels = new Set(data.reportTrain.map((e) => e.label)).size;
    const results = [];
    for (const system of systems) {
      log(`${row.title}: ${system.name}…`);
      const result = await runAccuracyRow(row, data, system);
      log(`${row.title}: ${system.name} ${result.error !== undefined ? `error: ${result.error}` : `done (train ${(result.trainSeconds ?? 0).toFixed(1)} s)`}`);
      results.push(result);
    }
    accuracy.push({
      id: row.id,
      title: row.title,
      metric: row.metric,
      sizes: {
        labels,
        train: data.train.length,
        reportTrain: data.reportTrain.length,
        validation: data.validation.length,
        test: data.test.length,
        outOfScopeValidation: data.outOfScopeValidation.length,
        outOfScopeTest: data.outOfScopeTest.length,
      },
      systems: results,
    });
  }

  const performanceCells: PerfCellResult[] = [];
  const cellsToRun = (options.skipPerf ? [] : perfRows.filter((r) => rowSelected(options, r.id, r.title))).flatMap((row) =>
    row.systems.flatMap((systemId) => systems.filter((s) => s.id === systemId).map((system) => ({ row, systemId, system }))),
  );
  if (cellsToRun.length > 0) {
    const vocabulary = benchVocabulary();
    for (const { row, systemId, system } of cellsToRun) {
      log(`${row.title}: ${system.name}…`);
      const cell = await runPerfCell({ systemId, entries: row.entries, vocabulary, seed: perfSeed }, system.name, row.timeoutSeconds);
      log(`${row.title}: ${system.name} ${cell.error ?? 'done'} (${cell.wallSeconds.toFixed(1)} s)`);
      performanceCells.push(cell);
    }
  }

  const results: FaqBenchResults = {
    date,
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine: machineInfo(),
    git: gitInfo(repoRoot),
    selection: { only: options.only, systems: options.systems, skipPerf: options.skipPerf },
    thresholdCriterion,
    accuracy,
    performance: performanceCells,
  };
  const tables = resultsTables(results);
  const m = results.machine;
  console.log(`FAQ benchmark, ${date}, ${m.os}, ${m.cpu} × ${m.cores}, ${m.memoryGb} GB, Node ${m.node}, load ${m.loadAverage}, commit ${results.git.commit}${results.git.dirty ? ' (dirty)' : ''}\n`);
  console.log(tables.map(tableAsText).join('\n\n'));
  if (options.markdown) console.log(`\n${tables.map(tableAsMarkdown).join('\n\n')}`);
  console.log(`\nRun time: ${results.durationSeconds} s`);
  if (!partial || options.write) {
    mkdirSync(path.dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`Results written to ${path.relative(process.cwd(), resultsFile)}`);
  } else {
    console.log('Partial run: bench/results/faq.json left unchanged (add --write to overwrite it).');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
