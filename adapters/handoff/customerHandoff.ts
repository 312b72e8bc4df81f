/**
 * The customer's side of a handoff on a Bot Framework channel: asks the desk (or an external
 * contact-centre hub) for a person with a summary of the conversation, tells the customer where they
 * stand, handles what they write while a person is on the way or with them, and reads the hub's
 * `handoff.status` events. Knows TurnContext and conversation references; decisions stay in `handoff/`.
 */
import { ActivityTypes, EventFactory, TurnContext } from 'botbuilder';
import type { Activity, Transcript } from 'botbuilder';
import type { Logger } from 'pino';
import type { CustomerProfiles } from '../../customers/customerProfiles';
import { profileOrNothing } from '../../customers/customerLookup';
import { readHubStatus } from '../../handoff/externalHubStatus';
import type { MainDialogOptions } from '../../dialogs/mainDialog';
import type { LeftContact, PersonRequest, PersonRequester, PersonRequestResult } from '../../dialogs/personRequester';
import type { ConversationSession } from '../../dialogs/turnState';
import { summaryText } from '../../handoff/agentCards';
import type { ConversationAddress } from '../../handoff/conversationAddress';
import type { DeskEffect, EffectSink } from '../../handoff/deskEffect';
import type { EscalationPolicy } from '../../handoff/escalation';
import type { HandoffCustomer, HandoffDesk } from '../../handoff/handoffDesk';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import { waitingStates } from '../../handoff/handoffRecord';
import { HandoffStoreError, handoffStoreErrorCodes } from '../../handoff/handoffStoreErrors';
import { CustomerFollow } from '../../handoff/customerFollow';
import type { SummaryInput } from '../../handoff/handoffSummary';
import { customerHandoffResponses, followResponses } from '../../handoff/responses';
import type { SupportedLocale } from '../../locale/locale';
import { defaultLocale } from '../../locale/locale';
import type { TranscriptArchive } from '../../storage/transcriptArchive';
import { maskForAgents } from '../../privacy/sensitiveData';

/** Which contact centre takes conversations: Warmline's own queue or an external hub. */
export type HubMode = 'builtin' | 'external';

/**
 * Channels where a user id is whatever the client (or the token endpoint) claims, not an identity the
 * channel proved: the same id asking again from another conversation is not enough to move a handoff
 * there, since anyone could take over someone's agent that way. A new chat of the bundled page names
 * the conversation it replaces instead (`webchat/join` with `continues`).
 */
const channelsWithClaimedUserIds = new Set(['directline', 'webchat', 'emulator']);

/** Channels that reject handoff events; the built-in queue serves them even in external mode. */
const channelsWithoutHandoffEvents = new Set(['msteams']);

/** What {@link CustomerHandoff} needs. */
export interface CustomerHandoffDeps {
  readonly desk: HandoffDesk;
  readonly sink: EffectSink;
  readonly session: ConversationSession;
  readonly profiles: CustomerProfiles;
  readonly policy: EscalationPolicy;
  readonly hub: HubMode;
  readonly archive: TranscriptArchive;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** The customer side of handoffs. */
export class CustomerHandoff implements PersonRequester {
  private readonly log: Logger;
  private readonly now: () => Date;
  /** Moves a handoff with its customer and tells the agent when they leave or come back. */
  readonly follow: CustomerFollow;

  constructor(private readonly deps: CustomerHandoffDeps) {
    for (const key of ['desk', 'sink', 'session', 'profiles', 'policy', 'archive', 'logger'] as const) {
      if (!deps[key]) throw new TypeError(`CustomerHandoff: missing dependency "${key}"`);
    }
    this.log = deps.logger.child({ area: 'handoff-customer' });
    this.now = deps.now ?? (() => new Date());
    this.follow = new CustomerFollow(deps.desk);
  }

  /** The customer's open handoff, if any. */
  openFor(context: TurnContext): Promise<HandoffRecord | undefined> {
    return this.deps.desk.openFor(context.activity.conversation.id);
  }

  /** The customer is typing: their agent sees it, if a person has the conversation. */
  async customerTyping(context: TurnContext): Promise<void> {
    const record = await this.openFor(context);
    if (record) await this.deps.desk.customerTyping(record);
  }

