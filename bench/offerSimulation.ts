/**
 * The simulated customers of `npm run bench:offers`: a seeded population with a realistic mix
 * (consent, segments, products, tenure, arrears) and how they behave in a conversation (how often a
 * question is solved, how they rate, how they answer an offer, when they get angry, how many days
 * pass). Every conversation runs through the whole bot and the independent audit of
 * test/support/offerSimulation.ts. These are simulated behaviours, not customers' data.
 */
import type { CustomerProfile } from '../customers/customerProfiles';
import { resolutionResponses } from '../dialogs/resolutionResponses';
import { seededRandom } from '../knowledge/seededRandom';
import type { SupportedLocale } from '../locale/locale';
import { inHoldout } from '../offers/holdout';
import type { Offer, OfferCatalogue } from '../offers/offerCatalogue';
import { recordPurchase } from '../offers/offerMetrics';
import { OfferSimulation, SimulatedCrm, say } from '../test/support/offerSimulation';
import type { AuditFinding, SeenCard, SimLanguage, SimMessage, SimStep, SimTopic } from '../test/support/offerSimulation';
import { sharedContentFaq } from '../test/support/botHarness';

const dayMs = 86_400_000;

/** Every probability and size the simulation uses, recorded with the results. */
export const behaviour = {
  start: '2026-09-01T09:00:00.000Z',
  /** Days the conversations are spread over (exponential gaps between conversations). */
  spanDays: 240,
  /** Population mix. */
  consent: 0.7,
  chinese: 0.3,
  segments: { audio: 0.35, 'smart-home': 0.25, kitchen: 0.2, creator: 0.05 },
  inArrears: 0.08,
  vulnerable: 0.03,
  tiers: { vip: 0.05, 'at-risk': 0.05, influencer: 0.02 },
  products: { 'care-plus': 0.15, 'lumen-club': 0.3, 'pay-in-3': 0.1 },
  /** Share of conversations from visitors the CRM does not know. */
  unknownVisitors: 0.08,
  channels: { directline: 0.6, msteams: 0.25, sms: 0.15 },
  topics: { orders: 0.3, delivery: 0.25, returns: 0.2, warranty: 0.15, payment: 0.1 },
  /** Answer to "did that solve it?" */
  resolvedYes: 0.65,
  resolvedNo: 0.25,
  /** After a yes: rate, skip the rating, or ask something new instead. */
  rate: 0.8,
  skipRating: 0.12,
  ratings: { 5: 0.45, 4: 0.3, 3: 0.15, 2: 0.05, 1: 0.05 },
  /** Answers to an offer card; accepts depend on the offer (below), the rest of the customers move on. */
  decline: 0.1,
  optOut: 0.02,
  /** Base accept rate per offer, scaled by the topic weight and the customer's spend and tenure. */
  acceptBase: { 'care-plus-audio': 0.22, 'care-plus-smart-home': 0.2, 'club-membership': 0.3, 'pay-in-3': 0.15, 'vip-early-access': 0.4, 'speaker-trade-in': 0.2 } as Record<string, number>,
  /** Answers by button rather than typed. */
  button: 0.7,
  /** Starts angry, or with a complaint; gets angry after a "no". */
  angryStart: 0.04,
  complaintStart: 0.02,
  angryAfterNo: 0.1,
  /** Asks for a person after a "no", then says never mind. */
  personAfterNo: 0.15,
  /** Asks another question after an answer (at most 3 questions a conversation). */
  anotherQuestion: 0.25,
  /** A customer who opted out types "show me offers" at the start of a later conversation. */
  optBackIn: 0.05,
  /** A redeploy: the bot restarts over the same storage every this many conversations. */
  restartEvery: 250,
  /** Chance that a customer buys the product of an offer they did not accept (or were held out of) within 30 days anyway. */
  purchaseWithoutAccept: 0.08,
} as const;

/** What one simulation run produced. */
export interface OfferBenchRun {
  readonly conversations: number;
  readonly turns: number;
  readonly confirmedResolutions: number;
  readonly population: { readonly customers: number; readonly consent: number; readonly heldOut: number; readonly inArrears: number; readonly chinese: number };
  readonly byChannel: Record<string, { conversations: number; offers: number }>;
  readonly purchases: { readonly reported: number; readonly exposed: number; readonly holdout: number; readonly unattributed: number };
  readonly findings: readonly AuditFinding[];
  readonly sim: OfferSimulation;
  readonly days: number;
}

type Random = () => number;

function pick<K extends string | number>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

