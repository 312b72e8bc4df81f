import { expect } from 'chai';
import fc from 'fast-check';
import { FaqMatcher, recommendedThresholds } from '../../knowledge/faqMatcher';
import type { KnowledgeBase, KnowledgeEntry, SynonymGroup } from '../../knowledge/knowledgeBase';
import type { MatchCandidate } from '../../knowledge/matcher';

function entry(id: string, questions: string[], extra: Partial<KnowledgeEntry> = {}): KnowledgeEntry {
  return { id, questions, answer: `answer ${id}`, metadata: {}, prompts: [], contextOnly: false, ...extra };
}

const storeEntries: KnowledgeEntry[] = [
  entry('refund', ['How do I get a refund?', 'Can I get my money back for an order?', 'I want a refund for my order'], {
    prompts: [{ displayText: 'Print a return label', entryId: 'label', contextOnly: true, displayOrder: 0 }],
  }),
  entry('delivery', ['When will my delivery arrive?', 'How long does shipping take?', 'Where is my parcel?'], {
    prompts: [{ displayText: 'Cancel the order', entryId: 'cancel', contextOnly: false, displayOrder: 0 }],
  }),
  entry('password', ['How do I reset my password?', 'I forgot my password', "I can't log in to my account"]),
  entry('payment', ['Which payment methods do you accept?', 'Can I pay with PayPal?', 'Do you take credit cards?']),
  entry('label', ['How do I print the return label?', 'Print a return label'], { contextOnly: true }),
  entry('giftcard', ['Do you sell gift cards?', 'How do I use a gift card?']),
  entry('hours-uk', ['What are your opening hours?', 'When is the shop open?'], { metadata: { region: 'uk' } }),
  entry('hours-us', ['What are your opening hours?', 'When is the store open?'], { metadata: { region: 'us' } }),
  entry('cancel', ['How do I cancel my order?', 'I want to cancel an order']),
  entry('size', ['How do I find my size?', 'Is there a size chart for shoes?']),
];
const storeSynonyms: SynonymGroup[] = [{ canonical: 'refund', alternates: ['reimbursement', 'money back'] }];

function kb(entries: KnowledgeEntry[], synonyms: SynonymGroup[] = [], locale: KnowledgeBase['locale'] = 'en-US'): KnowledgeBase {
  return { locale, entries, synonyms, version: 'test' };
}

const en = FaqMatcher.build(kb(storeEntries, storeSynonyms));
const zh = FaqMatcher.build(
  kb(
    [
      entry('refund', ['我怎么申请退款', '如何退货退款', '我想要退钱']),
      entry('delivery', ['我的快递什么时候到', '包裹还没到怎么办', '物流信息怎么查']),
      entry('password', ['忘记密码怎么办', '如何重置密码']),
      entry('payment', ['支持哪些付款方式', '可以用PayPal付款吗']),
      entry('size', ['怎么选择尺码', '鞋子有尺码表吗']),
    ],
    [],
    'zh-CN',
  ),
);

function top(matcher: FaqMatcher, text: string, more: object = {}): MatchCandidate | undefined {
  return matcher.match({ text, ...more })[0];
}

