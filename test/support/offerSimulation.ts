/**
 * Simulated customers talking to the whole bot about offers, and an independent audit of what they
 * were shown. Shared by the property test (test/bots/offerProperties.test.ts) and the offers
 * benchmark (bench/offers.ts).
 *
 * The audit is a model of the contact policy written from the customer's side: what they asked,
 * what they answered, what cards they saw and pressed, who they are (the simulation's own
 * population) and what day it is. It uses nothing from `offers/` except the catalogue it is given
 * and the holdout hash, so a bug in the engine's gate cannot hide itself from the audit.
 */
import { MemoryStorage } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { CustomerProfilesUnavailableError } from '../../customers/customerProfiles';
import type { CustomerKey, CustomerProfile, CustomerProfiles } from '../../customers/customerProfiles';
import type { FaqService } from '../../knowledge/faqService';
import type { SupportedLocale } from '../../locale/locale';
import { botResponses } from '../../bots/responses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { inHoldout } from '../../offers/holdout';
import type { Offer, OfferCatalogue, OfferSettings } from '../../offers/offerCatalogue';
import type { AcceptanceSink } from '../../offers/offerEngine';
import { offerResponses } from '../../offers/responses';
import { botHarness } from './botHarness';
import type { BotHarness, Party } from './botHarness';

const dayMs = 86_400_000;
/** Time between two messages: customers do not type two in the same millisecond. */
const secondMs = 1000;
const locales = ['en-US', 'zh-CN'] as const;

/** A language the simulated customer types in. */
export type SimLanguage = 'en' | 'zh';

/** The knowledge topics the simulated customers ask about, each with a question the shipped knowledge answers. */
export const simTopics = ['delivery', 'warranty', 'payment', 'returns', 'orders'] as const;
/** One of {@link simTopics}. */
export type SimTopic = (typeof simTopics)[number];

/** What customers type, by language; every text has one meaning to the audit (see {@link SimIntent}). */
export const simPhrases = {
  questions: {
    delivery: { en: 'How long will delivery take?', zh: '快递几天能到？' },
    warranty: { en: 'What does the warranty cover?', zh: '保修包括哪些内容？' },
    payment: { en: 'Can I pay in installments?', zh: '可以分期付款吗？' },
    returns: { en: 'How do I return an item?', zh: '怎么退货？' },
    // Not "Where is my order?": that starts the where-is-my-order topic, which asks for the order number.
    orders: { en: 'How do I track my parcel?', zh: '怎么查物流？' },
  },
  /** A yes to "did that solve it?" */
  yes: { en: 'yes, thanks', zh: '解决了' },
  /** A yes to an offer (also a yes anywhere else). */
  yesPlease: { en: 'yes please', zh: '好的' },
  /** A no to "did that solve it?" */
  no: { en: 'not really', zh: '没有' },
  /** A no to an offer (also a no anywhere else). */
  noThanks: { en: 'no thanks', zh: '不用了' },
  /** Neither an answer nor a question the knowledge knows. */
  other: { en: 'hmm, let me think', zh: '嗯，我想想' },
  skip: { en: 'skip', zh: '跳过' },
  optOut: { en: "don't show me offers", zh: '不要再给我推荐了' },
  optIn: { en: 'show me offers', zh: '重新接收优惠' },
  angry: { en: 'This is terrible, I am furious and fed up with you', zh: '太差劲了，我非常生气，气死我了' },
  complaint: { en: 'I want to make a complaint', zh: '我要投诉' },
  person: { en: 'agent', zh: '转人工' },
  neverMind: { en: 'never mind', zh: '算了' },
} as const;

/**
 * What a customer's message means, as the simulation intends it. The audit reads messages this
 * way, never the way the bot does: if the bot reads them differently, the audit notices.
 */
export type SimIntent =
  | { readonly kind: 'question'; readonly topic?: SimTopic }
  | { readonly kind: 'yes' | 'no' | 'other' | 'skip' | 'opt-out' | 'opt-in' | 'angry' | 'complaint' | 'person' | 'never-mind' }
  | { readonly kind: 'rating'; readonly score: 1 | 2 | 3 | 4 | 5 }
  | { readonly kind: 'button'; readonly answer: 'accept' | 'decline' | 'opt-out'; readonly decisionId: string };

/** A message a simulated customer sends: its text (or button value) and what it means. */
export interface SimMessage {
  readonly text: string;
  readonly value?: unknown;
  readonly intent: SimIntent;
}

