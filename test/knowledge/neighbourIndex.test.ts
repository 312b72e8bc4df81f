import { expect } from 'chai';
import fc from 'fast-check';
import type { FeatureVector } from '../../knowledge/featureVector';
import { featureMatrixOf } from '../../knowledge/featureVector';
import { NeighbourIndex } from '../../knowledge/neighbourIndex';

/** A sparse vector from feature → weight pairs. */
function vec(pairs: Record<number, number>): FeatureVector {
  const ids = Object.keys(pairs).map(Number).sort((a, b) => a - b);
  return { indices: Int32Array.from(ids), values: Float32Array.from(ids.map((i) => pairs[i] ?? 0)), coverage: 1 };
}

/** Exact dot products of the query with every row, best per entry (the reference). */
function exact(rows: FeatureVector[], owners: number[], entries: number, query: FeatureVector): Float32Array {
  const best = new Float32Array(entries);
  rows.forEach((r, i) => {
    let s = 0;
    r.indices.forEach((f, k) => {
      const j = query.indices.indexOf(f);
      if (j >= 0) s += (query.values[j] ?? 0) * (r.values[k] ?? 0);
    });
    const e = owners[i] ?? 0;
    best[e] = Math.max(best[e] ?? 0, Math.fround(s));
  });
  return best;
}

describe('NeighbourIndex', () => {
  // Feature 0 is in every question (common); 1–4 tell them apart.
  const rows = [vec({ 0: 0.5, 1: 0.8 }), vec({ 0: 0.6, 2: 0.7 }), vec({ 0: 0.1, 3: 0.9 }), vec({ 0: 0.4, 4: 0.9 })];
  const owners = [0, 1, 2, 2];
  const matrix = featureMatrixOf(rows, 5);

  it('scores every entry by its best question when no feature is common', () => {
    const index = new NeighbourIndex(matrix, Int32Array.from(owners), 3);
    const out = index.newScores();
    index.search(vec({ 0: 0.5, 3: 0.5 }), out);
    expect(Array.from(out.entryScore)).to.deep.equal(Array.from(exact(rows, owners, 3, vec({ 0: 0.5, 3: 0.5 }))));
    expect(out.bestQuestion[2]).to.equal(2);
    expect(out.touchedCount).to.equal(3);
  });

  it("adds a common feature's share to the questions nearest on the other features, and only to them", () => {
    // Feature 0 (in 4 questions) is over maxPostings 3; one question is rescored.
    const index = new NeighbourIndex(matrix, Int32Array.from(owners), 3, 3, 1);
    const out = index.newScores();
    index.search(vec({ 0: 0.5, 3: 0.5 }), out);
    // Question 2 is the only one the other features reach: its cosine is exact, 0.05 + 0.45.
    expect(out.entryScore[2]).to.be.closeTo(0.5, 1e-6);
    expect(out.touchedCount).to.equal(1);
    // A query of common features only reaches nothing, as when those features were left out.
    index.search(vec({ 0: 1 }), out);
    expect(out.touchedCount).to.equal(0);
    // The scratch is clean: the first query again gives the same scores.
    index.search(vec({ 0: 0.5, 3: 0.5 }), out);
    expect(out.entryScore[2]).to.be.closeTo(0.5, 1e-6);
  });

  it('gives every question the other features reach its exact cosine when all are rescored (random bases)', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.integer({ min: 0, max: 11 }).map(String), fc.float({ min: Math.fround(0.01), max: 1, noNaN: true }), { minKeys: 1, maxKeys: 6 }), { minLength: 2, maxLength: 30 }), fc.dictionary(fc.integer({ min: 0, max: 11 }).map(String), fc.float({ min: Math.fround(0.01), max: 1, noNaN: true }), { minKeys: 1, maxKeys: 6 }), (rowPairs, queryPairs) => {
        const rs = rowPairs.map((p) => vec(Object.fromEntries(Object.entries(p).map(([k, v]) => [Number(k), v]))));
        const own = rs.map((_, i) => i % 5);
        const m = featureMatrixOf(rs, 12);
        const query = vec(Object.fromEntries(Object.entries(queryPairs).map(([k, v]) => [Number(k), v])));
        // Every question rescored: each question the other features reach gets its exact cosine.
        const split = new NeighbourIndex(m, Int32Array.from(own), 5, 3, rs.length);
        const b = split.newScores();
        split.search(query, b);
        const df = new Map<number, number>();
        for (const r of rs) for (const f of r.indices) df.set(f, (df.get(f) ?? 0) + 1);
        const reached = rs.map((r) => Array.from(r.indices).some((f) => (df.get(f) ?? 0) <= 3 && query.indices.includes(f)));
        const expected = exact(rs.filter((_, i) => reached[i]), own.filter((_, i) => reached[i]), 5, query);
        for (let e = 0; e < 5; e++) expect(b.entryScore[e]).to.be.closeTo(expected[e] ?? 0, 1e-5);
      }),
      { numRuns: 200 },
    );
  });
});
