/**
 * The whole bot (dialogs, handoff desk, proactive messaging) over a TestAdapter, with customers and
 * agents in separate conversations of the same adapter. Proactive messages run through the real
 * ProactiveMessenger; replies are collected per conversation.
 */
import path from 'node:path';
import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import type { Activity, Attachment, ConversationReference } from 'botbuilder';
import { createWarmlineBot } from '../../index';
import type { WarmlineBot } from '../../bots/warmlineBot';
import { ProactiveMessenger } from '../../adapters/handoff/proactiveMessenger';
import { TranscriptMiddleware } from '../../adapters/transcriptMiddleware';
import { installTurnErrorHandler } from '../../adapters/botAdapter';
import { ActiveLearning } from '../../knowledge/activeLearning';
import { openFaqService } from '../../knowledge/openFaqService';
import type { FaqService } from '../../knowledge/faqService';
import { loadRouting } from '../../handoff/routingLoader';
import { findAgent, loadAgentRoster } from '../../handoff/agentRosterLoader';
import { handoffStatusEventName } from '../../bots/warmlineBot';
import { setTurnOrigin } from '../../bots/turnOrigin';
import { loadCustomerProfiles } from '../../customers/yamlCustomerProfiles';
import type { HandoffDesk } from '../../handoff/handoffDesk';
import type { ResolutionLog } from '../../handoff/resolutionLog';
import type { RoutingConfig } from '../../handoff/routing';
import { MemoryTranscriptStore } from '../../storage/memoryTranscriptStore';
import { silentLogger } from '../../logger';
import { fixtureFaqService } from './faqFixture';
import { loadOfferCatalogue } from '../../offers/offerCatalogueLoader';
import type { OfferCatalogue } from '../../offers/offerCatalogue';
import type { AcceptanceSink, OfferEngine } from '../../offers/offerEngine';
import type { OfferStore } from '../../offers/offerStore';
import { seededRandom } from '../../offers/propensity';
import type { CustomerProfiles } from '../../customers/customerProfiles';
import type { FlowSet } from '../../flows/flowDefinition';
import { parseFlowSet } from '../../flows/topicLoader';
import { isFlowFile, readContentFolder } from '../../publishing/contentFolder';
import { flowValidation } from '../../app/flowContent';
import type { AnalyticsRecorder } from '../../analytics/analyticsRecorder';

let contentFaq: FaqService | undefined;
/** The shipped store knowledge, built once per test run (building it takes a while; it is never changed). */
export function sharedContentFaq(): FaqService {
  contentFaq ??= openFaqService(path.join(contentDir, 'knowledge'));
  return contentFaq;
}

/** The shipped catalogue, with the TestAdapter's `test` channel allowed (tests talk on 'directline' by default). */
export function shippedOffers(): OfferCatalogue {
  const catalogue = loadOfferCatalogue(path.join(contentDir, 'offers.yaml'));
  return { ...catalogue, settings: { ...catalogue.settings, channels: [...catalogue.settings.channels, 'test'] } };
}

/** The shipped sample routing, roster and customers (tests pin the clock, so office hours are predictable). */
export const contentDir = path.resolve(__dirname, '..', '..', 'content');
/** Monday 23 November 2026, 10:00 in London: every queue is open. */
export const mondayMorning = new Date('2026-11-23T10:00:00Z');
/** Saturday 28 November 2026, 10:00 in London: the specialists are closed. */
export const saturdayMorning = new Date('2026-11-28T10:00:00Z');

/** A TestAdapter that can also continue a conversation, as CloudAdapter does. */
class HarnessAdapter extends TestAdapter {
  /** Conversations whose channel is down: proactive messages to them fail. */
  readonly unreachable = new Set<string>();

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (reference.conversation?.id && this.unreachable.has(reference.conversation.id)) throw new Error('connector unreachable');
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }
}

/** Who is talking. */
export interface Party {
  readonly userId: string;
  readonly conversationId: string;
  readonly channelId?: string;
  readonly locale?: string;
  readonly name?: string;
}

