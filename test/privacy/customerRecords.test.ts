import { expect } from 'chai';
import { parseCustomerProfiles } from '../../customers/yamlCustomerProfiles';
import { PrivacyRequestError, resolveCustomer } from '../../privacy/customerIdentity';
import { customerRef } from '../../privacy/customerRef';
import { collectLinks, concernsThem, emptyLinks, mentionTokens, ownershipOf } from '../../privacy/customerRecords';
import { recordOf } from '../../privacy/recordKinds';

const now = new Date('2027-01-10T12:00:00.000Z');
const who = resolveCustomer('customer-1');

describe('resolveCustomer', () => {
  const directory = parseCustomerProfiles('customers:\n  customer-a:\n    name: Mei\n    user_ids: ["29:1teams-a"]\n    aad_object_id: 6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F\n', 'customers.yaml');

  it('finds every identity of a known customer from any one of them, plus ids given with --user', () => {
    for (const id of ['customer-a', '29:1teams-a', '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f']) {
      expect(resolveCustomer(id, directory, ['dl_phone'])).to.deep.include({ customerId: 'customer-a', userIds: ['customer-a', '29:1teams-a', 'dl_phone'], aadObjectIds: ['6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'] });
    }
  });

  it('takes an unknown id as a bare channel user id, or an Entra id when it is a GUID, and refuses an empty one', () => {
    expect(resolveCustomer(' dl_abc ', directory)).to.deep.equal({ requested: 'dl_abc', userIds: ['dl_abc'], aadObjectIds: [] });
    expect(resolveCustomer('00000000-0000-4000-8000-00000000000B')).to.deep.include({ userIds: [], aadObjectIds: ['00000000-0000-4000-8000-00000000000b'] });
    expect(() => resolveCustomer('  ')).to.throw(PrivacyRequestError);
    expect(() => resolveCustomer('a\nb')).to.throw(PrivacyRequestError);
  });
});

describe('what of a shared record is one customer\'s', () => {
  it('takes their handoffs from the records that name them, and their entries from the shared lists', () => {
    const links = emptyLinks();
    const handoff = { id: 'h1', state: 'resolved', customer: { userId: 'customer-1', channelId: 'webchat', address: { conversation: { id: 'c1' } } }, events: [] };
    collectLinks(recordOf('handoff/record/h1'), handoff, who, links, now);
    collectLinks(recordOf('handoff/record/h2'), { ...handoff, id: 'h2', customer: { ...handoff.customer, userId: 'customer-10' } }, who, links, now);
    expect([...links.handoffIds]).to.deep.equal(['h1']);
    expect(ownershipOf(recordOf('webchat/conversations/c1/'), {}, who, links)).to.deep.equal({ kind: 'whole' });
    expect(ownershipOf(recordOf('webchat/conversations/c2/'), {}, who, links)).to.deep.equal({ kind: 'none' });
    const index = { entries: [{ id: 'h1', conversationId: 'c1' }, { id: 'h3', conversationId: 'c3' }] };
    expect(ownershipOf(recordOf('handoff/index'), index, who, links)).to.deep.equal({ kind: 'part', theirs: { entries: [index.entries[0]] }, rest: { entries: [index.entries[1]] } });
    expect(ownershipOf(recordOf('handoff/presence/ana'), { agentId: 'ana', handoffId: 'h1', status: 'available' }, who, links)).to.deep.equal({ kind: 'part', theirs: { handoffId: 'h1' }, rest: { agentId: 'ana', status: 'available' } });
    expect(ownershipOf(recordOf('agent-session/c9'), { userId: 'customer-1' }, who, links)).to.deep.equal({ kind: 'whole' });
    const waiting = { entries: [{ channelId: 'webchat', userId: 'customer-1', at: '2026-01-01T00:00:00.000Z' }, { channelId: 'webchat', userId: 'customer-10', at: '2026-01-01T00:00:00.000Z' }] };
    expect(ownershipOf(recordOf('offers/unlinked-objections'), waiting, who, links)).to.deep.equal({ kind: 'part', theirs: { entries: [waiting.entries[0]] }, rest: { entries: [waiting.entries[1]] } });
    const mine = { text: 'mars', askedBy: [customerRef('someone'), customerRef('customer-1')] };
    const other = { text: 'venus', askedBy: [customerRef('someone')] };
    expect(ownershipOf(recordOf('warmline/active-learning/en-US'), { unanswered: { mars: mine, venus: other }, alternates: { '3': { x: mine } } }, who, links)).to.deep.equal({
      kind: 'part',
      theirs: { unanswered: { mars: mine }, alternates: { '3': { x: mine } } },
      rest: { unanswered: { venus: other }, alternates: {} },
    });
  });

  it('finds them named in agents\' conversations as a whole word only, and what the agent wrote while with them', () => {
    const links = emptyLinks();
    const events = [
      { at: '2027-01-10T10:00:00.000Z', from: 'bot', to: 'queued', by: 'bot' },
      { at: '2027-01-10T10:05:00.000Z', from: 'queued', to: 'assigned', by: 'agent:ana' },
      { at: '2027-01-10T10:20:00.000Z', from: 'assigned', to: 'resolved', by: 'agent:ana' },
    ];
    collectLinks(recordOf('handoff/record/h1'), { id: 'handoff-1', state: 'resolved', customer: { userId: 'customer-1', channelId: 'webchat', address: { conversation: { id: 'c1' } } }, events }, who, links, now);
    const tokens = mentionTokens(who, links);
    const ana = (): readonly string[] => ['agent-ana'];
    const said = (text: string, at: string, from = 'agent-ana') => ({ text, timestamp: new Date(at), from: { id: from }, recipient: { id: 'bot' } });
    expect(concernsThem(said('**Mei (customer-1):** hello', '2027-01-10T09:00:00.000Z', 'bot'), tokens, links, ana)).to.equal(true);
    expect(concernsThem(said('**Kim (customer-10):** hello', '2027-01-10T09:00:00.000Z', 'bot'), tokens, links, ana)).to.equal(false);
    expect(concernsThem(said('your parcel is on its way', '2027-01-10T10:10:00.000Z'), tokens, links, ana)).to.equal(true);
    expect(concernsThem(said('your parcel is on its way', '2027-01-10T10:21:00.000Z'), tokens, links, ana)).to.equal(false);
    expect(concernsThem(said('New request from Kim', '2027-01-10T10:10:00.000Z', 'bot'), tokens, links, ana), 'the bot telling the agent about someone else').to.equal(false);
  });
});