  async request(context: TurnContext, request: PersonRequest): Promise<PersonRequestResult> {
    const { desk } = this.deps;
    const customer = await this.customer(context);
    // A second request while one is open (two quick messages) is told where it stands.
    const existing = await this.openFor(context);
    if (existing) return this.alreadyOpen(context, existing, customer.locale);
    // The same customer asking from another conversation (a new chat, another tab) keeps their handoff.
    if (await this.followHere(context)) return { kind: 'connected' };
    const queue = request.queue ? desk.queue(request.queue) : desk.queueFor(request.topic, request.reason);
    const input = await this.summaryInput(context, customer, request);
    const external = this.deps.hub === 'external' && !channelsWithoutHandoffEvents.has(context.activity.channelId);
    if (this.deps.hub === 'external' && !external) {
      this.log.info({ channel: context.activity.channelId }, 'external hub mode: this channel rejects handoff events, so the built-in queue serves it');
    }
    if (external) {
      const enqueued = await this.enqueueOnce(context, customer.locale, () => desk.enqueue(customer, queue, request.reason, request.detail, input, 'external'));
      if (!enqueued) return { kind: 'connected' };
      await this.initiateExternal(context, enqueued.record);
      await context.sendActivity(customerHandoffResponses[customer.locale].hubRequested);
      return { kind: 'connected' };
    }
    const availability = await desk.availability(queue);
    if (!availability.open) {
      this.log.info({ queue: queue.id, why: availability.why, reason: request.reason }, 'nobody can take the conversation now');
      return {
        kind: 'unavailable',
        why: availability.why,
        queueId: queue.id,
        queueName: queue.names[customer.locale],
        timeZone: queue.hours.timeZone,
        ...(availability.nextOpening ? { nextOpening: availability.nextOpening.toISOString() } : {}),
      };
    }
    const enqueued = await this.enqueueOnce(context, customer.locale, () => desk.enqueue(customer, queue, request.reason, request.detail, input));
    if (!enqueued) return { kind: 'connected' };
    const { place, effects } = enqueued;
    await context.sendActivity(customerHandoffResponses[customer.locale].connecting(queue.names[customer.locale], place.position, place.minutes));
    await this.deps.sink.deliver(effects);
    return { kind: 'connected' };
  }

  /** Runs an enqueue; when another turn opened a handoff for this conversation first, says where it stands instead. */
  private async enqueueOnce<T>(context: TurnContext, locale: SupportedLocale, enqueue: () => Promise<T>): Promise<T | undefined> {
    try {
      return await enqueue();
    } catch (err) {
      if (!(err instanceof HandoffStoreError) || err.code !== handoffStoreErrorCodes.alreadyOpen) throw err;
      const existing = await this.openFor(context);
      if (existing) await this.alreadyOpen(context, existing, locale);
      // The customer's handoff was opened from another conversation in the meantime.
      else await this.followHere(context);
      return undefined;
    }
  }

  /**
   * Links this conversation to the customer's open handoff in another one (same channel and user id):
   * the handoff moves here, the agent is told, the customer hears who is with them or where they
   * stand. `continues` is the conversation this one replaces, as the page said: without it, on a
   * channel whose user ids are only claimed, the customer is asked to carry on in the other chat and
   * nothing moves. Returns false when the customer has no other open handoff (so the caller goes on).
   */
  async followHere(context: TurnContext, continues?: string): Promise<boolean> {
    const activity = context.activity;
    const record = await this.follow.openOf(activity.channelId, activity.from.id);
    if (!record || record.customer.address.conversation.id === activity.conversation.id) return false;
    if (continues !== undefined && record.customer.address.conversation.id !== continues) return false;
    if (continues === undefined && channelsWithClaimedUserIds.has(activity.channelId)) {
      const locale = (await this.deps.session.conversation(context)).locale ?? record.customer.locale;
      await context.sendActivity(followResponses[locale].openElsewhere);
      return true;
    }
    if (record.hub === 'external') {
      await context.sendActivity(customerHandoffResponses[record.customer.locale].hubRequested);
      return true;
    }
    const outcome = await this.follow.follow(record, addressOf(activity));
    if (!outcome) return false;
    if (outcome.reply) await context.sendActivity(outcome.reply);
    await this.deps.sink.deliver(outcome.effects);
    return true;
  }

  /** The customer ended the conversation (`endOfConversation`): their agent sees they left. */
  async customerLeft(context: TurnContext): Promise<void> {
    await this.deps.sink.deliver(await this.follow.presence(context.activity.conversation.id, false, 'conversation-ended'));
  }

