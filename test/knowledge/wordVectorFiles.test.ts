import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FaqMatcher } from '../../knowledge/faqMatcher';
import type { KnowledgeBase, KnowledgeEntry } from '../../knowledge/knowledgeBase';
import { KnowledgeError } from '../../knowledge/knowledgeErrors';
import { readWord2Vec, useWordVectorFiles, wordVectorSource, wordVectorsFor } from '../../knowledge/wordVectorFiles';
import type { WordVectors } from '../../knowledge/wordVectors';

/** Rows of a small table: word and vector. */
type Rows = Array<[string, number[]]>;

const rows: Rows = [
  ['的', [1, 1, 1, 1]],
  ['航班', [1, 0, 0, 0.1]],
  ['飞机', [0.9, 0, 0.1, 0.1]],
  ['退款', [0, 1, 0, 0]],
  ['refund', [0.05, 0.95, 0, 0]],
];

function binaryFile(table: Rows, options: { newlines?: boolean; count?: number } = {}): Buffer {
  const dims = table[0]?.[1].length ?? 0;
  const parts = [Buffer.from(`${options.count ?? table.length} ${dims}\n`)];
  for (const [word, vector] of table) {
    const floats = Buffer.alloc(dims * 4);
    vector.forEach((x, d) => floats.writeFloatLE(x, d * 4));
    parts.push(Buffer.from(`${word} `), floats);
    if (options.newlines ?? true) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

function textFile(table: Rows, header = true): string {
  const lines = table.map(([w, v]) => `${w} ${v.map((x) => x.toFixed(4)).join(' ')}`);
  return `${header ? `${table.length} ${table[0]?.[1].length ?? 0}\n` : ''}${lines.join('\n')}`;
}

function cosine(vectors: WordVectors, a: string, b: string): number {
  const x = vectors.vector(vectors.rowOf(a));
  const y = vectors.vector(vectors.rowOf(b));
  return x.reduce((s, v, d) => s + v * (y[d] ?? 0), 0);
}

function expectProblem(run: () => unknown, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(KnowledgeError);
    expect((error as KnowledgeError).code).to.equal('WL_KB_WORD_VECTORS');
    expect((error as Error).message).to.match(pattern);
    return;
  }
  expect.fail(`expected an error matching ${String(pattern)}`);
}

describe('word-vector files (word2vec format)', () => {
  let dir: string;
  const file = (name: string, content: string | Buffer): string => {
    const where = path.join(dir, name);
    writeFileSync(where, content);
    return where;
  };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-vectors-'));
  });
  after(() => {
    useWordVectorFiles({});
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads binary files, with or without a newline after each vector, in their order', () => {
    for (const newlines of [true, false]) {
      const vectors = readWord2Vec(file(`b${String(newlines)}.bin`, binaryFile(rows, { newlines })));
      expect(vectors.words()).to.deep.equal(rows.map(([w]) => w));
      expect(vectors.dimensions).to.equal(4);
      expect(cosine(vectors, '航班', '飞机')).to.be.closeTo(0.985, 0.01);
      expect(cosine(vectors, '航班', '退款')).to.be.closeTo(0, 0.01);
    }
  });

  it('reads text files with a header, without one (GloVe) and without a final newline', () => {
    for (const header of [true, false]) {
      const vectors = readWord2Vec(file(`t${String(header)}.vec`, textFile(rows, header)));
      expect(vectors.words()).to.deep.equal(rows.map(([w]) => w));
      expect(cosine(vectors, 'refund', '退款')).to.be.closeTo(0.9986, 0.01);
    }
  });

  it('keeps only the commonest words asked for', () => {
    const vectors = readWord2Vec(file('few.bin', binaryFile(rows)), 2);
    expect(vectors.words()).to.deep.equal(['的', '航班']);
    expect(readWord2Vec(file('few.vec', textFile(rows)), 3).size).to.equal(3);
  });

  it('names the file and what is wrong with it when it cannot be used', () => {
    expectProblem(() => readWord2Vec(path.join(dir, 'missing.vec')), /missing\.vec: cannot be read \(ENOENT\)/);
    expectProblem(() => readWord2Vec(file('empty.vec', '')), /empty\.vec: is not a word2vec file/);
    expectProblem(() => readWord2Vec(file('faq.qna', '# ? How do I get a refund?\n```\nAsk us.\n```\n')), /faq\.qna: is not a word2vec file/);
    expectProblem(() => readWord2Vec(file('short.bin', binaryFile(rows).subarray(0, 40))), /short\.bin: ends inside the vector of word 2 \("航班"\)/);
    expectProblem(() => readWord2Vec(file('lies.bin', binaryFile(rows, { count: 9 }))), /lies\.bin: ends after 5 of the 9 words its header announces/);
    expectProblem(() => readWord2Vec(file('wide.vec', '2 99999\na 1\n')), /wide\.vec: the header says 99999 dimensions/);
    expectProblem(() => readWord2Vec(file('ragged.vec', '2 3\na 1 2 3\nb 1 2\n')), /ragged\.vec: line 3 has 2 numbers after its word; expected 3/);
    expectProblem(() => readWord2Vec(file('nan.vec', '2 2\na 1 2\nb 1 x\n')), /nan\.vec: line 3: "x" is not a number/);
    expectProblem(() => readWord2Vec(file('header.vec', '3 2\n')), /header\.vec: ends after 0 of the 3 words/);
  });

  describe('in the FAQ matcher', () => {
    const entry = (id: number, questions: string[], answer: string): KnowledgeEntry => ({ id: String(id), questions, answer, metadata: {}, prompts: [] }) as unknown as KnowledgeEntry;
    const kb = {
      locale: 'zh-CN',
      version: 'vectors-test',
      synonyms: [],
      entries: [entry(1, ['航班延误了怎么办'], '请查看改签政策。'), entry(2, ['怎么申请退款'], '在订单页申请。'), entry(3, ['怎么修改密码'], '在设置里修改。')],
    } as unknown as KnowledgeBase;
    /** Entries by raw score for `text`, best first. */
    const ranking = (text: string): number[] => {
      const scores = FaqMatcher.build(kb, { selfCalibrate: false }).rawScores({ text }) ?? new Float32Array(3);
      return [0, 1, 2].sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
    };

    it("uses the operator's file for a locale instead of its packaged vectors", function () {
      this.timeout(60_000);
      useWordVectorFiles({});
      expect(wordVectorSource('zh-CN')).to.equal('packaged');
      // "飞机晚点" (plane late) shares no word with 航班延误 (flight delayed) nor with 退款 (refund). In a
      // table where a plane is a refund and no flight, the refund entry overtakes the flight one.
      const odd: Rows = [['的', [1, 1, 1, 1]], ['飞机', [0, 1, 0, 0]], ['退款', [0, 1, 0, 0]], ['航班', [1, 0, 0, 0]]];
      const vectorsFile = file('zh.bin', binaryFile(odd));
      expect(ranking('飞机晚点')[0]).to.equal(0);
      useWordVectorFiles({ 'zh-CN': vectorsFile });
      expect(wordVectorSource('zh-CN')).to.equal(vectorsFile);
      expect(wordVectorsFor('zh-CN')?.rowOf('飞机')).to.equal(1);
      expect(ranking('飞机晚点')[0]).to.equal(1);
      useWordVectorFiles({});
      expect(ranking('飞机晚点')[0]).to.equal(0);
    });

    it('stops at a bad file and keeps the vectors it had', () => {
      const good = file('zh2.bin', binaryFile(rows));
      useWordVectorFiles({ 'zh-CN': good });
      expectProblem(() => useWordVectorFiles({ 'zh-CN': path.join(dir, 'nope.bin') }), /nope\.bin: cannot be read/);
      expect(wordVectorSource('zh-CN')).to.equal(good);
      useWordVectorFiles({});
    });

    it('leaves English on its packaged vectors unless told otherwise', () => {
      useWordVectorFiles({ 'zh-CN': file('zh3.bin', binaryFile(rows)) });
      expect(wordVectorSource('en-US')).to.equal('packaged');
      const english = file('en.vec', textFile(rows));
      useWordVectorFiles({ 'en-US': english });
      expect(wordVectorSource('en-US')).to.equal(english);
      expect(wordVectorsFor('en-US')?.size).to.equal(rows.length);
      expect(wordVectorSource('zh-CN')).to.equal('packaged');
      useWordVectorFiles({});
    });
  });
});
