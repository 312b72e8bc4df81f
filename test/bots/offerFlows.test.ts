import { expect } from 'chai';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { BotHarness, HarnessOptions, Party, Sent } from '../support/botHarness';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { joinEventName } from '../../bots/warmlineBot';
import { offerResponses } from '../../offers/responses';
import { inHoldout } from '../../offers/holdout';
import { loadOfferCatalogue } from '../../offers/offerCatalogueLoader';
import { CustomerProfilesUnavailableError } from '../../customers/customerProfiles';
import type { CustomerProfile, CustomerProfiles } from '../../customers/customerProfiles';
import type { SupportedLocale } from '../../locale/locale';
import type { OfferDecision } from '../../offers/offerDecision';
import { contentDir } from '../support/botHarness';
import path from 'node:path';

const dayMs = 86_400_000;

/** A clock the test moves. */
function clock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advanceDays: (days: number) => (now += days * dayMs) };
}

/** A question per language whose shipped answer has topic `delivery` (the demo customers' Club offer). */
const deliveryQuestion: Record<SupportedLocale, string> = { 'en-US': 'How long will delivery take?', 'zh-CN': '快递几天能到？' };
/** A question per language with topic `warranty` (the Care+ offer for audio customers). */
const warrantyQuestion: Record<SupportedLocale, string> = { 'en-US': 'What does the warranty cover?', 'zh-CN': '保修包括哪些内容？' };

const demo: Record<SupportedLocale, string> = { 'en-US': 'customer-demo', 'zh-CN': 'customer-demo-zh' };

function offerCards(sent: Sent, conversationId: string): Record<string, unknown>[] {
  return sent.cards(conversationId).filter((card) => JSON.stringify(card).includes('offer.reply'));
}

/** The decision id and button values of the one offer card in `sent`. */
function offerOn(sent: Sent, conversationId: string): { decisionId: string; title: string; value: (answer: string) => unknown } {
  const cards = offerCards(sent, conversationId);
  expect(cards, 'exactly one offer card').to.have.length(1);
  const actions = (cards[0] as { actions: { data: { decisionId: string; answer: string } }[] }).actions;
  const decisionId = actions[0]!.data.decisionId;
  const body = (cards[0] as { body: { text: string; weight?: string }[] }).body;
  return { decisionId, title: body.find((b) => b.weight === 'Bolder')!.text, value: (answer) => ({ warmline: 'offer.reply', decisionId, answer }) };
}

/** Asks a question, says it is solved and rates it; returns what the rating turn sent. */
async function solve(h: BotHarness, party: Party, question: string, locale: SupportedLocale): Promise<Sent> {
  const answered = await h.say(party, question);
  expect(answered.all(party.conversationId), `"${question}" is answered and checked`).to.contain(resolutionResponses[locale].askAfterAnswer);
  const yes = await h.say(party, locale === 'en-US' ? 'yes, thanks' : '解决了');
  expect(offerCards(yes, party.conversationId), 'no offer before the rating is asked').to.have.length(0);
  return h.say(party, '5');
}

function party(userId: string, conversation: string, locale: SupportedLocale, channelId?: string): Party {
  return { userId, conversationId: conversation, locale, ...(channelId ? { channelId } : {}) };
}

function harness(options: HarnessOptions = {}): BotHarness {
  return botHarness({ knowledge: 'content', offers: 'content', now: () => mondayMorning, ...options });
}

async function lastDecision(h: BotHarness, key: string): Promise<OfferDecision> {
  const decisions = await h.offerStore.decisions(key);
  expect(decisions, `decisions for ${key}`).to.not.be.empty;
  return decisions[0]!;
}

