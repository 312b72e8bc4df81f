/**
 * Property test of the offer gate over random conversation paths through the whole bot (issue 5):
 * random customers ask, confirm or not, rate, press offer buttons old and new, type "no thanks" and
 * "don't show me offers", get angry, ask for a person, start new conversations, switch channel and
 * customer, while the bot restarts and the clock moves on. After every step an independent audit
 * (test/support/offerSimulation.ts) checks that no offer was shown that the contact policy forbids,
 * that an offer was shown where it had to be, and that no turn failed. A failure prints the shrunk
 * path as a transcript.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import type { CustomerProfile } from '../../customers/customerProfiles';
import type { SupportedLocale } from '../../locale/locale';
import { seededRandom } from '../../offers/propensity';
import { mondayMorning, sharedContentFaq, shippedOffers } from '../support/botHarness';
import { OfferSimulation, SimulatedCrm, customerIds, say, simTopics } from '../support/offerSimulation';
import type { SimLanguage, SimMessage, SimTopic } from '../support/offerSimulation';

const catalogue = shippedOffers();
const plainIds = customerIds(catalogue.settings, 'cust-', 4, false);
const heldOutIds = customerIds(catalogue.settings, 'held-', 4, true);
/** Runs per property; `OFFER_PROPERTY_RUNS` raises it for a longer hunt. */
const numRuns = Number(process.env.OFFER_PROPERTY_RUNS ?? 600);
const dayMs = 86_400_000;

/** A simulated customer before ids are given out. */
interface Person {
  readonly heldOut: boolean;
  readonly consent: boolean;
  readonly tier?: string;
  readonly segments: string[];
  readonly tags: string[];
  readonly products: string[];
  readonly tenureMonths: number;
  readonly spend: number;
  readonly locale: SupportedLocale;
}

const weighted = <T>(common: T, rare: T, odds = 4): fc.Arbitrary<T> => fc.oneof({ weight: odds, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constant(rare) });

const personArb: fc.Arbitrary<Person> = fc.record(
  {
    heldOut: weighted(false, true, 5),
    consent: weighted(true, false, 5),
    tier: fc.constantFrom('vip', 'at-risk', 'influencer'),
    segments: fc.subarray(['audio', 'smart-home', 'kitchen', 'creator']),
    tags: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(['in-arrears', 'vulnerable'], { minLength: 1 }) }),
    products: fc.oneof({ weight: 2, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(['care-plus', 'lumen-club', 'pay-in-3', 'early-access'], { minLength: 1 }) }),
    tenureMonths: fc.constantFrom(1, 3, 8, 24),
    spend: fc.constantFrom(0, 300, 2000),
    locale: fc.constantFrom<SupportedLocale>('en-US', 'zh-CN'),
  },
  { requiredKeys: ['heldOut', 'consent', 'segments', 'tags', 'products', 'tenureMonths', 'spend', 'locale'] },
);

/** One step of a path. `solve` is the common path in one step: ask, say it is solved, rate. */
type Action =
  | { readonly do: 'solve'; readonly topic: SimTopic; readonly lang: SimLanguage; readonly rating: 1 | 2 | 3 | 4 | 5 | 'skip' }
  | { readonly do: 'ask'; readonly topic: SimTopic; readonly lang: SimLanguage }
  | { readonly do: 'answer'; readonly answer: 'yes' | 'no' | 'other'; readonly lang: SimLanguage }
  | { readonly do: 'rate'; readonly rating: 1 | 2 | 3 | 4 | 5 | 'skip' | 'new-question'; readonly lang: SimLanguage }
  | { readonly do: 'press'; readonly answer: 'accept' | 'decline' | 'opt-out'; readonly card: 'latest' | 'old' }
  | { readonly do: 'type'; readonly phrase: 'no thanks' | 'yes please' | "don't show me offers" | 'show me offers'; readonly lang: SimLanguage }
  | { readonly do: 'angry'; readonly complaint: boolean; readonly lang: SimLanguage }
  | { readonly do: 'person then never mind'; readonly lang: SimLanguage }
  | { readonly do: 'new conversation' }
  | { readonly do: 'restart bot' }
  | { readonly do: 'wait'; readonly days: number }
  | { readonly do: 'channel'; readonly channel: 'directline' | 'msteams' | 'sms' }
  | { readonly do: 'customer'; readonly index: number }
  | { readonly do: 'crm'; readonly up: boolean };