/** The seeded population: `count` customers, with how often each gets in touch. */
export function population(count: number, random: Random): { profiles: CustomerProfile[]; activity: number[] } {
  const profiles: CustomerProfile[] = [];
  const activity: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const has = (p: number): boolean => random() < p;
    const tier = pick(random, { ...behaviour.tiers, none: 1 - Object.values(behaviour.tiers).reduce((a, b) => a + b, 0) });
    const tenure = Math.floor(-Math.log(1 - random()) * 18);
    const locale: SupportedLocale = has(behaviour.chinese) ? 'zh-CN' : 'en-US';
    profiles.push({
      id: `sim-${String(n).padStart(3, '0')}`,
      ...(tier !== 'none' ? { tier } : {}),
      segments: Object.entries(behaviour.segments).flatMap(([s, p]) => (has(p) ? [s] : [])),
      tags: [...(has(behaviour.inArrears) ? ['in-arrears'] : []), ...(has(behaviour.vulnerable) ? ['vulnerable'] : [])],
      products: [...Object.entries(behaviour.products).flatMap(([p, share]) => (has(share) ? [p] : [])), ...(tier === 'vip' && has(0.5) ? ['early-access'] : [])],
      tenureMonths: tenure,
      spend: Math.round(Math.exp(5 + 1.2 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()))),
      locale,
      marketingConsent: has(behaviour.consent),
    });
    // Some customers get in touch far more often than others.
    activity.push(Math.exp(0.8 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
  }
  return { profiles, activity };
}

/** How likely this customer is to accept this offer after this topic. */
function acceptRate(offer: Offer, profile: CustomerProfile | undefined, topic: SimTopic): number {
  const base = behaviour.acceptBase[offer.id] ?? 0.15;
  const weight = offer.topics[topic] ?? 0;
  const spend = (profile?.spend ?? 0) >= 1000 ? 1.3 : 1;
  const tenure = (profile?.tenureMonths ?? 0) >= 24 ? 1.1 : 1;
  return Math.min(0.9, base * (0.5 + 0.5 * weight) * spend * tenure);
}

