import { expect } from 'chai';
import { checkGate } from '../../offers/offerGate';
import type { GateInput } from '../../offers/offerGate';
import type { GateReason } from '../../offers/offerDecision';
import type { OfferHistory, OfferImpression } from '../../offers/offerHistory';
import { daysAfter, testCatalogue, testProfile } from '../support/offerFixtures';

const now = new Date('2026-03-10T12:00:00.000Z');
const settings = testCatalogue([]).settings;

/** A gate input for which the gate is open; `overrides` closes it one way or another. */
function open(overrides: Partial<GateInput> = {}): GateInput {
  return {
    settings,
    resolutionConfirmed: true,
    profile: testProfile(),
    histories: [{ key: 'customer:cust-1', impressions: [] }],
    recentSentiments: [0.2, 0, 0.5],
    escalationReasons: [],
    conversationId: 'conv-now',
    channelId: 'webchat',
    now,
    ...overrides,
  };
}

let decisions = 0;

function impression(overrides: Partial<OfferImpression> = {}): OfferImpression {
  return {
    decisionId: `d-${(decisions += 1)}`,
    offerId: 'care-plan-offer',
    group: 'care',
    product: 'care-plan',
    conversationId: 'conv-earlier',
    at: daysAfter(now, -5).toISOString(),
    heldOut: false,
    ...overrides,
  };
}

function history(impressions: OfferImpression[], key = 'customer:cust-1'): OfferHistory {
  return { key, impressions };
}

const reasons = (input: GateInput): GateReason[] => checkGate(input).map((f) => f.reason);

