import { expect } from 'chai';
import { estimateWaitMinutes } from '../../handoff/waitEstimator';
import type { WaitEstimateInput } from '../../handoff/waitEstimator';

const estimate = (input: Partial<WaitEstimateInput>) =>
  estimateWaitMinutes({ position: 1, agentsAvailable: 0, agentsBusy: 1, handleSeconds: [], defaultHandleMinutes: 5, ...input });

describe('estimateWaitMinutes', () => {
  it("uses the queue's default handle time until three handle times were measured", () => {
    expect(estimate({ handleSeconds: [60, 60] })).to.deep.equal({ minutes: 5, basis: 'default' });
    // Mean of 1, 10 and 2 minutes.
    expect(estimate({ handleSeconds: [60, 600, 120] })).to.deep.equal({ minutes: 5, basis: 'measured' });
  });

  it('takes the mean handle time, with a stuck chat counted as at most eight medians', () => {
    // Long chats are real and make the wait longer, so they count; a 2-hour stuck chat among
    // 4-minute ones counts as 32 minutes, not 120.
    expect(estimate({ handleSeconds: [180, 240, 600, 180] })).to.deep.equal({ minutes: 5, basis: 'measured' });
    expect(estimate({ handleSeconds: [240, 240, 240, 7200, 240] })).to.deep.equal({ minutes: 10, basis: 'measured' });
    expect(estimate({ handleSeconds: [240, 240, 240, 240, 240] })).to.deep.equal({ minutes: 4, basis: 'measured' });
  });

  it('says about a minute when an idle agent can take the customer now', () => {
    expect(estimate({ position: 2, agentsAvailable: 2, agentsBusy: 3, defaultHandleMinutes: 10 })).to.deep.equal({ minutes: 1, basis: 'default' });
  });

  it('shares the queue ahead between the agents when nobody is free', () => {
    // Two busy agents, 4-minute calls: an agent frees up every 2 minutes on average.
    const minutes = [1, 2, 3, 4, 5].map((position) => estimate({ position, agentsBusy: 2, defaultHandleMinutes: 4 }).minutes);
    expect(minutes).to.deep.equal([2, 4, 6, 8, 10]);
  });

  it('lets idle agents take the first customers and shares the rest between all agents', () => {
    // One idle and one busy agent, 6-minute calls: place 1 is taken now; then one every 3 minutes.
    const minutes = [1, 2, 3, 4].map((position) => estimate({ position, agentsAvailable: 1, agentsBusy: 1, defaultHandleMinutes: 6 }).minutes);
    expect(minutes).to.deep.equal([1, 3, 6, 9]);
  });

  it('rounds up to whole minutes and never says less than one', () => {
    expect(estimate({ handleSeconds: [150, 150, 150] }).minutes).to.equal(3);
    expect(estimate({ handleSeconds: [10, 10, 10] }).minutes).to.equal(1);
    expect(estimate({ position: 3, handleSeconds: [20, 20, 20] }).minutes).to.equal(1);
    // 10 × 0.30000000000000004 minutes is 3 minutes, not 4.
    expect(estimate({ position: 10, defaultHandleMinutes: 0.1 * 3 }).minutes).to.equal(3);
  });

  it('assumes one agent when none is signed in, rather than promising nothing', () => {
    expect(estimate({ position: 3, agentsBusy: 0, defaultHandleMinutes: 5 })).to.deep.equal({ minutes: 15, basis: 'default' });
  });
});