  private async alreadyOpen(context: TurnContext, record: HandoffRecord, locale: SupportedLocale): Promise<PersonRequestResult> {
    const reply = record.hub === 'external' ? customerHandoffResponses[locale].hubRequested : await this.deps.desk.reassure(record);
    if (reply) await context.sendActivity(reply);
    return { kind: 'connected' };
  }

  async leaveContact(context: TurnContext, request: PersonRequest & { readonly queueId: string }, left: LeftContact): Promise<void> {
    const customer = await this.customer(context);
    const input = await this.summaryInput(context, customer, request);
    const summary = await this.deps.desk.summarize(input);
    await this.deps.desk.leaveTicket({
      kind: left.kind,
      queueId: request.queueId,
      reason: request.reason,
      customer: { userId: customer.userId, ...(customer.name ? { name: customer.name } : {}), locale: customer.locale, channelId: customer.channelId, address: customer.address },
      summary,
      ...(left.kind === 'message' ? { message: maskForAgents(left.text) } : { callbackAt: left.at, phone: left.phone }),
    });
  }

  async knownPhone(context: TurnContext): Promise<string | undefined> {
    return (await profileOrNothing(this.deps.profiles, context.activity.from, (err) => this.log.warn({ err }, 'customer profile unavailable: carrying on without it')))?.phone;
  }

  /** The customer's priority tier from their profile. */
  async tierOf(context: TurnContext): Promise<string | undefined> {
    return (await profileOrNothing(this.deps.profiles, context.activity.from, (err) => this.log.warn({ err }, 'customer profile unavailable: carrying on without it')))?.tier;
  }

  /**
   * A message from a customer whose handoff is open: "never mind" leaves the queue, asking again
   * tells them where they stand, anything else is kept for the agent or passed to them.
   */
  async whileOpen(context: TurnContext, open: HandoffRecord, text: string, locale: SupportedLocale): Promise<void> {
    const { desk, policy, sink } = this.deps;
    if (!text) return; // A stale button press: nothing to pass on.
    // Writing again after leaving (a channel that does not say when a page reopens) is coming back.
    if (open.customerPresence?.present === false) await sink.deliver(await this.follow.presence(open.customer.address.conversation.id, true));
    // Replies and later notices follow the language the customer writes in now (P13).
    const record = await desk.followCustomerLocale(open, locale);
    const waiting = waitingStates.has(record.state);
    if (waiting && policy.isCancelRequest(text, locale)) {
      const result = await desk.cancel(record);
      if (result.reply) await context.sendActivity(result.reply);
      await sink.deliver(result.effects);
      return;
    }
    if (record.hub === 'external') {
      // The hub's agent has (or will have) the conversation; the bot only answers a repeated request.
      if (waiting && policy.isAgentRequest(text, locale)) await context.sendActivity(customerHandoffResponses[locale].hubRequested);
      return;
    }
    if (waiting && policy.isAgentRequest(text, locale)) {
      const reply = await desk.reassure(record);
      if (reply) await context.sendActivity(reply);
      return;
    }
    const result = await desk.customerMessage(record, text, context.activity.id);
    const failed = await sink.deliver(result.effects);
    if (failed > 0) {
      // Kept on the record and shown to the agent on their next turn.
      await desk.keepUndelivered(record, text);
      await context.sendActivity(customerHandoffResponses[locale].relayDelayed);
      return;
    }
    if (result.reply) await context.sendActivity(result.reply);
  }

  /**
   * Reads an external hub's `handoff.status` event. Returns how the main dialog should continue
   * (the hub could not take it, or its agent finished), or undefined.
   */
  async hubStatus(context: TurnContext, locale: SupportedLocale): Promise<MainDialogOptions | undefined> {
    const status = readHubStatus(context.activity.value);
    const record = await this.openFor(context);
    if (!status || !record || record.hub !== 'external') {
      this.log.warn({ conversationId: context.activity.conversation.id, valid: status !== undefined, open: record !== undefined }, 'ignored a handoff.status event');
      return undefined;
    }
    const outcome = await this.deps.desk.hubStatus(record, status);
    switch (outcome.kind) {
      case 'joined':
        // Warm: the customer hears that a person has joined and has their details (P3).
        await context.sendActivity(customerHandoffResponses[locale].hubAccepted(outcome.agentName));
        return undefined;
      case 'failed': {
        const queue = this.deps.desk.queue(record.queueId);
        return { mode: 'no-person', locale, why: 'hub-failed', reason: record.reason, queueId: queue.id, queueName: queue.names[locale], timeZone: queue.hours.timeZone };
      }
      case 'ended': {
        const agentName = outcome.agentName ?? customerHandoffResponses[locale].genericAgentName;
        return { mode: 'after-agent', locale, agentName, handoffId: record.id, ...(record.summary.topic ? { topic: record.summary.topic } : {}) };
      }
      case 'stale':
        return undefined;
    }
  }