/** Builds the messages of {@link simPhrases}. */
export const say = {
  question: (topic: SimTopic, lang: SimLanguage): SimMessage => ({ text: simPhrases.questions[topic][lang], intent: { kind: 'question', topic } }),
  yes: (lang: SimLanguage): SimMessage => ({ text: simPhrases.yes[lang], intent: { kind: 'yes' } }),
  yesPlease: (lang: SimLanguage): SimMessage => ({ text: simPhrases.yesPlease[lang], intent: { kind: 'yes' } }),
  no: (lang: SimLanguage): SimMessage => ({ text: simPhrases.no[lang], intent: { kind: 'no' } }),
  noThanks: (lang: SimLanguage): SimMessage => ({ text: simPhrases.noThanks[lang], intent: { kind: 'no' } }),
  other: (lang: SimLanguage): SimMessage => ({ text: simPhrases.other[lang], intent: { kind: 'other' } }),
  rating: (score: 1 | 2 | 3 | 4 | 5): SimMessage => ({ text: String(score), intent: { kind: 'rating', score } }),
  skip: (lang: SimLanguage): SimMessage => ({ text: simPhrases.skip[lang], intent: { kind: 'skip' } }),
  optOut: (lang: SimLanguage): SimMessage => ({ text: simPhrases.optOut[lang], intent: { kind: 'opt-out' } }),
  optIn: (lang: SimLanguage): SimMessage => ({ text: simPhrases.optIn[lang], intent: { kind: 'opt-in' } }),
  angry: (lang: SimLanguage): SimMessage => ({ text: simPhrases.angry[lang], intent: { kind: 'angry' } }),
  complaint: (lang: SimLanguage): SimMessage => ({ text: simPhrases.complaint[lang], intent: { kind: 'complaint' } }),
  person: (lang: SimLanguage): SimMessage => ({ text: simPhrases.person[lang], intent: { kind: 'person' } }),
  neverMind: (lang: SimLanguage): SimMessage => ({ text: simPhrases.neverMind[lang], intent: { kind: 'never-mind' } }),
  button: (decisionId: string, answer: 'accept' | 'decline' | 'opt-out'): SimMessage => ({ text: '', value: { warmline: 'offer.reply', decisionId, answer }, intent: { kind: 'button', answer, decisionId } }),
};

/** Messages whose sentiment is surely negative (the gate must see them), and ones that may be read as negative. */
const surelyNegative = new Set<SimIntent['kind']>(['angry']);
const maybeNegative = new Set<string>([simPhrases.angry.en, simPhrases.angry.zh, simPhrases.complaint.en, simPhrases.complaint.zh, simPhrases.no.zh]);

/**
 * The simulation's CRM: profiles by user id, and a switch to make it fail as a CRM outage does
 * ({@link CustomerProfilesUnavailableError}). Products can be added, as a CRM does after an accept.
 */
export class SimulatedCrm implements CustomerProfiles {
  /** False while the CRM is "down". */
  up = true;
  private readonly byId: Map<string, CustomerProfile>;

  constructor(profiles: readonly CustomerProfile[]) {
    this.byId = new Map(profiles.map((p) => [p.id, p]));
  }

  async get(who: CustomerKey): Promise<CustomerProfile | undefined> {
    if (!this.up) throw new CustomerProfilesUnavailableError('simulated CRM outage');
    return this.byId.get(who.id);
  }

  /** The profile the simulation gave `userId`, whether or not the CRM is up (the audit's view). */
  profileOf(userId: string): CustomerProfile | undefined {
    return this.byId.get(userId);
  }

  /** Records that the customer now holds `product`. */
  addProduct(userId: string, product: string): void {
    const profile = this.byId.get(userId);
    if (profile && !profile.products.includes(product)) this.byId.set(userId, { ...profile, products: [...profile.products, product] });
  }
}

/** `count` customer ids starting with `prefix` that are (or are not) in the catalogue's holdout group. */
export function customerIds(settings: Pick<OfferSettings, 'holdoutShare' | 'holdoutSalt'>, prefix: string, count: number, heldOut: boolean): string[] {
  const ids: string[] = [];
  for (let n = 0; ids.length < count && n < 1_000_000; n += 1) {
    const id = `${prefix}${n}`;
    if (inHoldout(id, settings.holdoutShare, settings.holdoutSalt) === heldOut) ids.push(id);
  }
  return ids;
}

/** An offer card as the customer saw it. */
export interface SeenCard {
  readonly decisionId: string;
  readonly title: string;
  /** The catalogue offer with that title, if any. */
  readonly offer?: Offer;
}