/** Runs `conversations` simulated conversations through the whole bot with seed `seed`. */
export async function runOfferSimulation(options: { conversations: number; seed: number; customers: number; catalogue: OfferCatalogue }): Promise<OfferBenchRun> {
  const random = seededRandom(options.seed);
  const { profiles, activity } = population(options.customers, random);
  const crm = new SimulatedCrm(profiles);
  const start = new Date(behaviour.start);
  const sim = new OfferSimulation({
    catalogue: options.catalogue,
    crm,
    start,
    faq: sharedContentFaq(),
    random: seededRandom(options.seed ^ 0x5eed),
    // The CRM learns about an accepted offer, as the webhook would tell it, so it is not offered again.
    acceptances: { accepted: async (a) => crm.addProduct(a.customerId, a.product) },
  });
  const totalActivity = activity.reduce((a, b) => a + b, 0);
  const findings: AuditFinding[] = [];
  const byChannel: Record<string, { conversations: number; offers: number }> = {};
  const optedOut = new Set<string>();
  const pending: { at: number; customerId: string; product: string }[] = [];
  const purchases = { reported: 0, exposed: 0, holdout: 0, unattributed: 0 };
  const seenDecisions = new Set<string>();
  let confirmed = 0;
  let visitors = 0;

  const reportDue = async (until: number): Promise<void> => {
    pending.sort((a, b) => a.at - b.at);
    while (pending.length > 0 && pending[0]!.at <= until) {
      const p = pending.shift()!;
      purchases.reported += 1;
      const group = await recordPurchase(sim.bot.offerStore, p.customerId, p.product, new Date(p.at));
      if (group) purchases[group] += 1;
      else purchases.unattributed += 1;
    }
  };

  for (let n = 0; n < options.conversations; n += 1) {
    sim.advance(Math.round((-Math.log(1 - random()) * behaviour.spanDays * 10) / options.conversations) / 10);
    await reportDue(sim.now().getTime());
    if (n > 0 && n % behaviour.restartEvery === 0) sim.restart();
    let who: CustomerProfile | undefined;
    let userId: string;
    if (random() < behaviour.unknownVisitors) userId = `visitor-${(visitors += 1)}`;
    else {
      let r = random() * totalActivity;
      let index = 0;
      while (index < activity.length - 1 && (r -= activity[index]!) >= 0) index += 1;
      who = profiles[index]!;
      userId = who.id;
    }
    const channelId = pick(random, behaviour.channels);
    const lang: SimLanguage = (who?.locale === 'zh-CN') !== random() < 0.05 ? 'zh' : 'en';
    const party = { userId, conversationId: `sim-conv-${n + 1}`, channelId, locale: lang === 'zh' ? 'zh-CN' : 'en-US' };
    const channelFigures = (byChannel[channelId] ??= { conversations: 0, offers: 0 });
    channelFigures.conversations += 1;

    const send = async (message: SimMessage): Promise<SimStep> => {
      const step = await sim.send(party, message);
      findings.push(...step.findings);
      channelFigures.offers += step.cards.length;
      return step;
    };
    /** Reads a decision made in this turn, to simulate purchases of its product later. */
    const afterDecision = async (): Promise<void> => {
      if (!who) return;
      const decision = (await sim.bot.offerStore.decisions(`customer:${who.id}`))[0];
      if (!decision || seenDecisions.has(decision.id) || decision.conversationId !== party.conversationId || !decision.offerId) return;
      seenDecisions.add(decision.id);
      const offer = options.catalogue.offers.find((o) => o.id === decision.offerId);
      if (offer && decision.outcome === 'held-out' && random() < behaviour.purchaseWithoutAccept) {
        pending.push({ at: sim.now().getTime() + (1 + random() * 27) * dayMs, customerId: who.id, product: offer.product });
      }
    };
    /** The customer answers an offer card: accept (by fit), decline, opt out, or move on. */
    const answerCard = async (card: SeenCard, topic: SimTopic): Promise<'moved-on' | 'answered'> => {
      const r = random();
      const accept = card.offer ? acceptRate(card.offer, who, topic) : 0;
      const byButton = random() < behaviour.button;
      if (r < behaviour.optOut) {
        await send(byButton ? say.button(card.decisionId, 'opt-out') : say.optOut(lang));
        optedOut.add(userId);
      } else if (r < behaviour.optOut + behaviour.decline) await send(byButton ? say.button(card.decisionId, 'decline') : say.noThanks(lang));
      else if (r < behaviour.optOut + behaviour.decline + accept) await send(byButton ? say.button(card.decisionId, 'accept') : say.yesPlease(lang));
      else {
        // Moved on: bought it later anyway, now and then.
        if (card.offer && who && random() < behaviour.purchaseWithoutAccept) pending.push({ at: sim.now().getTime() + (1 + random() * 27) * dayMs, customerId: who.id, product: card.offer.product });
        return 'moved-on';
      }
      return 'answered';
    };

    if (optedOut.has(userId) && random() < behaviour.optBackIn) {
      await send(say.optIn(lang));
      optedOut.delete(userId);
    }
    if (random() < behaviour.angryStart) await send(say.angry(lang));
    if (random() < behaviour.complaintStart) await send(say.complaint(lang));
    for (let q = 0; q < 3; q += 1) {
      const topic = pick(random, behaviour.topics) as SimTopic;
      const answer = await send(say.question(topic, lang));
      if (!asked(answer, 'askAfterAnswer')) break;
      const r = random();
      if (r < behaviour.resolvedYes) {
        const yes = await send(say.yes(lang));
        if (!asked(yes, 'askCsat')) break;
        confirmed += 1;
        const how = random();
        if (how < behaviour.rate) {
          const step = await send(say.rating(Number(pick(random, behaviour.ratings)) as 1 | 2 | 3 | 4 | 5));
          await afterDecision();
          const card = step.cards[0];
          if (card && (await answerCard(card, topic)) === 'answered') {
            if (random() >= behaviour.anotherQuestion) break;
            continue;
          }
        } else if (how < behaviour.rate + behaviour.skipRating) {
          const step = await send(say.skip(lang));
          await afterDecision();
          const card = step.cards[0];
          if (card) await answerCard(card, topic);
        } else continue; // asks something new instead of rating
      } else if (r < behaviour.resolvedYes + behaviour.resolvedNo) {
        await send(say.no(lang));
        if (random() < behaviour.angryAfterNo) await send(say.angry(lang));
        if (random() < behaviour.personAfterNo) {
          await send(say.person(lang));
          await send(say.neverMind(lang));
        }
      } else await send(say.other(lang));
      if (random() >= behaviour.anotherQuestion) break;
    }
  }
  await reportDue(Number.POSITIVE_INFINITY);
  const heldOut = profiles.filter((p) => inHoldout(p.id, options.catalogue.settings.holdoutShare, options.catalogue.settings.holdoutSalt)).length;
  return {
    conversations: options.conversations,
    turns: sim.audit.counts.turns,
    confirmedResolutions: confirmed,
    population: {
      customers: profiles.length,
      consent: profiles.filter((p) => p.marketingConsent).length,
      heldOut,
      inArrears: profiles.filter((p) => p.tags.includes('in-arrears')).length,
      chinese: profiles.filter((p) => p.locale === 'zh-CN').length,
    },
    byChannel,
    purchases,
    findings,
    sim,
    days: sim.day(),
  };
}

/** The bot's own wording of its two questions, so a rewording does not silently stop the simulation. */
const prompts: Record<'askAfterAnswer' | 'askCsat', readonly string[]> = {
  askAfterAnswer: Object.values(resolutionResponses).map((r) => r.askAfterAnswer),
  askCsat: Object.values(resolutionResponses).map((r) => r.askCsat),
};

/** Whether the step's reply asked "did that solve it?" or for a rating (in either language). */
function asked(step: SimStep, what: 'askAfterAnswer' | 'askCsat'): boolean {
  return step.texts.some((t) => prompts[what].some((p) => t.includes(p)));
}
