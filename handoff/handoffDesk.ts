/**
 * The built-in contact centre, customer side: picks the queue, checks opening hours and staffing
 * before a person is promised (P8), queues the customer with their tier's priority (P9), tells them
 * their position and an estimate (and again when it changes), keeps what they write while waiting,
 * and times out honestly. Agents' commands are in `agentDesk.ts`. Plain data in, effects out.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SupportedLocale } from '../locale/locale';
import { maskForAgents } from '../privacy/sensitiveData';
import { summaryCard } from './agentCards';
import { agentCardText } from './agentCardText';
import { isOpen, nextOpening } from './businessHours';
import type { ConversationAddress } from './conversationAddress';
import type { DeskEffect } from './deskEffect';
import { LocalDeskEventBus } from './deskEvents';
import type { DeskEvent, DeskEventBus } from './deskEvents';
import type { EscalationReason } from './escalation';
import type { HandoffRecord, Ticket } from './handoffRecord';
import { capacityOf, handoffsOf, isLive, isReachable, waitingStates } from './handoffRecord';
import type { HandoffRepository } from './handoffRepository';
import type { HandoffSummary, SummaryInput, Summarizer } from './handoffSummary';
import { applyHubStatus } from './externalHubStatus';
import type { HubOutcome, HubStatus } from './externalHubStatus';
import type { ContactHistory } from './contactHistory';
import type { PresenceRepository } from './presenceRepository';
import { customerTag, plainText } from './plainText';
import { compareWaiting } from './queueOrder';
import { agentHandoffResponses, customerHandoffResponses } from './responses';
import type { AgentProfile, AgentRoster, QueueConfig, RoutingConfig } from './routing';
import { defaultAgentCapacity } from './routing';
import { inForce } from './liveConfig';
import type { Live } from './liveConfig';
import type { TicketRepository } from './ticketRepository';
import { estimateWaitMinutes } from './waitEstimator';

/** Minutes without a word from the assigned agent after which their customer goes back to the queue. */
export const agentSilenceMinutes = 30;

/** Reasons that say what kind of help is needed, so their queue wins over the topic's. */
const specialistReasons: ReadonlySet<EscalationReason> = new Set(['complaint', 'cancellation', 'fraud', 'expert']);

/** The customer asking for a person. */
export interface HandoffCustomer {
  readonly userId: string;
  readonly name?: string;
  readonly locale: SupportedLocale;
  readonly channelId: string;
  readonly address: ConversationAddress;
  readonly tier?: string;
}

/** Whether a queue can take a customer now. */
export type Availability =
  | { readonly open: true; readonly agentsAvailable: number; readonly agentsBusy: number }
  | { readonly open: false; readonly why: 'closed' | 'no-agent'; readonly nextOpening?: Date };

/** What the desk needs; checked at construction. */
export interface HandoffDeskDeps {
  readonly handoffs: HandoffRepository;
  readonly tickets: TicketRepository;
  readonly presence: PresenceRepository;
  readonly history: ContactHistory;
  /** The routing in force (a function when an admin may publish another while the bot runs). */
  readonly routing: Live<RoutingConfig>;
  /** The roster in force (a function when an admin may publish another while the bot runs). */
  readonly roster: Live<AgentRoster>;
  readonly summarizer: Summarizer;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Where the desk announces what happens, for the agents' live workspace (one process's bus by default). */
  readonly events?: DeskEventBus;
}

/** A queued customer's place in line. */
export interface Place {
  readonly position: number;
  readonly minutes: number;
}

/** The built-in contact centre's customer side. */
export class HandoffDesk {
  readonly now: () => Date;
  readonly log: Logger;
  /** Where the desk's live events go. */
  readonly events: DeskEventBus;
  /** Queue ids of records that the routing in force no longer has, already warned about. */
  private readonly vanished = new Set<string>();