describe('checkGate', () => {
  it('is open (no findings) when every condition holds', () => {
    expect(checkGate(open())).to.deep.equal([]);
  });

  it('stays closed until the customer confirmed the issue is resolved', () => {
    expect(reasons(open({ resolutionConfirmed: false }))).to.deep.equal(['not-confirmed']);
  });

  it('closes for a customer we have no profile for', () => {
    expect(reasons(open({ profile: undefined }))).to.deep.equal(['unknown-customer']);
  });

  it('closes when the customer source could not answer', () => {
    expect(reasons(open({ profile: 'unavailable' }))).to.deep.equal(['profile-unavailable']);
  });

  it('closes for a customer who did not consent to marketing', () => {
    expect(reasons(open({ profile: testProfile({ marketingConsent: false }) }))).to.deep.equal(['no-consent']);
  });

  it("closes on an objection in the customer's history", () => {
    const objecting: OfferHistory = { ...history([]), objection: { at: '2026-01-02T00:00:00.000Z', channelId: 'msteams' } };
    const findings = checkGate(open({ histories: [objecting] }));
    expect(findings.map((f) => f.reason)).to.deep.equal(['objection']);
    expect(findings[0]?.detail).to.include('msteams');
  });

  it("closes on an objection given on the channel before we knew who the customer was", () => {
    const channelUser: OfferHistory = { key: 'user:webchat:u-1', impressions: [], objection: { at: '2026-01-02T00:00:00.000Z', channelId: 'webchat' } };
    expect(reasons(open({ histories: [history([]), channelUser] }))).to.deep.equal(['objection']);
  });

  it('closes on negative sentiment within the recent turns only', () => {
    expect(reasons(open({ recentSentiments: [0.1, -0.6, 0.2] }))).to.deep.equal(['negative-sentiment']);
    expect(reasons(open({ recentSentiments: [0.1, 0.3, -0.3] }))).to.deep.equal(['negative-sentiment']);
    // Anger four messages ago is outside the last 3 turns.
    expect(reasons(open({ recentSentiments: [-0.9, 0.1, 0.2, 0.3] }))).to.deep.equal([]);
    expect(reasons(open({ recentSentiments: [-0.9, 0.1, 0.2, 0.3], settings: { ...settings, recentTurns: 4 } }))).to.deep.equal(['negative-sentiment']);
    // Just above the threshold is not negative.
    expect(reasons(open({ recentSentiments: [-0.29] }))).to.deep.equal([]);
  });

  it('closes after an escalation whose reason is blocked, and only then', () => {
    const findings = checkGate(open({ escalationReasons: ['asked-for-agent', 'complaint', 'complaint'] }));
    expect(findings).to.deep.equal([{ reason: 'escalation-blocked', detail: 'complaint' }]);
    expect(reasons(open({ escalationReasons: ['asked-for-agent', 'repeated-failure'] }))).to.deep.equal([]);
    expect(reasons(open({ escalationReasons: ['repeated-failure'], settings: { ...settings, blockAfterEscalation: ['repeated-failure'] } }))).to.deep.equal(['escalation-blocked']);
  });

  it('closes when an offer was already shown in this conversation', () => {
    const shownHere = history([impression({ conversationId: 'conv-now', at: now.toISOString() })]);
    expect(reasons(open({ histories: [shownHere], settings: { ...settings, customerCap: { count: 5, days: 30 } } }))).to.deep.equal(['already-offered']);
  });

  it('closes when an offer was held out in this conversation (nothing shown, but the decision was made)', () => {
    const heldHere = history([impression({ conversationId: 'conv-now', heldOut: true, at: now.toISOString() })]);
    expect(reasons(open({ histories: [heldHere] }))).to.deep.equal(['already-offered']);
  });

  describe('customer cap', () => {
    it('closes once the customer was shown the cap’s count of offers within its days', () => {
      const findings = checkGate(open({ histories: [history([impression({ at: daysAfter(now, -29).toISOString() })])] }));
      expect(findings).to.deep.equal([{ reason: 'customer-cap', detail: '1 in the last 30 days' }]);
    });

    it('does not count an impression 31 days ago when the cap is over 30 days', () => {
      expect(reasons(open({ histories: [history([impression({ at: daysAfter(now, -31).toISOString() })])] }))).to.deep.equal([]);
    });

    it('counts up to the cap’s count', () => {
      const twoCap = { ...settings, customerCap: { count: 2, days: 30 } };
      const one = history([impression({ at: daysAfter(now, -3).toISOString() })]);
      const two = history([impression({ at: daysAfter(now, -3).toISOString() }), impression({ conversationId: 'conv-other', at: daysAfter(now, -1).toISOString() })]);
      expect(reasons(open({ settings: twoCap, histories: [one] }))).to.deep.equal([]);
      expect(reasons(open({ settings: twoCap, histories: [two] }))).to.deep.equal(['customer-cap']);
    });

    it('never counts held-out decisions, since nothing was shown', () => {
      expect(reasons(open({ histories: [history([impression({ heldOut: true }), impression({ heldOut: true, conversationId: 'conv-x' })])] }))).to.deep.equal([]);
    });

    it('counts an impression found in both histories once', () => {
      const twoCap = { ...settings, customerCap: { count: 2, days: 30 } };
      const same = impression({ decisionId: 'd-shared' });
      expect(reasons(open({ settings: twoCap, histories: [history([same]), history([same], 'user:webchat:u-1')] }))).to.deep.equal([]);
    });
  });

  it('closes on a channel that cannot show the card', () => {
    expect(checkGate(open({ channelId: 'sms' }))).to.deep.equal([{ reason: 'channel-unsupported', detail: 'sms' }]);
  });

  it('reports every condition that failed at once', () => {
    const objecting: OfferHistory = {
      key: 'customer:cust-1',
      objection: { at: '2026-01-02T00:00:00.000Z', channelId: 'webchat' },
      impressions: [impression({ conversationId: 'conv-now', at: now.toISOString() })],
    };
    const all = reasons(
      open({
        resolutionConfirmed: false,
        profile: testProfile({ marketingConsent: false }),
        histories: [objecting],
        recentSentiments: [-0.8],
        escalationReasons: ['complaint'],
        channelId: 'sms',
      }),
    );
    expect(all).to.have.members(['not-confirmed', 'no-consent', 'objection', 'negative-sentiment', 'escalation-blocked', 'already-offered', 'customer-cap', 'channel-unsupported']);
    expect(all).to.have.length(8);
  });
});