describe('offers in conversation (whole bot, shipped catalogue, customers and knowledge)', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    describe(locale, () => {
      const words = offerResponses[locale];

      it('shows exactly one relevant offer after the customer confirms the issue is solved, in their language', async () => {
        const h = harness();
        const c = party(demo[locale], `conv-shown-${locale}`, locale);
        const sent = await solve(h, c, deliveryQuestion[locale], locale);
        const offer = offerOn(sent, c.conversationId);
        expect(JSON.stringify(offerCards(sent, c.conversationId)[0])).to.contain(words.leadIn).and.contain(words.optOut);
        const decision = await lastDecision(h, `customer:${demo[locale]}`);
        expect(decision).to.include({ outcome: 'shown', offerId: 'club-membership', topic: 'delivery', id: offer.decisionId });
        expect(decision.gate).to.deep.equal([]);
      });

      it('shows nothing when the customer says the issue is not solved', async () => {
        const h = harness();
        const c = party(demo[locale], `conv-no-${locale}`, locale);
        await h.say(c, deliveryQuestion[locale]);
        const no = await h.say(c, locale === 'en-US' ? 'not really' : '还是不行');
        expect(offerCards(no, c.conversationId)).to.have.length(0);
        expect(await h.offerStore.decisions(`customer:${demo[locale]}`)).to.deep.equal([]);
      });

      it('"No thanks" ends offers for the conversation: a second solved issue gets none', async () => {
        const h = harness();
        const c = party(demo[locale], `conv-decline-${locale}`, locale);
        const offer = offerOn(await solve(h, c, deliveryQuestion[locale], locale), c.conversationId);
        const declined = await h.say(c, '', offer.value('decline'));
        expect(declined.texts(c.conversationId)).to.deep.equal([words.declined]);
        const again = await solve(h, c, warrantyQuestion[locale], locale);
        expect(offerCards(again, c.conversationId)).to.have.length(0);
        expect((await lastDecision(h, `customer:${demo[locale]}`)).gate.map((g) => g.reason)).to.include('already-offered');
        const stale = await h.say(c, '', offer.value('accept'));
        expect(stale.texts(c.conversationId)).to.deep.equal([words.stale]);
      });

      it('a typed "no" to an open offer declines it; a typed yes accepts and is confirmed and passed on', async () => {
        const accepted: string[] = [];
        const h = harness({ acceptances: { accepted: async (a) => void accepted.push(`${a.customerId}/${a.offerId}`) } });
        const c1 = party(demo[locale], `conv-typed-no-${locale}`, locale);
        offerOn(await solve(h, c1, deliveryQuestion[locale], locale), c1.conversationId);
        const no = await h.say(c1, locale === 'en-US' ? 'no thanks' : '不用了');
        expect(no.texts(c1.conversationId)).to.deep.equal([words.declined]);

        const time = clock(new Date(mondayMorning.getTime() + 100 * dayMs));
        const later = harness({ storage: h.storage, now: time.now, acceptances: { accepted: async (a) => void accepted.push(`${a.customerId}/${a.offerId}`) } });
        const c2 = party(demo[locale], `conv-typed-yes-${locale}`, locale);
        const offer = offerOn(await solve(later, c2, warrantyQuestion[locale], locale), c2.conversationId);
        const yes = await later.say(c2, locale === 'en-US' ? 'yes please' : '好的');
        expect(yes.texts(c2.conversationId)).to.deep.equal([words.accepted(offer.title)]);
        expect(accepted).to.deep.equal([`${demo[locale]}/care-plus-audio`]);
      });

      it('"don\'t show me offers" sticks across conversations and channels until the customer opts back in', async () => {
        const time = clock(mondayMorning);
        const h = harness({ now: time.now });
        const c1 = party(demo[locale], `conv-optout-${locale}`, locale);
        const stop = await h.say(c1, locale === 'en-US' ? "Please don't show me offers" : '不要再给我推荐了');
        expect(stop.texts(c1.conversationId)).to.deep.equal([words.optedOut]);

        time.advanceDays(200);
        const c2 = party(demo[locale], `conv-after-optout-${locale}`, locale, 'msteams');
        expect(offerCards(await solve(h, c2, deliveryQuestion[locale], locale), c2.conversationId)).to.have.length(0);
        expect((await lastDecision(h, `customer:${demo[locale]}`)).gate.map((g) => g.reason)).to.deep.equal(['objection']);

        const back = await h.say(c2, locale === 'en-US' ? 'show me offers' : '重新接收优惠');
        expect(back.texts(c2.conversationId)).to.deep.equal([words.optedIn]);
        const c3 = party(demo[locale], `conv-opted-in-${locale}`, locale);
        offerOn(await solve(h, c3, deliveryQuestion[locale], locale), c3.conversationId);
      });

      it('the card\'s "Don\'t show me offers" button records the objection and answers the offer', async () => {
        const time = clock(mondayMorning);
        const h = harness({ now: time.now });
        const c1 = party(demo[locale], `conv-optout-button-${locale}`, locale);
        const offer = offerOn(await solve(h, c1, deliveryQuestion[locale], locale), c1.conversationId);
        const stop = await h.say(c1, '', offer.value('opt-out'));
        expect(stop.texts(c1.conversationId)).to.deep.equal([words.optedOut]);
        time.advanceDays(120);
        const c2 = party(demo[locale], `conv-optout-button-2-${locale}`, locale);
        expect(offerCards(await solve(h, c2, warrantyQuestion[locale], locale), c2.conversationId)).to.have.length(0);
        const report = (await h.offerStore.counters(['club-membership'])).get('club-membership');
        expect(report).to.include({ shown: 1, optedOut: 1, accepted: 0 });
      });

      it('no offer after negative messages in the recent turns', async () => {
        const h = harness();
        const c = party(demo[locale], `conv-angry-${locale}`, locale);
        await h.say(c, deliveryQuestion[locale]);
        const yes = await h.say(c, locale === 'en-US' ? "yes, but I'm furious it took this long" : '解决了，但是太差劲了，气死我了');
        expect(yes.all(c.conversationId), 'the angry yes is still a yes').to.contain(resolutionResponses[locale].askCsat.slice(0, 8));
        const sent = await h.say(c, '5');
        expect(offerCards(sent, c.conversationId)).to.have.length(0);
        expect((await lastDecision(h, `customer:${demo[locale]}`)).gate.map((g) => g.reason)).to.include('negative-sentiment');
      });

      it('no offer in a conversation that went to a person over a complaint', async () => {
        const h = harness();
        const c = party(demo[locale], `conv-complaint-${locale}`, locale);
        await h.say(c, locale === 'en-US' ? 'I want to make a complaint' : '我要投诉');
        await h.say(c, locale === 'en-US' ? 'never mind' : '算了');
        const sent = await solve(h, c, deliveryQuestion[locale], locale);
        expect(offerCards(sent, c.conversationId)).to.have.length(0);
        const decision = await lastDecision(h, `customer:${demo[locale]}`);
        expect(decision.gate.find((g) => g.reason === 'escalation-blocked')?.detail).to.contain('complaint');
      });
    });
  }

  it('after an agent solved the issue, the offer follows the customer\'s "yes" too, recorded as resolved by the agent', async () => {
    const h = harness();
    const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana-offers' };
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const c = party('customer-demo', 'conv-after-agent', 'en-US');
    await h.say(c, deliveryQuestion['en-US']);
    await h.say(c, 'I want to talk to a person');
    await h.say(ana, '/accept');
    await h.say(ana, 'Your parcel leaves today.');
    const ended = await h.say(ana, '/end');
    expect(ended.all(c.conversationId)).to.contain(resolutionResponses['en-US'].askAfterAgent('Ana Souza'));
    await h.say(c, 'yes');
    const rated = await h.say(c, '5');
    offerOn(rated, c.conversationId);
    expect(await lastDecision(h, 'customer:customer-demo')).to.include({ outcome: 'shown', how: 'agent', offerId: 'club-membership' });
  });

  it('"don\'t show me offers" said to an agent reaches the agent and is still recorded', async () => {
    const h = harness();
    const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana-optout' };
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const c = party('customer-demo', 'conv-optout-with-agent', 'en-US');
    await h.say(c, 'I want to talk to a person');
    await h.say(ana, '/accept');
    const said = await h.say(c, 'and please stop sending me offers');
    expect(said.texts(ana.conversationId).join(' ')).to.contain('please stop sending me offers');
    expect(said.texts(c.conversationId)).to.deep.equal([]);
    await h.say(ana, '/end');
    await h.say(c, 'yes');
    expect(offerCards(await h.say(c, '5'), c.conversationId)).to.have.length(0);
    expect((await lastDecision(h, 'customer:customer-demo')).gate.map((g) => g.reason)).to.include('objection');
  });

  it('the per-customer cap holds across conversations for 30 days, and a decline cools the group down across a restart', async () => {
    const time = clock(mondayMorning);
    const h = harness({ now: time.now });
    const c1 = party('customer-demo', 'conv-cap-1', 'en-US');
    const offer = offerOn(await solve(h, c1, deliveryQuestion['en-US'], 'en-US'), c1.conversationId);
    await h.say(c1, '', offer.value('decline'));

    time.advanceDays(10);
    const c2 = party('customer-demo', 'conv-cap-2', 'en-US');
    expect(offerCards(await solve(h, c2, warrantyQuestion['en-US'], 'en-US'), c2.conversationId)).to.have.length(0);
    expect((await lastDecision(h, 'customer:customer-demo')).gate.map((g) => g.reason)).to.deep.equal(['customer-cap']);

    // A restart: a new bot over the same storage, 40 days after the decline.
    time.advanceDays(30);
    const restarted = harness({ storage: h.storage, now: time.now });
    const c3 = party('customer-demo', 'conv-cap-3', 'en-US');
    expect(offerCards(await solve(restarted, c3, deliveryQuestion['en-US'], 'en-US'), c3.conversationId)).to.have.length(0);
    const cooled = await lastDecision(restarted, 'customer:customer-demo');
    expect(cooled.gate.map((g) => g.reason)).to.deep.equal(['no-eligible-offer']);
    expect(cooled.candidates.find((c) => c.offerId === 'club-membership')).to.include({ excluded: 'declined-recently' });

    const c4 = party('customer-demo', 'conv-cap-4', 'en-US');
    offerOn(await solve(restarted, c4, warrantyQuestion['en-US'], 'en-US'), c4.conversationId);
  });

  it('no offer for unknown customers, customers without marketing consent, or on a channel that cannot show the card', async () => {
    const h = harness();
    const cases: [Party, string, string][] = [
      [party('someone-new', 'conv-unknown', 'en-US'), 'user:directline:someone-new', 'unknown-customer'],
      [party('customer-regular', 'conv-no-consent', 'en-US'), 'customer:customer-regular', 'no-consent'],
      [party('customer-demo', 'conv-sms', 'en-US', 'sms'), 'customer:customer-demo', 'channel-unsupported'],
    ];
    for (const [who, key, reason] of cases) {
      const sent = await solve(h, who, deliveryQuestion['en-US'], 'en-US');
      expect(offerCards(sent, who.conversationId), reason).to.have.length(0);
      expect(sent.texts(who.conversationId).join(' '), 'the rating is still thanked').to.contain(resolutionResponses['en-US'].thanksHigh);
      expect((await lastDecision(h, key)).gate.map((g) => g.reason)).to.include(reason);
    }
  });

  it('a customer in the holdout group never sees an offer, and the decision records which one was held back', async () => {
    const catalogue = loadOfferCatalogue(path.join(contentDir, 'offers.yaml'));
    let id = '';
    for (let n = 0; !id; n += 1) if (inHoldout(`held-${n}`, catalogue.settings.holdoutShare, catalogue.settings.holdoutSalt)) id = `held-${n}`;
    const profile: CustomerProfile = { id, name: 'Held Out', segments: ['audio'], tags: [], products: [], tenureMonths: 12, spend: 500, marketingConsent: true };
    const profiles: CustomerProfiles = { get: async (who) => (who.id === id ? profile : undefined) };
    const h = harness({ profiles });
    const c = party(id, 'conv-holdout', 'en-US');
    expect(offerCards(await solve(h, c, deliveryQuestion['en-US'], 'en-US'), c.conversationId)).to.have.length(0);
    expect(await lastDecision(h, `customer:${id}`)).to.include({ outcome: 'held-out', offerId: 'club-membership' });
  });

  it('a CRM that is down or broken means no offer, never a failed turn', async () => {
    const down: CustomerProfiles = { get: async () => Promise.reject(new CustomerProfilesUnavailableError('CRM timed out')) };
    const h = harness({ profiles: down });
    const c = party('customer-demo', 'conv-crm-down', 'en-US');
    const sent = await solve(h, c, deliveryQuestion['en-US'], 'en-US');
    expect(offerCards(sent, c.conversationId)).to.have.length(0);
    expect(sent.texts(c.conversationId)).to.deep.equal([resolutionResponses['en-US'].thanksHigh]);
    expect((await lastDecision(h, 'user:directline:customer-demo')).gate.map((g) => g.reason)).to.deep.equal(['profile-unavailable']);
    const stop = await h.say(c, "don't show me offers");
    expect(stop.texts(c.conversationId)).to.deep.equal([offerResponses['en-US'].optedOut]);
  });

  it('forged or malformed offer buttons change nothing and crash nothing', async () => {
    const h = harness();
    const c = party('customer-demo', 'conv-forged', 'en-US');
    for (const value of [
      { warmline: 'offer.reply', decisionId: '00000000-0000-4000-8000-000000000000', answer: 'accept' },
      { warmline: 'offer.reply', decisionId: '../../etc', answer: 'accept' },
      { warmline: 'offer.reply', decisionId: 42, answer: 'decline' },
      { warmline: 'offer.reply', answer: 'gift' },
      'offer.reply',
    ]) {
      const sent = await h.say(c, '', value);
      expect(offerCards(sent, c.conversationId)).to.have.length(0);
      for (const text of sent.texts(c.conversationId)) expect(text).to.not.match(/error|exception|stack/i);
    }
    const counters = await h.offerStore.counters(['club-membership', 'care-plus-audio']);
    expect([...counters.values()].every((c) => c.accepted === 0)).to.equal(true);
  });
});