  constructor(readonly deps: HandoffDeskDeps) {
    for (const key of ['handoffs', 'tickets', 'presence', 'history', 'routing', 'roster', 'summarizer', 'logger'] as const) {
      if (!deps[key]) throw new TypeError(`HandoffDesk: missing dependency "${key}"`);
    }
    this.now = deps.now ?? (() => new Date());
    this.log = deps.logger.child({ area: 'handoff' });
    this.events = deps.events ?? new LocalDeskEventBus();
  }

  /** Announces an event to the live workspace; a bus failure is logged, never thrown into a turn. */
  async announce(...events: DeskEvent[]): Promise<void> {
    for (const event of events) {
      await this.events.publish(event).catch((error: unknown) => this.log.warn({ err: error, type: event.type }, 'a live event could not be announced'));
    }
  }

  /**
   * The queue for a topic and reason. A reason that names the kind of help (complaint, cancellation,
   * fraud, expert advice) wins, so a fraud answer under the payment topic still reaches specialists;
   * otherwise the topic's queue, then the reason's, then the default.
   */
  queueFor(topic: string | undefined, reason: EscalationReason): QueueConfig {
    const routing = this.routing();
    const byReason = Object.hasOwn(routing.reasonQueues, reason) ? routing.reasonQueues[reason] : undefined;
    const byTopic = topic !== undefined && Object.hasOwn(routing.topicQueues, topic) ? routing.topicQueues[topic] : undefined;
    const id = (specialistReasons.has(reason) ? (byReason ?? byTopic) : (byTopic ?? byReason)) ?? routing.defaultQueue;
    return this.queue(id);
  }

  /** The routing in force now. */
  routing(): RoutingConfig {
    return inForce(this.deps.routing);
  }

  /** The roster in force now. */
  roster(): AgentRoster {
    return inForce(this.deps.roster);
  }

  /**
   * A queue by id, falling back to the default queue: a record may outlive a routing edit, and a
   * customer waiting in a queue a newly published routing took away is served as part of the default
   * queue (the record keeps its queue id; a warning says so once per queue).
   */
  queue(id: string): QueueConfig {
    const { queues, defaultQueue } = this.routing();
    const exact = queues.find((q) => q.id === id);
    if (exact) return exact;
    const found = queues.find((q) => q.id === defaultQueue);
    if (!found) throw new Error(`routing has no queue "${id}" and no default queue`);
    if (!this.vanished.has(id)) {
      this.vanished.add(id);
      this.log.warn({ queueId: id, servedAs: found.id }, 'a conversation is in a queue the routing in force does not have; it is served as part of the default queue');
    }
    return found;
  }

  /** A tier's priority; 0 for no tier or an unknown one. */
  priorityOf(tier: string | undefined): number {
    return this.routing().tiers.find((t) => t.id === tier)?.priority ?? 0;
  }

  /** Agents of the roster who serve a queue. */
  agentsFor(queueId: string): AgentProfile[] {
    return this.roster().agents.filter((a) => a.queues.includes(queueId));
  }

  /** An agent by roster id. */
  agent(id: string | undefined): AgentProfile | undefined {
    return id === undefined ? undefined : this.roster().agents.find((a) => a.id === id);
  }

  /** Whether a person can be promised now: the queue is open and an agent serving it is available (P8). */
  async availability(queue: QueueConfig): Promise<Availability> {
    const now = this.now();
    if (!isOpen(queue.hours, now)) return { open: false, why: 'closed', nextOpening: nextOpening(queue.hours, now) };
    const { available, busy } = await this.staffing(queue.id);
    if (available + busy === 0) return { open: false, why: 'no-agent' };
    return { open: true, agentsAvailable: available, agentsBusy: busy };
  }

  /** The open handoff of a customer conversation, if any. */
  openFor(conversationId: string): Promise<HandoffRecord | undefined> {
    return this.deps.handoffs.findOpenByConversation(conversationId);
  }

