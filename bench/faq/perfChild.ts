/**
 * Child process of the performance rows: builds one synthetic knowledge base with one system,
 * times queries against it and reports back over IPC. One size per process keeps RSS honest.
 * Started by `runPerfCell`; not meant to be run by hand.
 */
import { performance } from 'node:perf_hooks';
import { FaqMatcher } from '../../knowledge/faqMatcher';
import { MiniSearchClassifier } from '../peers/miniSearchClassifier';
import { benchKnowledgeBase } from '../peers/warmlineClassifier';
import type { PerfFigures, PerfRequest } from './perfResult';
import { syntheticKnowledge } from './syntheticKnowledge';
import type { SyntheticKnowledge } from './syntheticKnowledge';

/** Builds the index (setting `buildMs`), then answers a query with the top entry id. */
type Build = (data: SyntheticKnowledge) => (text: string) => string | undefined;

let buildMs = 0;

const builders: Record<PerfRequest['systemId'], Build> = {
  warmline(data) {
    const kb = benchKnowledgeBase('en-US', data.entries);
    const started = performance.now();
    const matcher = FaqMatcher.build(kb);
    buildMs = performance.now() - started;
    return (text) => matcher.match({ text, top: 5 })[0]?.entry.id;
  },
  minisearch(data) {
    const examples = data.entries.flatMap((e) => e.questions.map((text) => ({ text, label: e.id })));
    const classifier = new MiniSearchClassifier();
    const started = performance.now();
    classifier.train(examples, 'en-US');
    buildMs = performance.now() - started;
    return (text) => classifier.predict(text, 5)[0]?.label;
  },
};

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function measure(request: PerfRequest): PerfFigures {
  const data = syntheticKnowledge(request.entries, request.vocabulary, { seed: request.seed });
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const answer = builders[request.systemId](data);
  collectGarbage();
  const memory = process.memoryUsage();
  for (const q of data.queries.slice(0, 200)) answer(q.text); // warm-up, not timed
  const times: number[] = [];
  let perturbed = 0;
  let perturbedHits = 0;
  for (const q of data.queries) {
    const started = performance.now();
    const top = answer(q.text);
    times.push(performance.now() - started);
    if (q.sourceId !== undefined) {
      perturbed += 1;
      if (top === q.sourceId) perturbedHits += 1;
    }
  }
  times.sort((a, b) => a - b);
  return {
    entries: data.entries.length,
    questions: data.entries.reduce((n, e) => n + e.questions.length, 0),
    buildSeconds: buildMs / 1000,
    queries: times.length,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    meanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    rssBeforeBuildMb: mb(rssBefore),
    rssAfterBuildMb: mb(memory.rss),
    heapUsedAfterBuildMb: mb(memory.heapUsed),
    perturbedTop1: perturbed === 0 ? 0 : perturbedHits / perturbed,
  };
}

process.once('message', (request: PerfRequest) => {
  try {
    const figures = measure(request);
    process.send?.({ figures }, () => process.exit(0));
  } catch (error) {
    process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
});
