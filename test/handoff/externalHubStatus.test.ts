import { expect } from 'chai';
import { readHubStatus } from '../../handoff/externalHubStatus';

describe('external hub status', () => {
  it('reads the three states with an optional message and agent name', () => {
    expect(readHubStatus({ state: 'accepted', agentName: 'Jo', message: 'routed' })).to.deep.equal({ state: 'accepted', agentName: 'Jo', message: 'routed' });
    expect(readHubStatus({ state: 'failed' })).to.deep.equal({ state: 'failed' });
    expect(readHubStatus({ state: 'completed', agentName: 7 })).to.deep.equal({ state: 'completed' });
  });

  it('is not a status when the value is anything else, and drops an overlong agent name', () => {
    for (const value of [undefined, null, 'accepted', {}, { state: 'ACCEPTED' }, { state: 7 }, ['completed']]) {
      expect(readHubStatus(value), JSON.stringify(value)).to.equal(undefined);
    }
    expect(readHubStatus({ state: 'accepted', agentName: 'x'.repeat(101) })).to.deep.equal({ state: 'accepted' });
  });
});