  /** Earlier contacts of a customer, for the summary. */
  earlierContacts(customerId: string): ReturnType<ContactHistory['list']> {
    return this.deps.history.list(customerId);
  }

  /**
   * Queues a customer for a person: summary made, record stored, agents notified. The caller has
   * checked {@link availability}.
   */
  async enqueue(
    customer: HandoffCustomer,
    queue: QueueConfig,
    reason: EscalationReason,
    detail: string | undefined,
    summaryInput: SummaryInput,
    hub: 'builtin' | 'external' = 'builtin',
  ): Promise<{ record: HandoffRecord; place: Place; effects: DeskEffect[] }> {
    const at = this.now().toISOString();
    const summary = await this.deps.summarizer.summarize(summaryInput);
    const record: HandoffRecord = {
      id: randomUUID(),
      state: 'queued',
      createdAt: at,
      updatedAt: at,
      hub,
      queueId: queue.id,
      priority: this.priorityOf(customer.tier),
      ...(customer.tier !== undefined ? { tier: customer.tier } : {}),
      reason,
      ...(detail !== undefined ? { reasonDetail: detail } : {}),
      customer: { userId: customer.userId, ...(customer.name ? { name: customer.name } : {}), locale: customer.locale, channelId: customer.channelId, address: customer.address },
      summary,
      summaryInput,
      waitingSince: at,
      waitStartedAt: at,
      messagesWhileWaiting: [],
      notes: [],
      events: [{ at, from: 'bot', to: 'queued', by: 'bot', detail: reason }],
    };
    const stored = await this.deps.handoffs.create(record);
    this.log.info({ handoffId: stored.id, queue: queue.id, reason, priority: stored.priority, hub }, 'handoff queued');
    if (hub === 'external') return { record: stored, place: { position: 1, minutes: 1 }, effects: [] };
    const place = (await this.placeOf(stored)) ?? { position: 1, minutes: 1 };
    await this.deps.handoffs.update(stored.id, (r) => {
      r.lastToldPosition = place.position;
    });
    const effects = [...(await this.notifyAgents(stored, undefined)), ...(await this.positionUpdates(queue.id, stored.id))];
    return { record: stored, place, effects };
  }

  /**
   * A message from a customer whose handoff is open: kept while waiting, relayed while assigned (to the
   * agent's chat when that is where they handle it, and to their workspace as a live line).
   * `lineId` is the message's activity id, so the workspace merges it with the transcript.
   */
  async customerMessage(record: HandoffRecord, text: string, lineId?: string): Promise<{ reply?: string; effects: DeskEffect[] }> {
    const masked = maskForAgents(text);
    const words = customerHandoffResponses[record.customer.locale];
    if (record.hub === 'external') return { effects: [] };
    const at = this.now().toISOString();
    const line = { id: lineId ?? randomUUID(), at, from: 'customer' as const, text: masked };
    if (waitingStates.has(record.state)) {
      const updated = await this.deps.handoffs.update(record.id, (r) => {
        r.messagesWhileWaiting.push({ at, text: masked });
      });
      await this.announce({ type: 'message', handoffId: record.id, line }, { type: 'inbox', queueId: record.queueId });
      const place = updated ? await this.placeOf(updated) : undefined;
      return { reply: place ? words.keptForAgent(place.position, place.minutes) : undefined, effects: [] };
    }
    if (record.state === 'assigned' && record.agentId) {
      const presence = await this.deps.presence.get(record.agentId);
      const agent = this.agent(record.agentId);
      const inChat = presence?.handoffId === record.id && presence.address !== undefined;
      if (!agent || (!inChat && !isLive(presence, this.now()))) {
        await this.deps.handoffs.update(record.id, (r) => {
          r.messagesWhileWaiting.push({ at, text: masked });
        });
        return { reply: words.relayDelayed, effects: [] };
      }
      await this.announce({ type: 'message', handoffId: record.id, agentId: agent.id, line });
      if (!inChat || !presence?.address) return { effects: [] };
      const relayed = agentHandoffResponses[agent.locale].customerSays(customerLabel(record), plainText(masked));
      return { effects: [{ kind: 'send', to: presence.address, message: { text: relayed } }] };
    }
    return { effects: [] };
  }

