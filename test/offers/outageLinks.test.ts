import { expect } from 'chai';
import type { CustomerKey, CustomerProfile } from '../../customers/customerProfiles';
import { silentLogger } from '../../logger';
import { OfferStore } from '../../offers/offerStore';
import { OutageLinks, userKey } from '../../offers/outageLinks';
import type { OfferProfile } from '../../offers/outageLinks';
import { MemoryStorage } from '../../storage/memoryStorage';

const now = new Date('2026-03-10T12:00:00.000Z');
const profile = (id: string): CustomerProfile => ({ id, segments: [], tags: [], products: [], marketingConsent: true });

/** Store and links with an objection from `sms:+1555` noted during an outage. */
async function noted(): Promise<{ store: OfferStore; links: OutageLinks }> {
  const store = new OfferStore(new MemoryStorage());
  const links = new OutageLinks(store, silentLogger());
  const objection = { at: now.toISOString(), channelId: 'sms' };
  await store.changeHistory(userKey('sms', '+1555'), async (h) => ({ history: { ...h, objection }, result: undefined }));
  await links.noteUnlinked({ channelId: 'sms', userId: '+1555', at: objection.at });
  return { store, links };
}

describe('offers while the customer profile source is down', () => {
  it('sends a linked channel user\'s replies to their customer during an outage, and an unlinked one\'s to the channel user', async () => {
    const store = new OfferStore(new MemoryStorage());
    const links = new OutageLinks(store, silentLogger());
    await links.link('sms', '+1555', 'cust-1', now);
    expect(await links.replyKeys('+1555', 'sms', 'unavailable')).to.deep.equal({ primary: 'customer:cust-1', keys: ['customer:cust-1', 'user:sms:+1555'], linked: true });
    expect(await links.replyKeys('+1666', 'sms', 'unavailable')).to.deep.equal({ primary: 'user:sms:+1666', keys: ['user:sms:+1666'], linked: false });
    expect((await links.replyKeys('+1555', 'sms', undefined)).primary, 'the source answered: it knows no customer').to.equal('user:sms:+1555');
  });

  it('carries a noted objection to the customer the source names once it answers, and links the channel user', async () => {
    const { store, links } = await noted();
    const asked: CustomerKey[] = [];
    await links.settle(async (who) => {
      asked.push(who);
      return profile('cust-1');
    }, now);
    expect(asked).to.deep.equal([{ id: '+1555' }]);
    const [customer, user] = await store.histories(['customer:cust-1', 'user:sms:+1555']);
    expect(customer?.objection).to.deep.equal({ at: now.toISOString(), channelId: 'sms' });
    expect(user).to.include({ customerId: 'cust-1', linkedAt: now.toISOString() });
    expect(await store.unlinkedObjections()).to.deep.equal([]);
  });

  it('keeps the entry while the source still cannot answer or fails, and drops it for a user the source does not know', async () => {
    const { store, links } = await noted();
    for (const answer of [async (): Promise<OfferProfile> => 'unavailable', async (): Promise<OfferProfile> => Promise.reject(new Error('bug'))]) {
      await links.settle(answer, now);
      expect(await store.unlinkedObjections()).to.have.length(1);
    }
    await links.settle(async () => undefined, now);
    expect(await store.unlinkedObjections()).to.deep.equal([]);
    const [user] = await store.histories(['user:sms:+1555']);
    expect(user?.objection, 'the channel user keeps the objection').to.not.equal(undefined);
  });

  it('does not carry an objection over an opt-in the customer made after it', async () => {
    const { store, links } = await noted();
    const later = new Date(now.getTime() + 1).toISOString();
    await store.changeHistory('customer:cust-1', async (h) => ({ history: { ...h, optedInAt: later }, result: undefined }));
    await links.settle(async () => profile('cust-1'), now);
    const [customer] = await store.histories(['customer:cust-1']);
    expect(customer?.objection).to.equal(undefined);
    expect(customer?.optedInAt).to.equal(later);
  });
});
