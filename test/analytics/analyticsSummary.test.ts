import { expect } from 'chai';
import { csatFigures, offerFunnel, rate, resolutionFigures, timeFigures } from '../../analytics/analyticsSummary';

describe('analytics/analyticsSummary: the arithmetic of the figures', () => {
  it('gives no rate, average or median when nothing was counted (not 0, which would read as a result)', () => {
    expect(rate(0, 0)).to.equal(null);
    expect(rate(1, 4)).to.equal(0.25);
    expect(timeFigures([])).to.deep.equal({ count: 0, averageSeconds: null, medianSeconds: null, maxSeconds: null });
    expect(csatFigures([])).to.deep.equal({ count: 0, average: null, scores: [0, 0, 0, 0, 0] });
  });

  it('takes the median of an even count as the mean of the middle two, whatever the order', () => {
    expect(timeFigures([300, 10, 20, 40])).to.deep.equal({ count: 4, averageSeconds: 92.5, medianSeconds: 30, maxSeconds: 300 });
    expect(timeFigures([7, 1, 3]).medianSeconds).to.equal(3);
  });

  it('counts resolution answers of the bot and of agents into one rate', () => {
    const rows = [
      { detail: 'bot', value: 1, count: 6 },
      { detail: 'bot', value: 0, count: 2 },
      { detail: 'agent', value: 1, count: 1 },
      { detail: 'agent', value: 0, count: 1 },
    ];
    expect(resolutionFigures(rows)).to.deep.equal({ resolved: 7, notResolved: 3, rate: 0.7, bot: { resolved: 6, notResolved: 2 }, agent: { resolved: 1, notResolved: 1 } });
  });

  it('averages CSAT over ratings 1 to 5 and ignores anything else', () => {
    expect(csatFigures([{ value: 5, count: 2 }, { value: 2, count: 1 }, { value: 9, count: 4 }, { value: null, count: 1 }])).to.deep.equal({ count: 3, average: 4, scores: [0, 1, 0, 0, 2] });
  });

  it('builds the funnel and the lift: shown converts by accepting or buying, the holdout only by buying', () => {
    const funnel = offerFunnel([
      { kind: 'offer-decided', detail: 'shown', count: 10 },
      { kind: 'offer-decided', detail: 'held-out', count: 10 },
      { kind: 'offer-decided', detail: 'none', count: 5 },
      { kind: 'offer-answered', detail: 'accepted', count: 2 },
      { kind: 'offer-answered', detail: 'declined', count: 6 },
      { kind: 'offer-answered', detail: 'opted-out', count: 1 },
      { kind: 'offer-converted', detail: 'exposed', count: 1 },
      { kind: 'offer-converted', detail: 'holdout', count: 1 },
    ]);
    expect(funnel).to.deep.include({ decisions: 25, eligible: 20, shown: 10, heldOut: 10, accepted: 2, declined: 6, optedOut: 1, ignored: 0 });
    expect(funnel.lift.exposed).to.equal(0.3);
    expect(funnel.lift.holdout).to.equal(0.1);
    expect(funnel.lift.relative).to.be.closeTo(2, 1e-9);
    // No held-out purchase: no lift to speak of (not infinite).
    expect(offerFunnel([{ kind: 'offer-decided', detail: 'shown', count: 3 }, { kind: 'offer-decided', detail: 'held-out', count: 3 }]).lift.relative).to.equal(null);
  });
});