const lang = fc.constantFrom<SimLanguage>('en', 'zh');
const topic = fc.constantFrom(...simTopics);
const rating = fc.constantFrom<1 | 2 | 3 | 4 | 5 | 'skip'>(5, 4, 3, 1, 'skip');

/**
 * Steps and how often each is drawn. With outages, standing choices about offers and channel
 * switches come up more often, because what goes wrong in an outage shows on the next channel.
 */
function actionArb(withOutages: boolean): fc.Arbitrary<Action> {
  const more = withOutages ? 3 : 1;
  const steps: fc.WeightedArbitrary<Action>[] = [
    { weight: 16, arbitrary: fc.record({ do: fc.constant('solve' as const), topic, lang, rating }) },
    { weight: 6, arbitrary: fc.record({ do: fc.constant('ask' as const), topic, lang }) },
    { weight: 6, arbitrary: fc.record({ do: fc.constant('answer' as const), answer: fc.constantFrom('yes' as const, 'no' as const, 'other' as const), lang }) },
    { weight: 4, arbitrary: fc.record({ do: fc.constant('rate' as const), rating: fc.constantFrom<1 | 2 | 3 | 4 | 5 | 'skip' | 'new-question'>(5, 2, 'skip', 'new-question'), lang }) },
    { weight: 10, arbitrary: fc.record({ do: fc.constant('press' as const), answer: weighted('decline' as const, 'accept' as const, 1), card: weighted('latest' as const, 'old' as const, 3) }) },
    { weight: more, arbitrary: fc.record({ do: fc.constant('press' as const), answer: fc.constant('opt-out' as const), card: weighted('latest' as const, 'old' as const, 3) }) },
    { weight: 6, arbitrary: fc.record({ do: fc.constant('type' as const), phrase: fc.constantFrom('no thanks' as const, 'yes please' as const), lang }) },
    { weight: more, arbitrary: fc.record({ do: fc.constant('type' as const), phrase: fc.constant("don't show me offers" as const), lang }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('type' as const), phrase: fc.constant('show me offers' as const), lang }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('angry' as const), complaint: fc.boolean(), lang }) },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('person then never mind' as const), lang }) },
    { weight: 4, arbitrary: fc.constant({ do: 'new conversation' as const }) },
    { weight: 2, arbitrary: fc.constant({ do: 'restart bot' as const }) },
    { weight: 6, arbitrary: fc.record({ do: fc.constant('wait' as const), days: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(29, 30, 31, 89, 90, 91)) }) },
    { weight: 2 * more, arbitrary: fc.record({ do: fc.constant('channel' as const), channel: weighted('msteams' as const, 'sms' as const, 2) }) },
    { weight: more, arbitrary: fc.record({ do: fc.constant('channel' as const), channel: fc.constant('directline' as const) }) },
    { weight: 4, arbitrary: fc.record({ do: fc.constant('customer' as const), index: fc.nat({ max: 4 }) }) },
  ];
  if (withOutages) steps.push({ weight: 6, arbitrary: fc.record({ do: fc.constant('crm' as const), up: fc.boolean() }) });
  return fc.oneof(...steps);
}

/** Gives each person an id (held-out people one from the holdout group) and makes their profile. */
function profilesOf(people: readonly Person[]): CustomerProfile[] {
  let plain = 0;
  let held = 0;
  return people.map((p) => ({
    id: p.heldOut ? heldOutIds[held++]! : plainIds[plain++]!,
    segments: p.segments,
    tags: p.tags,
    products: p.products,
    tenureMonths: p.tenureMonths,
    spend: p.spend,
    locale: p.locale,
    marketingConsent: p.consent,
    ...(p.tier ? { tier: p.tier } : {}),
  }));
}