  /** The customer is typing: their agent's workspace shows it. */
  async customerTyping(record: HandoffRecord): Promise<void> {
    if (record.state === 'assigned' && record.agentId) await this.announce({ type: 'typing', handoffId: record.id, agentId: record.agentId, from: 'customer' });
  }

  /** The customer asked for a person again while waiting: where they stand. */
  /** A handoff by id, open or finished. */
  handoff(id: string): Promise<HandoffRecord | undefined> {
    return this.deps.handoffs.get(id);
  }

  /** The context summary for a customer (before a ticket or a handoff). */
  summarize(input: SummaryInput): Promise<HandoffSummary> {
    return this.deps.summarizer.summarize(input);
  }

  /** Replies and notices follow the language the customer writes in now (P13); returns the record as changed. */
  async followCustomerLocale(record: HandoffRecord, locale: SupportedLocale): Promise<HandoffRecord> {
    if (record.customer.locale === locale) return record;
    const changed = await this.deps.handoffs.update(record.id, (r) => {
      (r.customer as { locale: SupportedLocale }).locale = locale;
    });
    return changed ?? record;
  }

  /** Keeps a customer message the agent could not be sent, masked, to show on the agent's next turn. */
  async keepUndelivered(record: HandoffRecord, text: string): Promise<void> {
    await this.deps.handoffs.update(record.id, (r) => {
      (r.undeliveredToAgent ??= []).push({ at: this.now().toISOString(), text: maskForAgents(text) });
    });
  }

  /** Moves an open external handoff as its hub reports (see handoff/externalHubStatus.ts). */
  hubStatus(record: HandoffRecord, status: HubStatus): Promise<HubOutcome> {
    this.log.info({ handoffId: record.id, state: status.state }, 'external hub status');
    return applyHubStatus(this.deps.handoffs, record, status, this.now);
  }

  async reassure(record: HandoffRecord): Promise<string | undefined> {
    const place = await this.placeOf(record);
    return place ? customerHandoffResponses[record.customer.locale].alreadyWaiting(place.position, place.minutes) : undefined;
  }

  /** "Never mind" while waiting: leaves the queue; agents who were offered it are told. */
  async cancel(record: HandoffRecord): Promise<{ reply?: string; effects: DeskEffect[] }> {
    const moved = await this.deps.handoffs.move(record.id, 'cancelled', 'customer', { from: ['queued', 'transferred'] });
    if (!moved.ok) return { effects: [] };
    this.log.info({ handoffId: record.id }, 'handoff cancelled by the customer');
    await this.announce({ type: 'inbox', queueId: record.queueId });
    await this.deps.history.add(record.customer.userId, { at: this.now().toISOString(), ...(record.summary.topic ? { topic: record.summary.topic } : {}), outcome: 'cancelled' });
    const effects = record.hub === 'builtin' ? [...(await this.tellAgents(record, (a) => agentHandoffResponses[a.locale].customerCancelled(customerLabel(record)))), ...(await this.positionUpdates(record.queueId))] : [];
    return { reply: customerHandoffResponses[record.customer.locale].cancelled, effects };
  }

  /** Stores a message or callback request left when no person could take the conversation. */
  async leaveTicket(ticket: Omit<Ticket, 'id' | 'createdAt' | 'status'>): Promise<Ticket> {
    const stored: Ticket = { ...ticket, id: randomUUID(), createdAt: this.now().toISOString(), status: 'open' };
    await this.deps.tickets.create(stored);
    await this.deps.history.add(ticket.customer.userId, {
      at: stored.createdAt,
      ...(ticket.summary.topic ? { topic: ticket.summary.topic } : {}),
      outcome: ticket.kind === 'callback' ? 'callback-booked' : 'message-left',
    });
    this.log.info({ ticketId: stored.id, kind: stored.kind, queue: stored.queueId }, 'ticket left');
    return stored;
  }

