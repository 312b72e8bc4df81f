import { expect } from 'chai';
import { estimatePropensity, posterior, sampleBeta, seededRandom } from '../../offers/propensity';
import type { BetaBelief, OfferResponseCounts } from '../../offers/propensity';

const prior = { acceptRate: 0.1, strength: 10 };

function counts(shown: number, accepted: number, bySegment: OfferResponseCounts['bySegment'] = {}): OfferResponseCounts {
  return { offerId: 'care-plan-offer', shown, accepted, bySegment };
}

const meanOf = (b: BetaBelief): number => b.alpha / (b.alpha + b.beta);

describe('propensity', () => {
  describe('posterior', () => {
    it('starts from the prior when the offer was never shown', () => {
      const p = posterior(undefined, prior, ['smart-home']);
      expect(p.segment).to.equal('*');
      expect(p.evidence).to.equal(0);
      expect(meanOf(p.belief)).to.be.closeTo(0.1, 1e-12);
      expect(p.belief.alpha + p.belief.beta).to.be.closeTo(10, 1e-12);
    });

    it('moves the mean toward the observed accept rate, further with more evidence', () => {
      const some = meanOf(posterior(counts(10, 5), prior, []).belief);
      const more = meanOf(posterior(counts(1_000, 500), prior, []).belief);
      expect(some).to.be.above(0.1).and.below(0.5);
      expect(more).to.be.above(some).and.below(0.5);
      expect(more).to.be.closeTo(0.5, 0.01);
    });

    it('moves the mean down when customers keep declining', () => {
      expect(meanOf(posterior(counts(200, 0), prior, []).belief)).to.be.below(0.01);
    });

    it("uses the counts of the customer's segment that has data", () => {
      const c = counts(100, 10, { 'smart-home': { shown: 40, accepted: 36 } });
      const p = posterior(c, prior, ['gamer', 'smart-home']);
      expect(p.segment).to.equal('smart-home');
      expect(p.evidence).to.equal(40);
      // The segment's 90% pulls its mean well above the offer-wide 10%.
      expect(meanOf(p.belief)).to.be.above(0.7);
      expect(meanOf(posterior(c, prior, []).belief)).to.be.closeTo(0.1, 0.01);
    });

    it('uses the segment with the most impressions when the customer is in several', () => {
      const c = counts(100, 10, { gamer: { shown: 5, accepted: 0 }, 'smart-home': { shown: 40, accepted: 36 } });
      expect(posterior(c, prior, ['gamer', 'smart-home']).segment).to.equal('smart-home');
    });

    it('falls back to all customers when none of the customer’s segments has data', () => {
      const c = counts(50, 25, { gamer: { shown: 0, accepted: 0 }, student: { shown: 30, accepted: 3 } });
      const p = posterior(c, prior, ['gamer', 'smart-home']);
      expect(p.segment).to.equal('*');
      expect(p.evidence).to.equal(50);
    });
  });

  describe('Thompson sampling', () => {
    it('repeats the same samples from the same seed, and differs with another seed', () => {
      const belief = { alpha: 3, beta: 7 };
      const draw = (seed: number): number[] => {
        const random = seededRandom(seed);
        return Array.from({ length: 20 }, () => sampleBeta(belief, random));
      };
      expect(draw(42)).to.deep.equal(draw(42));
      expect(draw(43)).to.not.deep.equal(draw(42));
    });

    // Spreads small enough that 0.01 is at least four standard errors of a 5,000-draw mean; the
    // second has alpha below 1, which takes the sampler's other path.
    for (const belief of [{ alpha: 2, beta: 8 }, { alpha: 0.8, beta: 3.2 }, { alpha: 30, beta: 3 }]) {
      it(`averages to the Beta mean over 5,000 draws for Beta(${belief.alpha}, ${belief.beta})`, () => {
        const random = seededRandom(7);
        let sum = 0;
        for (let i = 0; i < 5_000; i += 1) sum += sampleBeta(belief, random);
        expect(sum / 5_000).to.be.closeTo(meanOf(belief), 0.01);
      });
    }

    for (const belief of [{ alpha: 0.05, beta: 5_000 }, { alpha: 5_000, beta: 5_000 }, { alpha: 0.05, beta: 1 }, { alpha: 0.5, beta: 0.5 }]) {
      it(`draws only values strictly between 0 and 1 for Beta(${belief.alpha}, ${belief.beta})`, () => {
        const random = seededRandom(11);
        for (let i = 0; i < 5_000; i += 1) expect(sampleBeta(belief, random)).to.be.above(0).and.below(1);
      });
    }

    for (const belief of [{ alpha: 5_000, beta: 0.05 }, { alpha: 1, beta: 0.05 }, { alpha: 0.05, beta: 0.05 }]) {
      it(`draws only values strictly between 0 and 1 for Beta(${belief.alpha}, ${belief.beta})`, () => {
        const random = seededRandom(11);
        for (let i = 0; i < 5_000; i += 1) expect(sampleBeta(belief, random)).to.be.above(0).and.below(1);
      });
    }
  });

  describe('estimatePropensity', () => {
    it("scores with the posterior mean in 'mean' mode, whatever the random source says", () => {
      const e = estimatePropensity(counts(100, 30), prior, [], 'mean', () => 0.999);
      expect(e.value).to.equal(e.mean);
      expect(e.mean).to.be.closeTo((1 + 30) / (10 + 100), 1e-12);
    });

    it("scores with a repeatable sample in 'thompson' mode", () => {
      const first = estimatePropensity(counts(20, 4), prior, [], 'thompson', seededRandom(5));
      const again = estimatePropensity(counts(20, 4), prior, [], 'thompson', seededRandom(5));
      expect(again.value).to.equal(first.value);
      expect(first.value).to.not.equal(first.mean);
      expect(first.value).to.be.above(0).and.below(1);
    });
  });
});
