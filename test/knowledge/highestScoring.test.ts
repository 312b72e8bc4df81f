import { expect } from 'chai';
import fc from 'fast-check';
import { highestScoring } from '../../knowledge/highestScoring';

describe('highestScoring', () => {
  it('picks the k best-scoring candidates', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (values, k) => {
        const scores = Float32Array.from(values);
        const candidates = Int32Array.from(values.keys());
        const out = new Int32Array(k);
        const count = highestScoring(scores, candidates, candidates.length, out);
        const expected = [...values.keys()].sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0)).slice(0, k);
        expect(count).to.equal(Math.min(k, values.length));
        expect([...out.subarray(0, count)].sort((a, b) => a - b)).to.deep.equal(expected.sort((a, b) => a - b));
      }),
    );
  });
});