  /**
   * Periodic work: customers who waited past their queue's limit are told so and offered a message
   * or a callback (P7, P8); positions that changed are told.
   */
  async sweep(): Promise<DeskEffect[]> {
    const now = this.now();
    const effects: DeskEffect[] = [];
    const touched = new Set<string>();
    for (const record of await this.deps.handoffs.waiting()) {
      const queue = this.queue(record.queueId);
      const waitedMs = now.getTime() - Date.parse(record.waitStartedAt);
      if (waitedMs < queue.maxWaitMinutes * 60_000) continue;
      // An external hub that never answered is treated as unreachable, so the customer is not left waiting on nothing.
      const external = record.hub === 'external';
      const moved = await this.deps.handoffs.move(record.id, 'expired', 'system', { from: ['queued', 'transferred'], detail: external ? 'hub did not answer' : 'timeout' });
      if (!moved.ok) continue;
      this.log.info({ handoffId: record.id, waitedMinutes: Math.round(waitedMs / 60_000), hub: record.hub }, 'handoff expired');
      touched.add(record.queueId);
      await this.announce({ type: 'inbox', queueId: record.queueId });
      effects.push({ kind: 'resume-customer', to: record.customer.address, handoffId: record.id, why: external ? 'hub-failed' : 'timeout' });
      if (!external) effects.push(...(await this.tellAgents(record, (a) => agentHandoffResponses[a.locale].customerWaitedTooLong(customerLabel(record)))));
    }
    effects.push(...(await this.reclaimFromSilentAgents(now)));
    effects.push(...(await this.reclaimFromOfflineAgents(now)));
    for (const queue of this.routing().queues) effects.push(...(await this.positionUpdates(queue.id)));
    return effects;
  }