/** Offer cards among `activities` sent to `conversationId`. */
export function offerCardsIn(activities: readonly Partial<Activity>[], conversationId: string | undefined, catalogue: OfferCatalogue): SeenCard[] {
  const cards: SeenCard[] = [];
  for (const activity of activities) {
    if (conversationId !== undefined && activity.conversation?.id !== conversationId) continue;
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
      const card = attachment.content as { body?: { text?: string; weight?: string }[]; actions?: { data?: { warmline?: string; decisionId?: string } }[] };
      const data = card.actions?.find((a) => a.data?.warmline === 'offer.reply')?.data;
      if (!data) continue;
      const title = card.body?.find((b) => b.weight === 'Bolder')?.text ?? '';
      const offer = catalogue.offers.find((o) => locales.some((l) => o.title[l] === title));
      cards.push({ decisionId: data.decisionId ?? '', title, ...(offer ? { offer } : {}) });
    }
  }
  return cards;
}

/** What the customer reads in an activity: its text, or a hero card's text (Teams shows buttons on a hero card). */
export function visibleText(activity: Partial<Activity>): string {
  const hero = (activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.hero').map((a) => (a.content as { text?: string }).text ?? '');
  return [activity.text ?? '', ...hero].filter((t) => t).join('\n');
}

/** What went wrong in one turn. `bypass`: a gate condition did not hold and an offer was shown anyway. */
export interface AuditFinding {
  readonly kind: 'bypass' | 'missed-offer' | 'unexpected-reply' | 'error-reply' | 'silent-failure';
  readonly message: string;
}

/** One customer message as the audit sees it: who, where, when, and what they meant. */
export interface AuditTurn {
  readonly userId: string;
  readonly channelId: string;
  readonly conversationId: string;
  readonly now: Date;
  /** Whether the CRM answered during this turn. */
  readonly crmUp: boolean;
  readonly message: SimMessage;
}

/** A card the customer was shown, and what they did with it (as far as the bot was told). */
interface CardFact {
  readonly decisionId: string;
  readonly offer: Offer;
  readonly conversationId: string;
  readonly channelId: string;
  readonly at: number;
  answer?: 'accepted' | 'declined' | 'opted-out' | 'ignored';
  answeredAt?: number;
}

/** What the audit knows of one conversation. */
interface ConversationFacts {
  readonly userId: string;
  /** The bot's latest question, as seen in its replies. */
  prompt: 'none' | 'resolution' | 'csat' | 'other';
  /** Topic of the latest question the bot answered and asked about, when the simulation knows it. */
  topic?: SimTopic;
  /** The customer's last message answered "did that solve it?" with a yes, and nothing has gone to the dialogs since. */
  confirmed: boolean;
  openCard?: string;
  readonly cards: CardFact[];
  /** Every customer text, oldest first. */
  readonly texts: string[];
  complained: boolean;
}

/** What the audit knows of one customer across conversations and channels. */
interface CustomerFacts {
  objection?: { at: number; channelId: string };
  optedOutEver: boolean;
  readonly cards: CardFact[];
}

/** What the audit worked out before a turn, to compare with what happens. */
export interface AuditPlan {
  readonly turn: AuditTurn;
  /** The resolution check is waiting for a rating and this message gives one: the post-resolution hook runs. */
  readonly hookRuns: boolean;
  /** Where the engine keeps this customer's decisions (read before and after the turn to see one was made). */
  readonly decisionKey: string;
  /** Why an offer may not be shown in this turn (empty: it may). */
  readonly closed: readonly string[];
  /** Offers that fit (empty when the gate is closed), and whether the audit is sure one must be shown. */
  readonly fitting: readonly Offer[];
  readonly mustOffer: boolean;
  /** Replies the message must get (any one of them, in either language), when the audit knows. */
  readonly expectReply?: readonly string[];
  /** The card the message answers and how, when it is recorded. */
  readonly answers?: { readonly card: CardFact; readonly answer: NonNullable<CardFact['answer']> };
}

/** Counts the audit keeps, for the benchmark's table. */
export interface AuditCounts {
  turns: number;
  /** Turns where the audit was sure an offer had to be shown. */
  offersRequired: number;
  cardsShown: number;
  accepted: number;
  declined: number;
  optedOut: number;
  ignored: number;
  optOutsTyped: number;
  optIns: number;
  findings: Record<AuditFinding['kind'], number>;
}

/** The independent model of the contact policy; see the file header. */
export class OfferAudit {
  private readonly conversations = new Map<string, ConversationFacts>();
  private readonly customers = new Map<string, CustomerFacts>();
  private readonly shownByOffer = new Map<string, number>();
  readonly counts: AuditCounts = {
    turns: 0,
    offersRequired: 0,
    cardsShown: 0,
    accepted: 0,
    declined: 0,
    optedOut: 0,
    ignored: 0,
    optOutsTyped: 0,
    optIns: 0,
    findings: { bypass: 0, 'missed-offer': 0, 'unexpected-reply': 0, 'error-reply': 0, 'silent-failure': 0 },
  };

  /** `profileOf`: who each user id is in the simulation (independent of whether the CRM answers); `start`: day 0 of findings. */
  constructor(
    private readonly catalogue: OfferCatalogue,
    private readonly profileOf: (userId: string) => CustomerProfile | undefined,
    private readonly start: Date,
  ) {}

  /** Whole days from the start to `at`, as findings and transcripts name them. */
  dayOf(at: number): number {
    return Math.floor((at - this.start.getTime()) / dayMs);
  }

  /** Works out what must and must not happen in a turn, before it is sent. */
  plan(turn: AuditTurn): AuditPlan {
    const conversation = this.conversation(turn);
    const customer = this.customer(turn.userId);
    const profile = this.profileOf(turn.userId);
    const intent = turn.message.intent;
    const now = turn.now.getTime();
    const decisionKey = profile && turn.crmUp ? `customer:${profile.id}` : `user:${turn.channelId}:${turn.userId}`;
    const offerReply = this.offerReply(turn, conversation, customer);
    const reachesDialogs = !offerReply;
    const ratingGiven = intent.kind === 'rating' || intent.kind === 'skip';
    const hookRuns = reachesDialogs && conversation.confirmed && conversation.prompt === 'csat' && ratingGiven;

    const closed: string[] = [];
    // P5: only right after a confirmed resolution, and only in answer to the rating (or to a yes/no or
    // "never mind", which the bot may read as skipping it; never to a question).
    const mayRate = ratingGiven || intent.kind === 'yes' || intent.kind === 'no' || intent.kind === 'never-mind';
    if (!(reachesDialogs && conversation.confirmed && conversation.prompt === 'csat' && mayRate)) {
      closed.push(`the customer's last resolution answer in this conversation was not a yes followed by this rating (${describePrompt(conversation)}, message "${turn.message.text || intent.kind}")`);
    }
    if (conversation.cards.length > 0) {
      const declined = conversation.cards.some((c) => c.answer === 'declined');
      closed.push(`${declined ? 'the customer declined an offer' : 'an offer was already shown'} in this conversation (${conversation.cards.map((c) => c.offer.id).join(', ')})`);
    }
    if (!profile) closed.push('unknown customer');
    else {
      if (profile.marketingConsent !== true) closed.push('no marketing consent');
      if (inHoldout(profile.id, this.catalogue.settings.holdoutShare, this.catalogue.settings.holdoutSalt)) closed.push('customer is in the holdout group');
    }
    if (!turn.crmUp) closed.push('the CRM is down (profile unavailable)');
    if (!this.catalogue.settings.channels.includes(turn.channelId)) closed.push(`channel ${turn.channelId} cannot show the card`);
    if (customer.objection) closed.push(`"don't show me offers" stands since day ${this.dayOf(customer.objection.at)} (given on ${customer.objection.channelId})`);
    const cap = this.catalogue.settings.customerCap;
    const recent = customer.cards.filter((c) => c.at >= now - cap.days * dayMs);
    if (recent.length >= cap.count) closed.push(`per-customer cap: ${recent.map((c) => `${c.offer.id} on day ${this.dayOf(c.at)}`).join(', ')} within ${cap.days} days`);
    const window = [...conversation.texts, ...(turn.message.text ? [turn.message.text] : [])].slice(-this.catalogue.settings.recentTurns);
    if (window.some((t) => surelyNegative.has(intentOfText(t)))) closed.push(`an angry message among the last ${this.catalogue.settings.recentTurns} messages`);

    const fitting = closed.length === 0 && profile ? this.catalogue.offers.filter((o) => this.unfit(o, profile, conversation.topic, now, customer) === undefined) : [];
    const certain =
      hookRuns &&
      closed.length === 0 &&
      conversation.topic !== undefined &&
      !customer.optedOutEver &&
      !conversation.complained &&
      ![...conversation.texts, turn.message.text].some((t) => maybeNegative.has(t));
    return {
      turn,
      hookRuns,
      decisionKey,
      closed,
      fitting,
      mustOffer: certain && fitting.length > 0,
      ...(offerReply?.expect ? { expectReply: offerReply.expect } : {}),
      ...(offerReply?.answers ? { answers: offerReply.answers } : {}),
    };
  }

  /**
   * Compares what the bot sent in the turn with the plan, updates what the audit knows, and returns
   * every finding. `decided`: whether the engine recorded a new decision for this conversation.
   */
  record(plan: AuditPlan, activities: readonly Partial<Activity>[], decided: boolean): AuditFinding[] {
    const { turn } = plan;
    const findings: AuditFinding[] = [];
    const conversation = this.conversation(turn);
    const customer = this.customer(turn.userId);
    const intent = turn.message.intent;
    const now = turn.now.getTime();
    this.counts.turns += 1;
    const mine = activities.filter((a) => a.type === 'message' && a.conversation?.id === turn.conversationId);
    const texts = mine.map(visibleText);
    const all = texts.join('\n');

    // No turn fails, and no failure is hidden.
    if (locales.some((l) => texts.includes(botResponses[l].turnError)) || activities.some((a) => a.type === 'trace' && a.name === 'OnTurnError Trace')) {
      findings.push({ kind: 'error-reply', message: 'the turn failed: the customer got the error apology' });
    }
    if (locales.some((l) => texts.includes(offerResponses[l].notSaved))) findings.push({ kind: 'error-reply', message: 'an offer reply could not be saved' });
    if (plan.hookRuns && !decided) findings.push({ kind: 'silent-failure', message: 'the resolution was confirmed and rated, but no offer decision was recorded (did the decision fail?)' });

    // A message about offers: the reply, and what it changed.
    const intercepted = plan.expectReply !== undefined;
    if (plan.expectReply && !plan.expectReply.some((e) => all.includes(e))) {
      findings.push({ kind: 'unexpected-reply', message: `expected "${plan.expectReply[0]}" but the bot said ${JSON.stringify(texts)}` });
    }
    if (plan.answers) this.answer(plan.answers.card, plan.answers.answer, now);
    if (intent.kind === 'opt-out' || (intent.kind === 'button' && intent.answer === 'opt-out')) {
      customer.objection ??= { at: now, channelId: turn.channelId };
      customer.optedOutEver = true;
      if (intent.kind === 'opt-out') this.counts.optOutsTyped += 1;
    }
    if (intent.kind === 'opt-in') {
      delete customer.objection;
      this.counts.optIns += 1;
    }
    if (intercepted) {
      // Answering the open offer (or "don't show me offers") closes it; a button of an older card does not.
      if (intent.kind !== 'opt-in' && (intent.kind !== 'button' || intent.decisionId === conversation.openCard)) delete conversation.openCard;
    } else if (intent.kind !== 'person' && conversation.openCard) {
      // The customer moved on: the open offer is closed as ignored (a request for a person leaves it open).
      const open = conversation.cards.find((c) => c.decisionId === conversation.openCard);
      if (open && open.answer === undefined && this.profileOf(turn.userId)) this.answer(open, 'ignored', now);
      delete conversation.openCard;
    }

    // Offer cards: where, how many, and whether each was allowed.
    const elsewhere = offerCardsIn(activities, undefined, this.catalogue).length - offerCardsIn(activities, turn.conversationId, this.catalogue).length;
    if (elsewhere > 0) findings.push({ kind: 'bypass', message: `${elsewhere} offer card(s) sent to another conversation` });
    const cards = offerCardsIn(mine, turn.conversationId, this.catalogue);
    const profile = this.profileOf(turn.userId);
    for (const [index, card] of cards.entries()) {
      if (!card.offer) {
        findings.push({ kind: 'bypass', message: `an offer card titled "${card.title}" that is not in the catalogue` });
        continue;
      }
      const reasons = [...plan.closed];
      if (index > 0) reasons.push('another card was shown in this turn');
      const unfit = profile ? this.unfit(card.offer, profile, conversation.topic, now, customer) : undefined;
      if (unfit) reasons.push(`${card.offer.id} does not fit: ${unfit}`);
      if (reasons.length > 0) findings.push({ kind: 'bypass', message: `offer ${card.offer.id} shown although ${reasons.join('; ')}` });
      const fact: CardFact = { decisionId: card.decisionId, offer: card.offer, conversationId: turn.conversationId, channelId: turn.channelId, at: now };
      conversation.cards.push(fact);
      customer.cards.push(fact);
      conversation.openCard = card.decisionId;
      this.shownByOffer.set(card.offer.id, (this.shownByOffer.get(card.offer.id) ?? 0) + 1);
      this.counts.cardsShown += 1;
    }
    if (plan.mustOffer) this.counts.offersRequired += 1;
    if (plan.mustOffer && cards.length === 0) {
      findings.push({ kind: 'missed-offer', message: `no offer, although every gate condition held and ${plan.fitting.map((o) => o.id).join(', ')} fit(s)` });
    }

    // What the conversation now waits for.
    if (turn.message.text) conversation.texts.push(turn.message.text);
    if (intent.kind === 'complaint') conversation.complained = true;
    if (!intercepted) {
      const askedResolution = locales.some((l) => all.includes(resolutionResponses[l].askAfterAnswer));
      const askedCsat = locales.some((l) => all.includes(resolutionResponses[l].askCsat));
      conversation.confirmed = intent.kind === 'yes' && conversation.prompt === 'resolution' && askedCsat;
      if (askedResolution && intent.kind === 'question' && intent.topic) conversation.topic = intent.topic;
      else if (askedResolution) delete conversation.topic;
      conversation.prompt = askedResolution ? 'resolution' : askedCsat ? 'csat' : 'other';
    }
    for (const f of findings) this.counts.findings[f.kind] += 1;
    return findings;
  }

  private answer(card: CardFact, answer: NonNullable<CardFact['answer']>, now: number): void {
    card.answer = answer;
    card.answeredAt = now;
    const key = ({ accepted: 'accepted', declined: 'declined', 'opted-out': 'optedOut', ignored: 'ignored' } as const)[answer];
    this.counts[key] += 1;
  }

  /** Everything the audit knows about a customer's offers, for a readable counterexample. */
  describeCustomer(userId: string): string {
    const customer = this.customer(userId);
    const cards = customer.cards.map((c) => `${c.offer.id} day ${this.dayOf(c.at)}${c.answer ? ` ${c.answer}` : ''}`).join(', ');
    return `cards: [${cards}]${customer.objection ? `, opted out on day ${this.dayOf(customer.objection.at)}` : ''}`;
  }

  /**
   * Is the message about offers (a button, "don't show me offers", "show me offers", or a yes or no
   * while an offer is open)? Then the offer logic answers it, with the reply and the answer recorded.
   */
  private offerReply(turn: AuditTurn, conversation: ConversationFacts, customer: CustomerFacts): { expect: string[]; answers?: AuditPlan['answers'] } | undefined {
    const intent = turn.message.intent;
    const profile = this.profileOf(turn.userId);
    // The customer's first answer to a card counts, whatever the bot's sources are doing at the time
    // (a CRM outage must not turn a "no thanks" into "that offer is no longer open").
    const recordable = (card: CardFact | undefined): card is CardFact => card !== undefined && card.answer === undefined && profile !== undefined;
    const inBoth = (pick: (l: SupportedLocale) => string): string[] => locales.map(pick);
    const open = conversation.cards.find((c) => c.decisionId === conversation.openCard);
    if (intent.kind === 'button') {
      const card = customer.cards.find((c) => c.decisionId === intent.decisionId);
      if (intent.answer === 'opt-out') return { expect: inBoth((l) => offerResponses[l].optedOut), ...(recordable(card) ? { answers: { card, answer: 'opted-out' } } : {}) };
      if (!recordable(card)) return { expect: inBoth((l) => offerResponses[l].stale) };
      return intent.answer === 'accept'
        ? { expect: inBoth((l) => offerResponses[l].accepted(card.offer.title[l])), answers: { card, answer: 'accepted' } }
        : { expect: inBoth((l) => offerResponses[l].declined), answers: { card, answer: 'declined' } };
    }
    if (intent.kind === 'opt-out') return { expect: inBoth((l) => offerResponses[l].optedOut), ...(recordable(open) ? { answers: { card: open, answer: 'opted-out' } } : {}) };
    if (intent.kind === 'opt-in') return { expect: [...inBoth((l) => offerResponses[l].optedIn), ...inBoth((l) => offerResponses[l].notOptedOut)] };
    if (open && (intent.kind === 'yes' || intent.kind === 'no')) {
      if (!recordable(open)) return { expect: inBoth((l) => offerResponses[l].stale) };
      return intent.kind === 'yes'
        ? { expect: inBoth((l) => offerResponses[l].accepted(open.offer.title[l])), answers: { card: open, answer: 'accepted' } }
        : { expect: inBoth((l) => offerResponses[l].declined), answers: { card: open, answer: 'declined' } };
    }
    return undefined;
  }

  /** Why `offer` does not fit this customer now, or undefined when it does. */
  private unfit(offer: Offer, profile: CustomerProfile, topic: SimTopic | undefined, now: number, customer: CustomerFacts): string | undefined {
    const today = new Date(now).toISOString().slice(0, 10);
    if (offer.validFrom && today < offer.validFrom) return `not valid before ${offer.validFrom}`;
    if (offer.validUntil && today > offer.validUntil) return `not valid after ${offer.validUntil}`;
    const e = offer.eligibility;
    if (e.tiers && !(profile.tier !== undefined && e.tiers.includes(profile.tier))) return `tier ${profile.tier ?? '(none)'} not in ${e.tiers.join('/')}`;
    if (e.segments && !e.segments.some((s) => profile.segments.includes(s))) return `segments [${profile.segments.join(', ')}] not in ${e.segments.join('/')}`;
    if (e.locales && !(profile.locale !== undefined && e.locales.includes(profile.locale))) return `locale ${profile.locale ?? '(none)'}`;
    if (e.minTenureMonths !== undefined && (profile.tenureMonths ?? 0) < e.minTenureMonths) return `tenure ${profile.tenureMonths ?? 0} < ${e.minTenureMonths} months`;
    if (e.minSpend !== undefined && (profile.spend ?? 0) < e.minSpend) return `spend ${profile.spend ?? 0} < ${e.minSpend}`;
    const held = [offer.product, ...offer.applicability.notHolding].filter((p) => profile.products.includes(p));
    if (held.length > 0) return `already holds ${held.join(', ')}`;
    const needs = offer.applicability.requiresHolding;
    if (needs && !needs.some((p) => profile.products.includes(p))) return `needs ${needs.join(' or ')}`;
    const harm = [...offer.suitability.excludeTags.filter((t) => profile.tags.includes(t)), ...offer.suitability.excludeSegments.filter((s) => profile.segments.includes(s))];
    if (harm.length > 0) return `unsuitable for ${harm.join(', ')}`;
    if (topic !== undefined) {
      const weight = offer.topics[topic] ?? 0;
      if (weight <= 0 || weight < this.catalogue.settings.relevanceFloor) return `not relevant to ${topic} (weight ${weight})`;
    }
    const cooldown = this.catalogue.settings.declineCooldownDays;
    const said = customer.cards.find((c) => c.offer.group === offer.group && (c.answer === 'declined' || c.answer === 'opted-out') && (c.answeredAt ?? c.at) >= now - cooldown * dayMs);
    if (said) return `group ${offer.group} ${said.answer} on day ${this.dayOf(said.answeredAt ?? said.at)} (cooldown ${cooldown} days)`;
    const perCustomer = offer.caps.perCustomerDays;
    if (perCustomer !== undefined && customer.cards.some((c) => c.offer.id === offer.id && c.at >= now - perCustomer * dayMs)) return `shown within ${perCustomer} days`;
    const total = offer.caps.totalImpressions;
    if (total !== undefined && (this.shownByOffer.get(offer.id) ?? 0) >= total) return `budget of ${total} impressions spent`;
    return undefined;
  }

  private conversation(turn: AuditTurn): ConversationFacts {
    let facts = this.conversations.get(turn.conversationId);
    if (!facts) {
      facts = { userId: turn.userId, prompt: 'none', confirmed: false, cards: [], texts: [], complained: false };
      this.conversations.set(turn.conversationId, facts);
    }
    return facts;
  }

  private customer(userId: string): CustomerFacts {
    const id = this.profileOf(userId)?.id ?? userId;
    let facts = this.customers.get(id);
    if (!facts) {
      facts = { optedOutEver: false, cards: [] };
      this.customers.set(id, facts);
    }
    return facts;
  }
}

function describePrompt(c: ConversationFacts): string {
  return `the bot last asked ${{ none: 'nothing', resolution: '"did that solve it?"', csat: 'for a rating', other: 'something else' }[c.prompt]}${c.confirmed ? ' after a yes' : ''}`;
}

/** The intent of a text from {@link simPhrases}, for the sentiment window. */
function intentOfText(text: string): SimIntent['kind'] {
  return text === simPhrases.angry.en || text === simPhrases.angry.zh ? 'angry' : 'other';
}

/** Options of {@link OfferSimulation}. */
export interface OfferSimulationOptions {
  readonly catalogue: OfferCatalogue;
  readonly crm: SimulatedCrm;
  readonly start: Date;
  readonly faq?: FaqService;
  /** Seeded random source for the engine's choice. */
  readonly random?: () => number;
  readonly acceptances?: AcceptanceSink;
  /** Simulated seconds between two messages (default 1); 0 freezes the clock between `advance` calls. */
  readonly secondsBetweenMessages?: number;
}

/** One turn of the simulation as it happened, for a readable transcript. */
export interface SimStep {
  readonly line: string;
  /** What the customer read in the reply (texts, and hero cards' texts). */
  readonly texts: readonly string[];
  readonly findings: readonly AuditFinding[];
  readonly cards: readonly SeenCard[];
}

/**
 * The whole bot over one storage, a clock the simulation moves, the simulated CRM and the audit.
 * `restart()` builds a new bot over the same storage, as a redeploy does.
 */
export class OfferSimulation {
  readonly storage = new MemoryStorage();
  readonly audit: OfferAudit;
  readonly transcript: string[] = [];
  private nowMs: number;
  private harness: BotHarness;
  private turns = 0;

  constructor(private readonly options: OfferSimulationOptions) {
    this.nowMs = options.start.getTime();
    this.audit = new OfferAudit(options.catalogue, (id) => options.crm.profileOf(id), options.start);
    this.harness = this.build();
  }

  /** The running bot. */
  get bot(): BotHarness {
    return this.harness;
  }

  /** The simulated time. */
  now(): Date {
    return new Date(this.nowMs);
  }

  /** Whole days since the start. */
  day(): number {
    return this.audit.dayOf(this.nowMs);
  }

  /** Moves the clock on. */
  advance(days: number): void {
    this.nowMs += days * dayMs;
    this.transcript.push(`   … ${days} day(s) pass (now day ${this.day()})`);
  }

  /** A new bot over the same storage. */
  restart(): void {
    this.harness = this.build();
    this.transcript.push('   … the bot restarts over the same storage');
  }

  /** Notes something in the transcript (a switch of customer or channel, a CRM outage). */
  note(text: string): void {
    this.transcript.push(`   … ${text}`);
  }

  /** Sends one customer message, audits the turn, and returns what happened. A second passes after each message. */
  async send(party: Party & { readonly channelId: string }, message: SimMessage): Promise<SimStep> {
    try {
      return await this.sendNow(party, message);
    } finally {
      this.nowMs += (this.options.secondsBetweenMessages ?? 1) * secondMs;
    }
  }

  private async sendNow(party: Party & { readonly channelId: string }, message: SimMessage): Promise<SimStep> {
    const turn: AuditTurn = { userId: party.userId, channelId: party.channelId, conversationId: party.conversationId, now: this.now(), crmUp: this.options.crm.up, message };
    const plan = this.audit.plan(turn);
    const before = plan.hookRuns ? (await this.harness.offerStore.decisions(plan.decisionKey))[0]?.id : undefined;
    const sent = await this.harness.say(party, message.text, message.value);
    const latest = plan.hookRuns ? (await this.harness.offerStore.decisions(plan.decisionKey))[0] : undefined;
    const decided = latest !== undefined && latest.id !== before && latest.conversationId === party.conversationId;
    const findings = this.audit.record(plan, sent.activities, decided);
    const cards = offerCardsIn(sent.activities, party.conversationId, this.options.catalogue);
    const shown = message.intent.kind === 'button' ? `[presses ${message.intent.answer} on ${message.intent.decisionId.slice(0, 8)}]` : JSON.stringify(message.text);
    const texts = sent
      .to(party.conversationId)
      .filter((a) => a.type === 'message')
      .map(visibleText)
      .filter((t) => t);
    const replies = texts.map((t) => JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}…` : t));
    const cardText = cards.map((c) => `OFFER CARD ${c.offer?.id ?? c.title} [${c.decisionId.slice(0, 8)}]`);
    this.turns += 1;
    const line = `#${this.turns} day ${this.day()} ${party.userId} on ${party.channelId} in ${party.conversationId}${this.options.crm.up ? '' : ' (CRM down)'}: ${shown} → ${[...replies, ...cardText].join(' + ') || '(nothing)'}`;
    this.transcript.push(findings.length > 0 ? `${line}\n      !! ${findings.map((f) => `${f.kind}: ${f.message}`).join('\n      !! ')}` : line);
    return { line, texts, findings, cards };
  }

  private build(): BotHarness {
    const h = botHarness({
      knowledge: 'content',
      offers: this.options.catalogue,
      profiles: this.options.crm,
      storage: this.storage,
      now: () => new Date(this.nowMs),
      ...(this.options.faq ? { faq: this.options.faq } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.acceptances ? { acceptances: this.options.acceptances } : {}),
    });
    h.adapter.enableTrace = true;
    return h;
  }
}
