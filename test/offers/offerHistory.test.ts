import { expect } from 'chai';
import { decidedInConversation, declinedGroups, emptyHistory, historyRetentionDays, optInStamp, optOutStamp, pruned, shownSince, standingObjection } from '../../offers/offerHistory';
import type { OfferHistory, OfferImpression } from '../../offers/offerHistory';
import { daysAfter } from '../support/offerFixtures';

const now = new Date('2026-03-10T12:00:00.000Z');

function impression(decisionId: string, overrides: Partial<OfferImpression> = {}): OfferImpression {
  return { decisionId, offerId: 'care-plan-offer', group: 'care', product: 'care-plan', conversationId: `conv-${decisionId}`, at: now.toISOString(), heldOut: false, ...overrides };
}

const history = (...impressions: OfferImpression[]): OfferHistory => ({ key: 'customer:cust-1', impressions });
const ids = (list: readonly OfferImpression[]): string[] => list.map((i) => i.decisionId);

describe('offer history', () => {
  it('starts empty, with no objection', () => {
    expect(emptyHistory('customer:cust-1')).to.deep.equal({ key: 'customer:cust-1', impressions: [] });
  });

  describe('shownSince', () => {
    it('lists what was shown within the days, including the first instant, and nothing held out', () => {
      const h = history(
        impression('inside', { at: daysAfter(now, -10).toISOString() }),
        impression('edge', { at: daysAfter(now, -30).toISOString() }),
        impression('outside', { at: daysAfter(now, -30.001).toISOString() }),
        impression('held', { at: daysAfter(now, -1).toISOString(), heldOut: true }),
      );
      expect(ids(shownSince(h, now, 30))).to.deep.equal(['inside', 'edge']);
    });
  });

  describe('decidedInConversation', () => {
    it('is true for a conversation with a shown or a held-out decision, and false for others', () => {
      const h = history(impression('a', { conversationId: 'conv-1' }), impression('b', { conversationId: 'conv-2', heldOut: true }));
      expect(decidedInConversation(h, 'conv-1')).to.equal(true);
      expect(decidedInConversation(h, 'conv-2')).to.equal(true);
      expect(decidedInConversation(h, 'conv-3')).to.equal(false);
    });
  });

  describe('declinedGroups', () => {
    it('gives the groups declined or opted out of within the days, counted from the answer', () => {
      const h = history(
        impression('declined-late', { group: 'care', at: daysAfter(now, -120).toISOString(), answer: 'declined', answeredAt: daysAfter(now, -80).toISOString() }),
        impression('opted-out', { group: 'audio', at: daysAfter(now, -5).toISOString(), answer: 'opted-out', answeredAt: daysAfter(now, -5).toISOString() }),
        impression('old-decline', { group: 'tv', at: daysAfter(now, -100).toISOString(), answer: 'declined', answeredAt: daysAfter(now, -100).toISOString() }),
        impression('accepted', { group: 'games', answer: 'accepted', answeredAt: now.toISOString() }),
        impression('unanswered', { group: 'phones' }),
      );
      expect([...declinedGroups(h, now, 90)].sort()).to.deep.equal(['audio', 'care']);
    });
  });

  describe('pruned', () => {
    it(`drops impressions older than ${historyRetentionDays} days and keeps the objection`, () => {
      const h: OfferHistory = {
        ...history(impression('old', { at: daysAfter(now, -historyRetentionDays - 1).toISOString() }), impression('kept', { at: daysAfter(now, -historyRetentionDays + 1).toISOString() })),
        objection: { at: daysAfter(now, -500).toISOString(), channelId: 'webchat' },
      };
      const p = pruned(h, now);
      expect(ids(p.impressions)).to.deep.equal(['kept']);
      expect(p.objection).to.deep.equal(h.objection);
      expect(ids(h.impressions), 'the original is left as it was').to.deep.equal(['old', 'kept']);
    });
  });

  describe('standing objection and the order of opt-outs and opt-ins', () => {
    const at = (ms: number): string => new Date(now.getTime() + ms).toISOString();
    const objected = (ms: number): OfferHistory => ({ key: 'user:msteams:u', impressions: [], objection: { at: at(ms), channelId: 'msteams' } });
    const optedIn = (ms: number): OfferHistory => ({ key: 'customer:cust-1', impressions: [], optedInAt: at(ms) });

    it('keeps an objection against an opt-in at the same instant, and drops it against a later one', () => {
      expect(standingObjection([optedIn(0), objected(0)])).to.deep.equal({ at: at(0), channelId: 'msteams' });
      expect(standingObjection([optedIn(1), objected(0)])).to.equal(undefined);
      expect(standingObjection([optedIn(0), objected(1)])).to.deep.equal({ at: at(1), channelId: 'msteams' });
    });

    it('stamps an opt-out no earlier than the opt-in it saw, so a clock running behind cannot undo it', () => {
      expect(optOutStamp([optedIn(5000)], now)).to.equal(at(5000));
      expect(optOutStamp([optedIn(-5000)], now)).to.equal(at(0));
      expect(standingObjection([optedIn(5000), { ...objected(0), objection: { at: optOutStamp([optedIn(5000)], now), channelId: 'msteams' } }])).to.not.equal(undefined);
    });

    it('stamps an opt-in just after the objection it saw, so it overrules that objection whatever the clocks say', () => {
      expect(optInStamp([objected(5000)], now)).to.equal(at(5001));
      expect(optInStamp([objected(-5000)], now)).to.equal(at(0));
      expect(standingObjection([objected(5000), { ...optedIn(0), optedInAt: optInStamp([objected(5000)], now) }])).to.equal(undefined);
    });
  });
});