describe('FaqMatcher', () => {
  it('answers stored and reworded questions with the right entry and a clear confidence', () => {
    expect(top(en, 'How do I get a refund?')?.entry.id).to.equal('refund');
    expect(top(en, 'how can i reset my password')?.entry.id).to.equal('password');
    const paypal = top(en, 'can i pay using paypal');
    expect(paypal?.entry.id).to.equal('payment');
    expect(paypal?.confidence).to.be.above(recommendedThresholds['en-US'].answer);
    expect(paypal?.matchedQuestion).to.equal('Can I pay with PayPal?');
  });

  it('copes with typos', () => {
    expect(top(en, 'refnd')?.entry.id).to.equal('refund');
    expect(top(en, 'delivry')?.entry.id).to.equal('delivery');
    expect(top(en, 'pasword reset')?.entry.id).to.equal('password');
  });

  it('expands contractions and ignores case and punctuation', () => {
    expect(top(en, 'I CANNOT LOG IN to my account!!!')?.entry.id).to.equal('password');
  });

  it('uses the synonyms of the knowledge base, multi-word ones too', () => {
    expect(top(en, 'reimbursement')?.entry.id).to.equal('refund');
    expect(top(en, 'I would like my money back')?.entry.id).to.equal('refund');
    const without = FaqMatcher.build(kb(storeEntries));
    expect(top(without, 'reimbursement')?.entry.id).to.not.equal('refund');
  });

  it('keeps to entries whose metadata has every filter pair', () => {
    const us = en.match({ text: 'What are your opening hours?', filters: { region: 'us' } });
    expect(us[0]?.entry.id).to.equal('hours-us');
    expect(us.every((c) => c.entry.metadata.region === 'us')).to.equal(true);
    expect(en.match({ text: 'opening hours', filters: { region: 'mars' } })).to.deep.equal([]);
  });

  it('matches context-only follow-ups only in the context of the entry that prompts them', () => {
    const outside = en.match({ text: 'print a return label', top: 20 });
    expect(outside.map((c) => c.entry.id)).to.not.include('label');
    const inside = top(en, 'print a return label', { contextEntryId: 'refund' });
    expect(inside?.entry.id).to.equal('label');
    expect(top(en, 'print a return label', { contextEntryId: 'delivery' })?.entry.id).to.not.equal('label');
  });

  it('answers a follow-up\'s phrasing asked cold with the entry that offers it (never the follow-up itself)', () => {
    const cold = en.match({ text: 'how do I print the return label', top: 20 });
    expect(cold.map((c) => c.entry.id)).to.not.include('label');
    expect(cold[0]?.entry.id).to.equal('refund');
    expect(cold[0]?.matchedQuestion).to.equal('How do I print the return label?');
    // Without the prompt the same phrasing has nowhere to go.
    const orphan = FaqMatcher.build(kb(storeEntries.map((e) => (e.id === 'refund' ? { ...e, prompts: [] } : e)), storeSynonyms));
    expect(orphan.match({ text: 'how do I print the return label', top: 20 }).map((c) => c.entry.id)).to.not.include('label');
    expect(orphan.match({ text: 'how do I print the return label' })[0]?.entry.id).to.not.equal('refund');
    // A filter that rules the parent out is not undone.
    const filtered = FaqMatcher.build(kb(storeEntries.map((e) => (e.id === 'refund' ? { ...e, metadata: { region: 'uk' } } : e)), storeSynonyms));
    expect(filtered.match({ text: 'how do I print the return label', filters: { region: 'us' }, top: 20 }).map((c) => c.entry.id)).to.not.include('refund');
  });

  it('follows a chain of follow-ups to the first entry that can be answered cold, and survives a cycle', () => {
    const chain = [
      entry('returns', ['How do I return an item?'], { prompts: [{ displayText: 'Label', entryId: 'label2', contextOnly: true, displayOrder: 0 }] }),
      entry('label2', ['Where is my return label?'], { contextOnly: true, prompts: [{ displayText: 'No printer', entryId: 'printer', contextOnly: true, displayOrder: 0 }] }),
      entry('printer', ['I have no printer for the label'], { contextOnly: true }),
      entry('loopA', ['alpha loop question'], { contextOnly: true, prompts: [{ displayText: 'B', entryId: 'loopB', contextOnly: true, displayOrder: 0 }] }),
      entry('loopB', ['beta loop question'], { contextOnly: true, prompts: [{ displayText: 'A', entryId: 'loopA', contextOnly: true, displayOrder: 0 }] }),
      entry('hours', ['When are you open?']),
    ];
    const m = FaqMatcher.build(kb(chain));
    const printer = m.match({ text: 'I have no printer for the label' })[0];
    expect(printer?.entry.id).to.equal('returns');
    expect(printer?.matchedQuestion).to.equal('I have no printer for the label');
    const loop = m.match({ text: 'alpha loop question', top: 10 }).map((c) => c.entry.id);
    expect(loop).to.not.include('loopA');
    expect(loop).to.not.include('loopB');
  });

  it('boosts the follow-ups of the entry just answered', () => {
    const plain = en.match({ text: 'my order', contextEntryId: 'giftcard' });
    const boosted = en.match({ text: 'my order', contextEntryId: 'delivery' });
    const cancel = (candidates: MatchCandidate[]): number => candidates.find((c) => c.entry.id === 'cancel')?.confidence ?? 0;
    expect(cancel(boosted)).to.be.above(cancel(plain) + 0.05);
    expect(boosted[0]?.entry.id).to.equal('cancel');
  });

  it('keeps a misspelt keyword within reach as a suggestion', () => {
    const best = top(en, 'delivry');
    expect(best?.entry.id).to.equal('delivery');
    expect(best?.confidence ?? 0).to.be.at.least(recommendedThresholds['en-US'].suggest);
  });

  it('does not let a small base answer a near-miss question just because it has few entries', () => {
    const unpadded = FaqMatcher.build(kb(storeEntries, storeSynonyms), { referenceEntries: 0 });
    const question = 'do you sell concert tickets';
    const padded = top(en, question)?.confidence ?? 0;
    expect(padded).to.be.below(top(unpadded, question)?.confidence ?? 0);
    expect(padded).to.be.below(recommendedThresholds['en-US'].answer);
    // A stored question is still answered outright.
    expect(top(en, 'Do you sell gift cards?')?.confidence ?? 0).to.be.above(0.5);
  });

  it('leaves confidence alone on bases at least as large as the reference size', () => {
    const many = Array.from({ length: 12 }, (_, i) => entry(`e${i}`, [`question number ${i} about topic ${String.fromCharCode(97 + i)}`]));
    const text = 'question about topic c';
    const reference = FaqMatcher.build(kb(many), { referenceEntries: 12 });
    const off = FaqMatcher.build(kb(many), { referenceEntries: 0 });
    expect(top(reference, text)?.confidence).to.equal(top(off, text)?.confidence);
  });

  it('gives out-of-scope questions low confidence', () => {
    for (const text of ['Tell me a joke about penguins', 'Recommend a good science fiction novel', 'quantum chromodynamics lecture notes']) {
      const best = top(en, text);
      expect(best?.confidence ?? 0, text).to.be.below(recommendedThresholds['en-US'].answer);
    }
  });

  it('matches Chinese with and without punctuation, in full width, and mixed with Latin script', () => {
    expect(top(zh, '退款怎么申请？')?.entry.id).to.equal('refund');
    expect(top(zh, '退款怎么申请')?.entry.id).to.equal('refund');
    expect(top(zh, '我的快递什么时候到？')?.entry.id).to.equal('delivery');
    expect(top(zh, '可以用ＰａｙＰａｌ付款吗')?.entry.id).to.equal('payment');
    expect(top(zh, '用paypal付款')?.entry.id).to.equal('payment');
    expect(top(zh, '忘了密码')?.entry.id).to.equal('password');
    expect(top(en, 'refund 退款')?.entry.id).to.equal('refund');
  });

  it('returns nothing for empty, emoji-only and unknown-script input, and copes with huge input', () => {
    expect(en.match({ text: '' })).to.deep.equal([]);
    expect(en.match({ text: '   ' })).to.deep.equal([]);
    expect(en.match({ text: '🙂🎉👍' })).to.deep.equal([]);
    expect(en.match({ text: '退款' })).to.deep.equal([]);
    const huge = en.match({ text: 'refund '.repeat(15_000) });
    expect(huge.length).to.be.at.most(5);
    expect(huge.every((c) => c.confidence >= 0 && c.confidence <= 1)).to.equal(true);
  });

  it('never throws and always returns sorted confidences in 0..1', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const matcher of [en, zh]) {
          const candidates = matcher.match({ text, top: 10 });
          candidates.forEach((c, i) => {
            expect(c.confidence).to.be.within(0, 1);
            if (i > 0) expect(c.confidence).to.be.at.most(candidates[i - 1]?.confidence ?? 1);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('honours top and returns each entry once', () => {
    const all = en.match({ text: 'order', top: 3 });
    expect(all.length).to.be.at.most(3);
    expect(new Set(all.map((c) => c.entry.id)).size).to.equal(all.length);
  });

  it('is deterministic: the same knowledge gives the same scores', () => {
    const again = FaqMatcher.build(kb(storeEntries, storeSynonyms));
    for (const text of ['refnd', 'where is my parcel', 'gift card please']) {
      expect(again.match({ text })).to.deep.equal(en.match({ text }));
    }
  });

  it('matches on neighbours alone when the base is too large for the classifier', () => {
    const large = FaqMatcher.build(kb(storeEntries, storeSynonyms), { maxLinearEntries: 0 });
    expect(large.usesLinearModel).to.equal(false);
    expect(en.usesLinearModel).to.equal(true);
    expect(top(large, 'refnd')?.entry.id).to.equal('refund');
    expect(top(large, 'when will my parcel arrive')?.entry.id).to.equal('delivery');
    expect(top(large, 'Tell me a joke about penguins')?.confidence ?? 0).to.be.below(recommendedThresholds['en-US'].answer);
  });

  it('handles an empty knowledge base', () => {
    expect(FaqMatcher.build(kb([])).match({ text: 'refund' })).to.deep.equal([]);
  });

  it('matches a question naming one country to an entry phrased with another (the country class)', () => {
    const cards = (locale: KnowledgeBase['locale'], questions: string[][]): KnowledgeBase => kb(questions.map((q, i) => entry(['travel', 'limit', 'lost', 'fees'][i] ?? '', q)), [], locale);
    const zhBase = cards('zh-CN', [['去日本能刷卡吗'], ['信用卡额度是多少'], ['卡丢了怎么办'], ['手续费怎么收']]);
    const enBase = cards('en-US', [['Can I use my card in Japan?'], ['What is my card limit?'], ['I lost my card'], ['What fees do you charge?']]);
    for (const [base, query] of [[zhBase, '在泰国可以用卡吗'], [enBase, 'will my card work in Thailand'], [enBase, 'can I use the card abroad']] as const) {
      const withClass = FaqMatcher.build(base).match({ text: query });
      const without = FaqMatcher.build(base, { countryClass: false }).match({ text: query });
      expect(withClass[0]?.entry.id, query).to.equal('travel');
      const confidence = (c: MatchCandidate[]): number => c.find((x) => x.entry.id === 'travel')?.confidence ?? 0;
      expect(confidence(withClass), query).to.be.above(confidence(without));
    }
  });
});
