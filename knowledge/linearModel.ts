/**
 * A one-vs-rest linear classifier over knowledge-base entries (L2-regularised, squared-hinge SVM
 * trained by dual coordinate descent with shrinking, as liblinear does). It learns which features
 * tell one entry's phrasings from all the others.
 */
import type { FeatureMatrix, FeatureVector } from './featureVector';
import { seededRandom } from './seededRandom';

/** Training settings. */
export interface LinearModelOptions {
  /** Inverse regularisation strength (liblinear's C). */
  readonly c: number;
  /** Stopping tolerance on the projected gradient. */
  readonly tolerance: number;
  /** Most passes over the data per class. */
  readonly maxPasses: number;
  /** Seed of the example shuffles, so training is repeatable. */
  readonly seed: number;
  /** C of a class's own examples is `c × positiveWeight` (1: the same C for both sides). */
  readonly positiveWeight?: number;
}

/** Trained weights, stored feature-major so scoring a sparse query touches only its features. */
export class LinearModel {
  readonly classes: number;
  /** weights[f * classes + c]; the last row is the bias. */
  private readonly weights: Float32Array;
  private readonly features: number;

  private constructor(classes: number, features: number, weights: Float32Array) {
    this.classes = classes;
    this.features = features;
    this.weights = weights;
  }

  /** Trains one binary SVM per class; `labels[r]` is the class of row r. */
  static train(matrix: FeatureMatrix, labels: Int32Array, classes: number, options: LinearModelOptions): LinearModel {
    const d = matrix.cols;
    const weights = new Float32Array((d + 1) * classes);
    const w = new Float64Array(d + 1);
    const l = matrix.rows;
    const { indptr, indices, values } = matrix;
    const diagNeg = 0.5 / options.c;
    const diagPos = 0.5 / (options.c * (options.positiveWeight ?? 1));
    const norm2 = new Float64Array(l);
    const qd = new Float64Array(l);
    for (let i = 0; i < l; i++) {
      let s = 1; // bias feature
      for (let k = indptr[i] ?? 0; k < (indptr[i + 1] ?? 0); k++) s += (values[k] ?? 0) ** 2;
      norm2[i] = s;
    }
    const alpha = new Float64Array(l);
    const index = new Int32Array(l);
    const y = new Int8Array(l);
    const next = seededRandom(options.seed);
    for (let cls = 0; cls < classes; cls++) {
      w.fill(0);
      alpha.fill(0);
      for (let i = 0; i < l; i++) {
        index[i] = i;
        y[i] = labels[i] === cls ? 1 : -1;
        qd[i] = (norm2[i] ?? 1) + (y[i] === 1 ? diagPos : diagNeg);
      }
      let active = l;
      let pgMaxOld = Infinity;
      for (let pass = 0; pass < options.maxPasses; pass++) {
        let pgMax = -Infinity;
        let pgMin = Infinity;
        for (let s = 0; s < active; s++) {
          const j = s + Math.floor(next() * (active - s));
          const tmp = index[s] ?? 0;
          index[s] = index[j] ?? 0;
          index[j] = tmp;
        }
        for (let s = 0; s < active; s++) {
          const i = index[s] ?? 0;
          const yi = y[i] ?? 1;
          const start = indptr[i] ?? 0;
          const end = indptr[i + 1] ?? 0;
          let dot = w[d] ?? 0;
          for (let k = start; k < end; k++) dot += (w[indices[k] ?? 0] ?? 0) * (values[k] ?? 0);
          const a = alpha[i] ?? 0;
          const g = yi * dot - 1 + a * (yi === 1 ? diagPos : diagNeg);
          let pg = 0;
          if (a === 0) {
            if (g > pgMaxOld) {
              active--;
              index[s] = index[active] ?? 0;
              index[active] = i;
              s--;
              continue;
            }
            if (g < 0) pg = g;
          } else pg = g;
          if (pg > pgMax) pgMax = pg;
          if (pg < pgMin) pgMin = pg;
          if (Math.abs(pg) > 1e-12) {
            const updated = Math.max(a - g / (qd[i] ?? 1), 0);
            alpha[i] = updated;
            const step = (updated - a) * yi;
            for (let k = start; k < end; k++) {
              const f = indices[k] ?? 0;
              w[f] = (w[f] ?? 0) + step * (values[k] ?? 0);
            }
            w[d] = (w[d] ?? 0) + step;
          }
        }
        if (pgMax - pgMin <= options.tolerance) {
          if (active === l) break;
          active = l;
          pgMaxOld = Infinity;
          continue;
        }
        pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
      }
      for (let f = 0; f <= d; f++) weights[f * classes + cls] = w[f] ?? 0;
    }
    return new LinearModel(classes, d, weights);
  }

  /** Decision values of every class for `vector`, written into `out` (length `classes`). */
  scores(vector: FeatureVector, out: Float32Array): void {
    const c = this.classes;
    const bias = this.features * c;
    for (let k = 0; k < c; k++) out[k] = this.weights[bias + k] ?? 0;
    const { indices, values } = vector;
    for (let j = 0; j < indices.length; j++) {
      const base = (indices[j] ?? 0) * c;
      const v = values[j] ?? 0;
      for (let k = 0; k < c; k++) out[k] = (out[k] ?? 0) + v * (this.weights[base + k] ?? 0);
    }
  }
}