/** Options of {@link botHarness}. */
export interface HarnessOptions {
  readonly now?: () => Date;
  readonly hub?: 'builtin' | 'external';
  readonly routing?: RoutingConfig;
  /** `content`: the shipped store knowledge (with its escalating entries); default the small test fixture. */
  readonly knowledge?: 'fixture' | 'content';
  /** An FAQ service already built (e.g. shared by many harnesses); wins over `knowledge`. */
  readonly faq?: FaqService;
  /** Offers: a catalogue, or `content` for the shipped one (the harness's `test` channel added); default none. */
  readonly offers?: OfferCatalogue | 'content';
  /** Storage to start from, e.g. the previous harness's, to act out a restart. */
  readonly storage?: MemoryStorage;
  /** Customer profiles instead of the shipped sample file. */
  readonly profiles?: CustomerProfiles;
  readonly acceptances?: AcceptanceSink;
  /** Random source for choosing offers (default: seeded, so runs repeat). */
  readonly random?: () => number;
  /**
   * Dialog flows: `content` (default) the shipped topics, so every transcript runs through the
   * default topics as the bundled bot does; `none` the bot's built-in steps; or a set of one's own
   * (a function to change it while the bot runs, as a publish does).
   */
  readonly flows?: 'content' | 'none' | FlowSet | (() => FlowSet | undefined);
  /** Earlier flows versions by id (what the store gives a restarted server). */
  readonly flowVersion?: (version: string) => Promise<FlowSet | undefined>;
  /** Where analytics events go (default: nowhere). */
  readonly analytics?: AnalyticsRecorder;
}

const shippedFlowSets = new Map<RoutingConfig, FlowSet>();
/** The shipped topics, validated as the server does (with the routing's phrases for a person and cancel). */
export function shippedFlows(routing: RoutingConfig): FlowSet {
  let set = shippedFlowSets.get(routing);
  if (!set) {
    set = parseFlowSet(readContentFolder(path.join(contentDir, 'flows'), isFlowFile), flowValidation(routing));
    shippedFlowSets.set(routing, set);
  }
  return set;
}

/** A running bot with its desk, and ways to talk to it as customers and agents. */
export interface BotHarness {
  readonly bot: WarmlineBot;
  readonly desk: HandoffDesk;
  readonly resolutions: ResolutionLog;
  readonly offers?: OfferEngine;
  readonly offerStore: OfferStore;
  readonly storage: MemoryStorage;
  readonly transcripts: MemoryTranscriptStore;
  readonly adapter: HarnessAdapter;
  /** Sends a message (or a card/button value) and returns every activity sent during the turn, by conversation id. */
  say(party: Party, text: string, value?: unknown): Promise<Sent>;
  /** Sends an event as the party (e.g. the page's join event; a customer's own `handoff.status`, which must be ignored). */
  event(party: Party, name: string, value: unknown): Promise<Sent>;
  /** Sends an invoke (e.g. Teams' `adaptiveCard/action`) as the party; the answer is among the activities, of type `invokeResponse`. */
  invoke(party: Party, name: string, value: unknown): Promise<Sent>;
  /** Sends any other activity (e.g. `endOfConversation`) from `party`. */
  send(party: Party, extra: Partial<Activity>): Promise<Sent>;
  /** Sends `handoff.status` into a customer's conversation as the external hub's authenticated identity. */
  hubEvent(party: Party, value: unknown): Promise<Sent>;
  /** Runs the desk's periodic sweep and delivers its effects. */
  sweep(): Promise<Sent>;
}

/** Activities sent during a step, grouped by conversation. */
export class Sent {
  constructor(readonly activities: Partial<Activity>[]) {}

  /** Everything sent to one conversation. */
  to(conversationId: string): Partial<Activity>[] {
    return this.activities.filter((a) => a.conversation?.id === conversationId);
  }

  /** Texts sent to one conversation (card-only messages give ''; invoke answers are not messages). */
  texts(conversationId: string): string[] {
    return this.to(conversationId).filter((a) => a.type !== 'invokeResponse').map((a) => a.text ?? '');
  }

  /** The answer to an invoke in one conversation (`{ status, body }`), if one was given. */
  invokeResponse(conversationId: string): { status: number; body?: { statusCode: number; type: string; value: unknown } } | undefined {
    return this.to(conversationId).find((a) => a.type === 'invokeResponse')?.value as { status: number; body?: { statusCode: number; type: string; value: unknown } } | undefined;
  }

  /** Adaptive Cards sent to one conversation. */
  cards(conversationId: string): Record<string, unknown>[] {
    return this.to(conversationId).flatMap((a) => (a.attachments ?? []).filter((x: Attachment) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content as Record<string, unknown>));
  }

  /** One conversation's texts and card JSON joined, for "contains" assertions. */
  all(conversationId: string): string {
    return this.to(conversationId)
      .map((a) => `${a.text ?? ''} ${JSON.stringify(a.attachments ?? [])} ${JSON.stringify(a.suggestedActions ?? '')}`)
      .join('\n');
  }
}

