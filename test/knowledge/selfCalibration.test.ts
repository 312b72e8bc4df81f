import { expect } from 'chai';
import path from 'node:path';
import { calibrateFromSamples, heldOutSamples, selfCalibrationDefaults } from '../../knowledge/selfCalibration';
import type { CalibrationSample } from '../../knowledge/calibration';
import { FaqMatcher, matcherDefaults } from '../../knowledge/faqMatcher';
import { FaqService } from '../../knowledge/faqService';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import type { KnowledgeBase, KnowledgeEntry } from '../../knowledge/knowledgeBase';

const storeDir = path.join(__dirname, '..', '..', 'content', 'knowledge');

function entry(id: string, questions: string[]): KnowledgeEntry {
  return { id, questions, answer: `answer ${id}`, metadata: {}, prompts: [], contextOnly: false };
}

describe('self-calibration', () => {
  const store = loadKnowledge(storeDir);
  const en = store.get('en-US') as KnowledgeBase;

  it('holds every alternate out once and leaves some entries out whole, scoring each against a base without it', () => {
    const kb: KnowledgeBase = {
      locale: 'en-US',
      version: 't',
      synonyms: [],
      entries: Array.from({ length: 9 }, (_, e) => entry(String(e + 1), [`question ${e} one`, `question ${e} two`, `question ${e} three`])),
    };
    const seen: Array<{ entries: number; questions: number }> = [];
    const asked: string[] = [];
    const samples = heldOutSamples(kb, (sub) => {
      seen.push({ entries: sub.entries.length, questions: sub.entries.reduce((n, e) => n + e.questions.length, 0) });
      return (text) => {
        asked.push(text);
        return new Float32Array(sub.entries.length);
      };
    });
    expect(seen).to.have.length(selfCalibrationDefaults.folds);
    // Entries 0, 3 and 6 (every third) are each left out whole in one fold.
    expect(seen.map((s) => s.entries).reduce((a, b) => a + b)).to.equal(9 * 4 - 3);
    const outOfScope = samples.filter((s) => s.target < 0);
    expect(outOfScope).to.have.length(9);
    // Every question of the six other entries is held out exactly once, and never from a model that kept it.
    const inScope = asked.filter((q) => !/^question [036] /.test(q));
    expect(new Set(inScope).size).to.equal(18);
    expect(inScope).to.have.length(18);
  });

  it('keeps the fixed calibration when a base has too few phrasings to hold out', () => {
    const tiny: KnowledgeBase = { locale: 'en-US', version: 't', synonyms: [], entries: [entry('1', ['open hours']), entry('2', ['refund policy'])] };
    const matcher = FaqMatcher.build(tiny);
    expect(matcher.selfCalibration).to.equal(undefined);
    expect(calibrateFromSamples([], { temperature: 0.2, nullScore: 0 })).to.equal(undefined);
  });

  it('fits a sharper confidence when held-out phrasings are clearly separated, and a flatter one when they are not', () => {
    const sample = (right: number, other: number, target: number): CalibrationSample => ({ scores: Float32Array.from([right, other, other]), target });
    const clear = [...Array.from({ length: 40 }, (_, i) => sample(1, 0, i % 3 === 0 ? 0 : 0)), ...Array.from({ length: 15 }, () => sample(-0.5, -0.6, -1))];
    const muddled = [...Array.from({ length: 40 }, (_, i) => ({ scores: Float32Array.from([0.5, 0.45, 0.4]), target: i % 3 })), ...Array.from({ length: 15 }, () => sample(0.45, 0.4, -1))];
    const start = { temperature: matcherDefaults.temperature, nullScore: matcherDefaults.nullScore };
    const a = calibrateFromSamples(clear, start);
    const b = calibrateFromSamples(muddled, start);
    expect(a && b).to.not.equal(undefined);
    expect(a?.heldOutAccuracy).to.equal(1);
    expect(a?.heldOutOutOfScopeRecall).to.equal(1);
    expect(b?.heldOutAccuracy ?? 1).to.be.below(0.5);
  });

  it('self-calibrates the store base and recommends its thresholds, which settings override value by value', () => {
    const matcher = FaqMatcher.build(en);
    const fitted = matcher.selfCalibration;
    expect(fitted).to.not.equal(undefined);
    expect(fitted?.inScopeSamples).to.be.above(300);
    expect(fitted?.outOfScopeSamples).to.be.above(50);
    expect(matcher.recommendedThresholds).to.deep.equal(selfCalibrationDefaults.thresholds);
    const service = new FaqService([en], { buildMatcher: () => matcher, thresholds: { 'en-US': { answer: 0.05 } } });
    expect(service.thresholdsFor('en-US')).to.deep.equal({ ...selfCalibrationDefaults.thresholds, answer: 0.05, suggest: 0.05 });
    service.setThresholds({});
    expect(service.thresholdsFor('en-US')).to.deep.equal(selfCalibrationDefaults.thresholds);
  });

  it('is off when asked, and for bases too large to retrain four times', () => {
    expect(FaqMatcher.build(en, { selfCalibrate: false }).selfCalibration).to.equal(undefined);
    expect(FaqMatcher.build(en, { selfCalibrationMaxWork: 60 * 400 }).selfCalibration).to.equal(undefined);
  });
});