function describeProfile(p: CustomerProfile): string {
  return `${p.id}: consent ${p.marketingConsent ? 'yes' : 'no'}${p.tier ? `, tier ${p.tier}` : ''}, segments [${p.segments.join(', ')}], tags [${p.tags.join(', ')}], products [${p.products.join(', ')}], tenure ${p.tenureMonths ?? 0} months, spend ${p.spend ?? 0}, ${p.locale}`;
}

/** What all runs of a property did, so a property that never reaches an offer fails instead of passing vacuously. */
interface Coverage {
  runs: number;
  /** Turns where every gate condition held and an offer fitted, so one had to be shown. */
  required: number;
  shown: number;
  accepted: number;
  declined: number;
  optOuts: number;
  optIns: number;
  ignored: number;
}

/** Plays one path through a fresh bot; throws with the transcript at the first finding. */
async function playPath(people: readonly Person[], startDaysBefore: number, actions: readonly Action[], coverage: Coverage): Promise<void> {
  const profiles = profilesOf(people);
  const crm = new SimulatedCrm(profiles);
  const start = new Date(mondayMorning.getTime() - startDaysBefore * dayMs);
  const sim = new OfferSimulation({ catalogue, crm, start, faq: sharedContentFaq(), random: seededRandom(11) });
  const visitor = 'visitor-1';
  let who = 0;
  let channel: 'directline' | 'msteams' | 'sms' = 'directline';
  let conversations = 0;
  let conversationId = 'conv-1';
  const newConversation = (): void => {
    conversations += 1;
    conversationId = `conv-${conversations}`;
  };
  newConversation();
  const userId = (): string => profiles[who]?.id ?? visitor;
  const party = () => ({ userId: userId(), conversationId, channelId: channel, locale: profiles[who]?.locale ?? 'en-US' });
  // A card's buttons are on the card, in the conversation it was sent to: a press comes from that
  // channel (an older conversation on it included), never from another channel's account.
  const cardsSeen: { decisionId: string; channel: string }[] = [];
  let current = 0;

  const fail = (message: string): never => {
    const population = profiles.map(describeProfile).join('\n    ');
    throw new Error(
      `${message}\n  at action ${current + 1} of ${actions.length}: ${JSON.stringify(actions[current])}\n  start: ${start.toISOString().slice(0, 10)} (day 0)\n  population (anyone else is ${visitor}, unknown):\n    ${population}\n  what happened:\n    ${sim.transcript.join('\n    ')}\n  audit of ${userId()}: ${sim.audit.describeCustomer(userId())}`,
    );
  };
  const send = async (message: SimMessage): Promise<void> => {
    let step;
    try {
      step = await sim.send(party(), message);
    } catch (error) {
      return fail(`the bot threw on ${JSON.stringify(message.text)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    for (const card of step.cards) cardsSeen.push({ decisionId: card.decisionId, channel });
    if (step.findings.length > 0) fail(step.findings.map((f) => `${f.kind}: ${f.message}`).join('\n'));
  };

  for (const [index, action] of actions.entries()) {
    current = index;
    switch (action.do) {
      case 'solve':
        await send(say.question(action.topic, action.lang));
        await send(say.yes(action.lang));
        await send(action.rating === 'skip' ? say.skip(action.lang) : say.rating(action.rating));
        break;
      case 'ask':
        await send(say.question(action.topic, action.lang));
        break;
      case 'answer':
        await send(action.answer === 'yes' ? say.yes(action.lang) : action.answer === 'no' ? say.no(action.lang) : say.other(action.lang));
        break;
      case 'rate':
        await send(action.rating === 'skip' ? say.skip(action.lang) : action.rating === 'new-question' ? say.question('orders', action.lang) : say.rating(action.rating));
        break;
      case 'press': {
        const here = cardsSeen.filter((c) => c.channel === channel);
        const decisionId = (action.card === 'latest' ? here.at(-1) : here[0])?.decisionId;
        if (decisionId) await send(say.button(decisionId, action.answer));
        break;
      }
      case 'type': {
        const phrase = { 'no thanks': say.noThanks, 'yes please': say.yesPlease, "don't show me offers": say.optOut, 'show me offers': say.optIn }[action.phrase];
        await send(phrase(action.lang));
        break;
      }
      case 'angry':
        await send(action.complaint ? say.complaint(action.lang) : say.angry(action.lang));
        break;
      case 'person then never mind':
        await send(say.person(action.lang));
        await send(say.neverMind(action.lang));
        break;
      case 'new conversation':
        newConversation();
        sim.note(`${userId()} starts ${conversationId}`);
        break;
      case 'restart bot':
        sim.restart();
        break;
      case 'wait':
        sim.advance(action.days);
        break;
      case 'channel':
        channel = action.channel;
        newConversation();
        sim.note(`${userId()} comes back on ${channel} in ${conversationId}`);
        break;
      case 'customer':
        who = action.index;
        cardsSeen.splice(0);
        newConversation();
        sim.note(`${userId()} starts ${conversationId} on ${channel}`);
        break;
      case 'crm':
        crm.up = action.up;
        sim.note(action.up ? 'the CRM is back' : 'the CRM goes down');
        break;
    }
  }
  const counts = sim.audit.counts;
  coverage.runs += 1;
  coverage.required += counts.offersRequired;
  coverage.shown += counts.cardsShown;
  coverage.accepted += counts.accepted;
  coverage.declined += counts.declined;
  coverage.optOuts += counts.optOutsTyped;
  coverage.optIns += counts.optIns;
  coverage.ignored += counts.ignored;
}

function property(withOutages: boolean, coverage: Coverage) {
  return fc.asyncProperty(
    fc.array(personArb, { minLength: 1, maxLength: 4 }),
    fc.integer({ min: 0, max: 100 }),
    fc.array(actionArb(withOutages), { minLength: 1, maxLength: 30, size: 'max' }),
    (people, startDaysBefore, actions) => playPath(people, startDaysBefore, actions, coverage),
  );
}

const emptyCoverage = (): Coverage => ({ runs: 0, required: 0, shown: 0, accepted: 0, declined: 0, optOuts: 0, optIns: 0, ignored: 0 });

describe('offers over random conversation paths (property, whole bot)', function () {
  this.timeout(180_000);

  before(() => {
    sharedContentFaq();
  });

  it('every question the simulation asks is answered under the topic it assumes, in en and zh', async () => {
    const profile: CustomerProfile = { id: plainIds[0]!, segments: [], tags: [], products: [], marketingConsent: true, locale: 'en-US' };
    const sim = new OfferSimulation({ catalogue, crm: new SimulatedCrm([profile]), start: mondayMorning, faq: sharedContentFaq() });
    for (const t of simTopics) {
      for (const l of ['en', 'zh'] as const) {
        const party = { userId: profile.id, conversationId: `topic-${t}-${l}`, channelId: 'directline', locale: l === 'en' ? 'en-US' : 'zh-CN' };
        for (const message of [say.question(t, l), say.yes(l), say.rating(4)]) {
          const step = await sim.send(party, message);
          expect(step.findings, step.line).to.deep.equal([]);
        }
        const decision = (await sim.bot.offerStore.decisions(`customer:${profile.id}`))[0];
        expect(decision?.conversationId, sim.transcript.join('\n')).to.equal(party.conversationId);
        expect(decision?.topic, `${JSON.stringify(say.question(t, l).text)}`).to.equal(t);
      }
    }
  });

  it('never shows an offer the contact policy forbids, always shows one that fits when nothing forbids it, and never fails a turn', async () => {
    const coverage = emptyCoverage();
    await fc.assert(property(false, coverage), { numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
    // The paths must reach the interesting places, or passing proves little.
    expect(coverage.shown, 'offers shown over all runs').to.be.greaterThan(numRuns / 4);
    expect(coverage.required, 'turns where an offer had to be shown').to.be.greaterThan(numRuns / 10);
    expect(coverage.declined, 'declines recorded').to.be.greaterThan(0);
    expect(coverage.accepted, 'accepts recorded').to.be.greaterThan(0);
    expect(coverage.optOuts, 'typed opt-outs').to.be.greaterThan(0);
    expect(coverage.ignored, 'offers moved on from').to.be.greaterThan(0);
  });

  // Found the three bypasses below (seed -282650537 shrunk to the first): an answer to a card while
  // the CRM is down was looked up under the channel user's key, not the customer's.
  it('holds the same with CRM outages along the way (no profile: no offer, and no answer lost)', async () => {
    const coverage = emptyCoverage();
    await fc.assert(property(true, coverage), { numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
    // Outages withhold offers on purpose (no profile, no offer), so fewer are shown than without them:
    // one run of 600 paths showed 141, under the quarter asked of the run without outages.
    expect(coverage.shown, 'offers shown over all runs').to.be.greaterThan(numRuns / 6);
  });
});

/** Plays fixed steps through a fresh simulation and returns every finding, with the transcript. */
async function playSteps(profile: CustomerProfile, steps: readonly (SimMessage | { channel: string; conversation: string } | { crmUp: boolean } | { days: number })[], options: { secondsBetweenMessages?: number } = {}): Promise<{ findings: string[]; transcript: string }> {
  const crm = new SimulatedCrm([profile]);
  const sim = new OfferSimulation({ catalogue, crm, start: mondayMorning, faq: sharedContentFaq(), ...options });
  const findings: string[] = [];
  let party = { userId: profile.id, conversationId: 'conv-1', channelId: 'directline', locale: profile.locale ?? 'en-US' };
  for (const step of steps) {
    if ('channel' in step) party = { ...party, channelId: step.channel, conversationId: step.conversation };
    else if ('crmUp' in step) {
      crm.up = step.crmUp;
      sim.note(step.crmUp ? 'the CRM is back' : 'the CRM goes down');
    } else if ('days' in step) sim.advance(step.days);
    else findings.push(...(await sim.send(party, step)).findings.map((f) => `${f.kind}: ${f.message}`));
  }
  return { findings, transcript: sim.transcript.join('\n') };
}

describe('offer gate bypasses found by the property test', () => {
  const clubFan: CustomerProfile = { id: plainIds[0]!, segments: [], tags: [], products: [], tenureMonths: 24, spend: 0, locale: 'en-US', marketingConsent: true };
  const solveDelivery = [say.question('delivery', 'en'), say.yes('en'), say.rating(5)];

  // Was: "no thanks" while the CRM is down got "That offer is no longer open" and was not recorded, so
  // the same group came back 31 days later, inside the 90-day cooldown. The channel user's history
  // now links to the customer, and replies during an outage go to the customer's history.
  it('a "no thanks" given while the CRM is down still starts the decline cooldown', async () => {
    const { findings, transcript } = await playSteps(clubFan, [...solveDelivery, { crmUp: false }, say.noThanks('en'), { crmUp: true }, { days: 31 }, { channel: 'directline', conversation: 'conv-2' }, ...solveDelivery]);
    expect(findings, transcript).to.deep.equal([]);
  });

  // Was: "don't show me offers" while the CRM is down (first contact, so no link yet) was kept only
  // under user:directline:<id>, and Teams showed an offer. It is now noted and carried to
  // customer:<id> on the first turn where the CRM answers, before the gate.
  it('"don\'t show me offers" given while the CRM is down holds on every channel', async () => {
    const { findings, transcript } = await playSteps(clubFan, [{ crmUp: false }, say.optOut('en'), { crmUp: true }, { channel: 'msteams', conversation: 'conv-2' }, ...solveDelivery]);
    expect(findings, transcript).to.deep.equal([]);
  });

  // Was: an objection stood only if strictly newer than the latest opt-in, so a tie (frozen clock, the
  // same millisecond, a clock running ahead) let an offer through. A refusal now wins a tie, and
  // choices are stamped after what they saw (offerHistory.optOutStamp / optInStamp).
  it('an opt-out at the same instant as an opt-in on another channel still stands', async () => {
    const { findings, transcript } = await playSteps(clubFan, [say.optIn('en'), { channel: 'msteams', conversation: 'conv-2' }, say.optOut('en'), { channel: 'directline', conversation: 'conv-3' }, ...solveDelivery], { secondsBetweenMessages: 0 });
    expect(findings, transcript).to.deep.equal([]);
  });
});
