/**
 * The systems the FAQ benchmark compares, in table order. A system that throws while being created,
 * trained or asked shows up as an error in its own cells instead of stopping the whole run.
 */
import { MiniSearchClassifier } from '../peers/miniSearchClassifier';
import { NodeNlpClassifier } from '../peers/nodeNlpClassifier';
import { WarmlineClassifier } from '../peers/warmlineClassifier';
import type { BenchSystem } from './benchClassifier';

/** Warmline first, then the peers. */
export const benchSystems: readonly BenchSystem[] = Object.freeze([
  { id: 'warmline', name: 'Warmline', create: () => Promise.resolve(new WarmlineClassifier()) },
  { id: 'node-nlp', name: 'node-nlp', create: () => Promise.resolve(new NodeNlpClassifier()) },
  { id: 'minisearch', name: 'MiniSearch', create: () => Promise.resolve(new MiniSearchClassifier()) },
]);