/** Builds the bot on memory storage with the shipped routing and the fixture knowledge. */
export function botHarness(options: HarnessOptions = {}): BotHarness {
  const storage = options.storage ?? new MemoryStorage();
  const transcripts = new MemoryTranscriptStore();
  const logger = silentLogger();
  const routing = options.routing ?? loadRouting(path.join(contentDir, 'routing.yaml'));
  const roster = loadAgentRoster(path.join(contentDir, 'agents.yaml'), routing.queues.map((q) => q.id));
  const profiles = options.profiles ?? loadCustomerProfiles(path.join(contentDir, 'customers.yaml'), { tiers: routing.tiers.map((t) => t.id) });
  const offers = options.offers === 'content' ? shippedOffers() : options.offers;
  const chosenFlows = options.flows ?? 'content';
  const flows = chosenFlows === 'none' ? undefined : chosenFlows === 'content' ? (() => { const set = shippedFlows(routing); return () => set; })() : typeof chosenFlows === 'function' ? chosenFlows : () => chosenFlows;
  const holder: { bot?: WarmlineBot } = {};
  const adapter = new HarnessAdapter(async (context) => {
    await holder.bot?.run(context);
  });
  // Stands in for the messages route: roster user ids are proven agents here (like local development),
  // and only hubEvent() speaks as the hub.
  let asHub = false;
  adapter.use({
    async onTurn(context, next) {
      if (context.activity.name !== 'continueConversation') setTurnOrigin(context, { ...(context.activity.from ? { agent: findAgent(roster, context.activity.from) } : {}), fromHub: asHub });
      await next();
    },
  });
  adapter.use(new TranscriptMiddleware(transcripts, logger, options.now));
  const messenger = new ProactiveMessenger((reference, logic) => adapter.continueConversation(reference, logic), logger);
  const built = createWarmlineBot({
    storage,
    transcripts,
    faq: options.faq ?? (options.knowledge === 'content' ? sharedContentFaq() : fixtureFaqService()),
    learning: new ActiveLearning(storage),
    routing,
    roster,
    profiles,
    sink: messenger,
    hub: options.hub ?? 'builtin',
    maxMessageChars: 2000,
    logger,
    now: options.now,
    ...(offers ? { offers: () => offers, random: options.random ?? seededRandom(7) } : {}),
    ...(options.acceptances ? { acceptances: options.acceptances } : {}),
    ...(flows ? { flows } : {}),
    ...(options.flowVersion ? { flowVersion: options.flowVersion } : {}),
    ...(options.analytics ? { analytics: options.analytics } : {}),
  });
  holder.bot = built.bot;
  installTurnErrorHandler(adapter, built.bot, logger);

  const collect = async (work: () => Promise<unknown>): Promise<Sent> => {
    adapter.activeQueue.splice(0);
    await work();
    return new Sent(adapter.activeQueue.splice(0));
  };
  const activity = (party: Party, extra: Partial<Activity>): Partial<Activity> => ({
    channelId: party.channelId ?? 'directline',
    serviceUrl: 'https://test.invalid/',
    conversation: { id: party.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: party.userId, name: party.name ?? party.userId },
    recipient: { id: 'warmline-bot', name: 'Warmline' },
    ...(party.locale ? { locale: party.locale } : {}),
    ...extra,
  });
  return {
    bot: built.bot,
    desk: built.desk,
    resolutions: built.resolutions,
    ...(built.offers ? { offers: built.offers } : {}),
    offerStore: built.offerStore,
    storage,
    transcripts,
    adapter,
    say: (party, text, value) => collect(() => adapter.processActivity(activity(party, { type: 'message', text, ...(value !== undefined ? { value } : {}) }))),
    event: (party, name, value) => collect(() => adapter.processActivity(activity(party, { type: 'event', name, value }))),
    invoke: (party, name, value) => collect(() => adapter.processActivity(activity(party, { type: 'invoke', name, value }))),
    send: (party, extra) => collect(() => adapter.processActivity(activity(party, extra))),
    hubEvent: (party, value) =>
      collect(async () => {
        asHub = true;
        try {
          await adapter.processActivity(activity(party, { type: 'event', name: handoffStatusEventName, value }));
        } finally {
          asHub = false;
        }
      }),
    sweep: () => collect(async () => messenger.deliver(await built.desk.sweep())),
  };
}