  /**
   * An agent who has not written to the bot for {@link agentSilenceMinutes} while a customer waits on
   * them in chat has probably been called away (closed the tab without /away). The customer goes back
   * to the front of the queue (their first waiting time is kept) and is told so; the agent is marked away.
   * Workspace conversations are not judged by silence but by the page's connection (below).
   */
  private async reclaimFromSilentAgents(now: Date): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    for (const record of await this.deps.handoffs.open()) {
      if (record.state !== 'assigned' || record.hub !== 'builtin' || !record.agentId) continue;
      const presence = await this.deps.presence.get(record.agentId);
      if (presence?.handoffIds?.includes(record.id)) continue;
      const lastSeen = Math.max(Date.parse(presence?.updatedAt ?? ''), Date.parse(record.assignedAt ?? '')) || 0;
      if (now.getTime() - lastSeen < agentSilenceMinutes * 60_000) continue;
      const agentId = record.agentId;
      const back = await this.backToQueue(record, 'agent silent', now);
      if (!back) continue;
      await this.deps.presence.update(agentId, (p) => { p.status = 'away'; }, () => ({ agentId, status: 'away', updatedAt: now.toISOString() }));
      await this.announce({ type: 'presence', agentId });
      this.log.warn({ handoffId: record.id, agentId }, 'agent silent: customer back in the queue');
      const agent = this.agent(agentId);
      effects.push(back.told);
      if (presence?.address && agent) effects.push({ kind: 'send', to: presence.address, message: { text: agentHandoffResponses[agent.locale].reclaimed(customerLabel(record)) } });
      effects.push(...back.offers);
    }
    return effects;
  }

  /**
   * Agents whose last workspace page closed more than the grace period ago (`liveUntil` passed) are
   * offline: their customers go back to the front of the queue and are told honestly, transfers
   * addressed to them go to their queue, and estimates are told again (sweep).
   */
  private async reclaimFromOfflineAgents(now: Date): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    for (const presence of await this.deps.presence.all()) {
      if (presence.liveUntil === undefined || isLive(presence, now) || presence.status === 'offline') continue;
      const agentId = presence.agentId;
      const gone = await this.deps.presence.update(
        agentId,
        (p) => {
          if (isLive(p, now)) return;
          p.status = 'offline';
          p.updatedAt = now.toISOString();
        },
        () => ({ agentId, status: 'offline', updatedAt: now.toISOString() }),
      );
      if (gone.status !== 'offline') continue;
      this.log.warn({ agentId, conversations: handoffsOf(gone).length }, 'agent offline: no workspace connection within the grace period');
      for (const id of gone.handoffIds ?? []) {
        const record = await this.deps.handoffs.get(id);
        const back = record?.state === 'assigned' && record.agentId === agentId ? await this.backToQueue(record, 'agent offline', now) : undefined;
        if (back) effects.push(back.told, ...back.offers);
        await this.deps.presence.release(agentId, id);
      }
      for (const record of await this.deps.handoffs.waiting()) {
        if (record.targetAgentId !== agentId) continue;
        const freed = await this.deps.handoffs.update(record.id, (r) => {
          if (r.targetAgentId !== agentId) return false;
          delete r.targetAgentId;
        });
        if (freed) effects.push(...(await this.notifyAgents(freed, undefined)));
      }
      await this.announce({ type: 'presence', agentId });
    }
    return effects;
  }

  /**
   * Puts an assigned customer back at the front of the queue: what to tell them, and the offers to
   * agents; undefined when it was no longer assigned.
   */
  private async backToQueue(record: HandoffRecord, detail: string, now: Date): Promise<{ told: DeskEffect; offers: DeskEffect[] } | undefined> {
    const agentId = record.agentId;
    const agentName = record.agentName ?? agentId ?? '';
    const moved = await this.deps.handoffs.move(record.id, 'transferred', 'system', {
      from: ['assigned'],
      detail,
      change: (r) => {
        delete r.agentId;
        delete r.agentName;
        delete r.assignedAt;
        r.waitStartedAt = now.toISOString();
        r.lastToldPosition = undefined;
      },
    });
    if (!moved.ok) return undefined;
    if (agentId) {
      await this.deps.presence.release(agentId, record.id);
      await this.announce({ type: 'session', handoffId: record.id, agentId, change: 'transferred' });
    }
    return {
      told: { kind: 'send', to: record.customer.address, message: { text: customerHandoffResponses[record.customer.locale].agentCalledAway(agentName) } },
      offers: await this.notifyAgents(moved.record, undefined),
    };
  }

  /** Where a waiting record stands, with an estimate from recent handle times. */
  async placeOf(record: HandoffRecord): Promise<Place | undefined> {
    const waiting = await this.waitingIn(record.queueId);
    const index = waiting.findIndex((r) => r.id === record.id);
    if (index < 0) return undefined;
    return this.estimate(record.queueId, index + 1);
  }

  /** Tells every waiting customer of a queue whose position changed (`except` was just told). */
  async positionUpdates(queueId: string, except?: string): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    const waiting = await this.waitingIn(queueId);
    for (const [index, record] of waiting.entries()) {
      const position = index + 1;
      if (record.lastToldPosition === position || record.id === except) continue;
      const place = await this.estimate(queueId, position);
      await this.deps.handoffs.update(record.id, (r) => {
        if (r.lastToldPosition === position) return false;
        r.lastToldPosition = position;
      });
      effects.push({ kind: 'send', to: record.customer.address, message: { text: customerHandoffResponses[record.customer.locale].positionChanged(place.position, place.minutes) } });
    }
    return effects;
  }

  /**
   * Offers a waiting conversation to the agents who may take it: its queue's available agents, or
   * only the named agent of a transfer. Each gets the summary card with Accept (P3).
   */
  async notifyAgents(record: HandoffRecord, only: string | undefined): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    await this.announce({ type: 'inbox', queueId: record.queueId });
    const queue = this.queue(record.queueId);
    const candidates = only ? [this.agent(only)].filter((a): a is AgentProfile => a !== undefined) : this.agentsFor(queue.id);
    for (const agent of candidates) {
      const presence = await this.deps.presence.get(agent.id);
      if (!presence?.address || presence.status !== 'available') continue;
      effects.push({ kind: 'send', to: presence.address, message: this.offerMessage(record, agent) });
    }
    return effects;
  }

  /** The summary card with Accept, in the agent's language. */
  offerMessage(record: HandoffRecord, agent: AgentProfile): { text: string; card: Readonly<Record<string, unknown>> } {
    const queue = this.queue(record.queueId);
    const text = agentHandoffResponses[agent.locale].newRequest(customerLabel(record), queue.names[agent.locale], agentCardText[agent.locale].reasons[record.reason]);
    const card = summaryCard(record.summary, {
      locale: agent.locale,
      handoffId: record.id,
      queueName: queue.names[agent.locale],
      waitingSince: record.waitingSince,
      now: this.now().toISOString(),
      withAccept: true,
      messagesWhileWaiting: record.messagesWhileWaiting,
      notes: record.notes.map((n) => ({ agentName: n.agentName, text: n.text })),
    });
    return { text, card: card as unknown as Readonly<Record<string, unknown>> };
  }

  /** Sends a line to every available agent who was offered a record. */
  async tellAgents(record: HandoffRecord, line: (agent: AgentProfile) => string): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    const candidates = record.targetAgentId ? [this.agent(record.targetAgentId)] : this.agentsFor(record.queueId);
    for (const agent of candidates) {
      if (!agent) continue;
      const presence = await this.deps.presence.get(agent.id);
      if (presence?.address && presence.status === 'available' && !presence.handoffId) effects.push({ kind: 'send', to: presence.address, message: { text: line(agent) } });
    }
    return effects;
  }

  private async waitingIn(queueId: string): Promise<HandoffRecord[]> {
    const waiting = await this.deps.handoffs.waiting(queueId);
    return waiting.filter((r) => r.hub === 'builtin').sort(compareWaiting);
  }

  private async estimate(queueId: string, position: number): Promise<Place> {
    const queue = this.queue(queueId);
    const { available, busy } = await this.staffing(queueId);
    const stats = await this.deps.handoffs.stats(queueId);
    const { minutes } = estimateWaitMinutes({ position, agentsAvailable: available, agentsBusy: busy, handleSeconds: stats.handleSeconds, defaultHandleMinutes: queue.defaultHandleMinutes });
    return { position, minutes };
  }

  /**
   * Agents serving a queue whom the desk can reach: available (a free slot, taking customers) and busy
   * (at capacity, or away with customers still open: the customer waits for them).
   */
  private async staffing(queueId: string): Promise<{ available: number; busy: number }> {
    let available = 0;
    let busy = 0;
    const now = this.now();
    for (const agent of this.agentsFor(queueId)) {
      const presence = await this.deps.presence.get(agent.id);
      if (!isReachable(presence, now)) continue;
      const load = handoffsOf(presence).length;
      if (presence.status === 'available' && load < capacityOf(presence, agent.capacity ?? defaultAgentCapacity, now)) available += 1;
      else if (load > 0) busy += 1;
    }
    return { available, busy };
  }
}

/** How agents see a customer, as plain text in Markdown: “their name” (`their id`), or the id alone. */
export function customerLabel(record: HandoffRecord): string {
  const name = record.customer.name === undefined ? undefined : maskForAgents(record.customer.name);
  return customerTag(name, record.customer.userId);
}
