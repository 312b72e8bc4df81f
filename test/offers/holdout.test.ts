import { expect } from 'chai';
import { inHoldout } from '../../offers/holdout';

const ids = Array.from({ length: 20_000 }, (_, i) => `customer-${i}`);

describe('holdout', () => {
  it('holds nobody out when the share is 0', () => {
    expect(ids.filter((id) => inHoldout(id, 0, 'warmline'))).to.deep.equal([]);
  });

  it('holds out about 5% of 20,000 customers at a share of 0.05', () => {
    const held = ids.filter((id) => inHoldout(id, 0.05, 'warmline')).length;
    expect(held / ids.length).to.be.within(0.043, 0.057);
  });

  it('gives the same answer for a customer every time', () => {
    const first = ids.slice(0, 2_000).map((id) => inHoldout(id, 0.05, 'warmline'));
    const again = ids.slice(0, 2_000).map((id) => inHoldout(id, 0.05, 'warmline'));
    expect(again).to.deep.equal(first);
    expect(first).to.include(true);
  });

  it('keeps everyone held out at a share when the share grows', () => {
    const small = ids.filter((id) => inHoldout(id, 0.05, 'warmline'));
    expect(small.every((id) => inHoldout(id, 0.1, 'warmline'))).to.equal(true);
  });

  it('draws a different group when the salt changes', () => {
    const before = new Set(ids.filter((id) => inHoldout(id, 0.05, 'warmline')));
    const after = ids.filter((id) => inHoldout(id, 0.05, 'spring-2026'));
    const stayed = after.filter((id) => before.has(id)).length;
    expect(after.length / ids.length).to.be.within(0.043, 0.057);
    // Independent draws share about 5% of members; the same draw would share all of them.
    expect(stayed / after.length).to.be.below(0.2);
  });
});