  /** How the main dialog continues when the desk hands a customer's conversation back. */
  async resumeOptions(effect: Extract<DeskEffect, { kind: 'resume-customer' }>, locale: SupportedLocale): Promise<MainDialogOptions | undefined> {
    if (effect.why === 'agent-ended') {
      const agentName = effect.agentName ?? customerHandoffResponses[locale].genericAgentName;
      return { mode: 'after-agent', locale, agentName, handoffId: effect.handoffId, ...(effect.topic ? { topic: effect.topic } : {}) };
    }
    const record = await this.deps.desk.handoff(effect.handoffId);
    if (!record) return undefined;
    const queue = this.deps.desk.queue(record.queueId);
    return { mode: 'no-person', locale, why: effect.why === 'timeout' ? 'timeout' : 'hub-failed', reason: record.reason, queueId: queue.id, queueName: queue.names[locale], timeZone: queue.hours.timeZone };
  }

  private async customer(context: TurnContext): Promise<HandoffCustomer> {
    const activity = context.activity;
    const conversation = await this.deps.session.conversation(context);
    const profile = await profileOrNothing(this.deps.profiles, activity.from, (err) => this.log.warn({ err }, 'customer profile unavailable: carrying on without it'));
    const locale = conversation.locale ?? defaultLocale;
    const name = profile?.name ?? (activity.from.name && activity.from.name !== activity.from.id ? activity.from.name : undefined);
    return {
      userId: activity.from.id,
      ...(name ? { name } : {}),
      locale,
      channelId: activity.channelId,
      address: addressOf(activity),
      ...(profile?.tier ? { tier: profile.tier } : {}),
    };
  }

  private async summaryInput(context: TurnContext, customer: HandoffCustomer, request: PersonRequest): Promise<SummaryInput> {
    const conversation = await this.deps.session.conversation(context);
    const now = this.now().toISOString();
    return {
      customer: { id: customer.userId, ...(customer.name ? { name: customer.name } : {}), ...(customer.tier ? { tier: customer.tier } : {}), locale: customer.locale, channelId: customer.channelId },
      reason: request.reason,
      ...(request.detail ? { reasonDetail: request.detail } : {}),
      journal: conversation.journal ?? [],
      startedAt: conversation.startedAt ?? now,
      now,
      earlierContacts: await this.deps.desk.earlierContacts(customer.userId),
    };
  }

  /** Sends the standard `handoff.initiate` event with the summary as context and the transcript attached. */
  private async initiateExternal(context: TurnContext, record: HandoffRecord): Promise<void> {
    const activities = await this.transcriptOf(context);
    const transcript: Transcript = { activities } as Transcript;
    const handoffContext = {
      handoffId: record.id,
      queue: record.queueId,
      reason: record.reason,
      priority: record.priority,
      summary: record.summary,
      summaryText: summaryText(record.summary, record.customer.locale, record.id),
    };
    const event = EventFactory.createHandoffInitiation(context, handoffContext, transcript);
    await context.sendActivity(event);
  }

  private async transcriptOf(context: TurnContext): Promise<Activity[]> {
    const activities: Activity[] = [];
    let token: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const result = await this.deps.archive.getTranscriptActivities(context.activity.channelId, context.activity.conversation.id, token);
      for (const activity of result.items as Activity[]) {
        if (activity.type !== ActivityTypes.Message) continue;
        // The hub's agent sees what ours would: sensitive values masked (P10).
        activities.push({ ...activity, ...(typeof activity.text === 'string' ? { text: maskForAgents(activity.text) } : {}) });
      }
      token = result.continuationToken || undefined;
      if (!token) break;
    }
    return activities;
  }
}

/** The JSON-safe conversation reference of an incoming activity, with the sender as `user`. */
export function addressOf(activity: Activity): ConversationAddress {
  const reference = TurnContext.getConversationReference(activity);
  const conversation = reference.conversation ?? activity.conversation;
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: {
      id: conversation.id,
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(conversation.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}),
    },
    user: { id: activity.from.id, ...(activity.from.name ? { name: activity.from.name } : {}), ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}) },
    bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

