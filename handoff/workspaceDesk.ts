/**
 * The agent workspace's side of the built-in contact centre: an agent with a live page takes several
 * customers at once up to their capacity, sees the queue, their conversations and the tickets customers
 * left, writes, notes, transfers, consults and wraps up; a supervisor sees every queue and agent,
 * reassigns, joins silently and sets capacities. Plain data in; effects are delivered through the sink
 * and live events announced on the desk's bus. Errors are {@link WorkspaceError}s with a stable code.
 */
import { randomUUID } from 'node:crypto';
import { maskForAgents, maskSensitive } from '../privacy/sensitiveData';
import type { AgentHistory, HandledConversation, WrapUpOutcome } from './agentHistory';
import type { ContactHistory } from './contactHistory';
import type { ConversationLine } from './deskEvents';
import type { DeskEffect, EffectSink } from './deskEffect';
import type { HandoffDesk } from './handoffDesk';
import type { AgentNote, AgentPresence, HandoffRecord, Ticket } from './handoffRecord';
import { capacityOf, handoffsOf, isLive, waitingStates } from './handoffRecord';
import type { HandoffRepository } from './handoffRepository';
import type { EarlierContact, HandoffSummary } from './handoffSummary';
import type { PresenceRepository } from './presenceRepository';
import { compareWaiting } from './queueOrder';
import { customerHandoffResponses } from './responses';
import type { AgentProfile } from './routing';
import { defaultAgentCapacity, maxAgentCapacity } from './routing';
import type { SessionMoves } from './sessionMoves';
import type { TicketRepository } from './ticketRepository';
import type { TranscriptSource } from './transcriptSource';

/** Why the workspace refuses a request. */
export type WorkspaceErrorCode = 'NotFound' | 'AlreadyTaken' | 'AtCapacity' | 'NotYourQueue' | 'NotYours' | 'NotWaiting' | 'TargetUnavailable' | 'UnknownTarget' | 'AlreadyClaimed' | 'Invalid';

/** A refused workspace request, with a code the boundary maps to an HTTP status and a message for the agent. */
export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** What the presence control shows. */
export interface PresenceView {
  readonly status: 'available' | 'busy' | 'away' | 'offline';
  readonly load: number;
  readonly capacity: number;
  readonly connected: boolean;
}

/** A waiting customer in the inbox. */
export interface QueueItem {
  readonly handoffId: string;
  readonly customer: { readonly id: string; readonly name?: string };
  readonly queue: { readonly id: string; readonly name: string };
  readonly position: number;
  readonly waitingSince: string;
  readonly waitingSeconds: number;
  readonly tier?: string;
  readonly priority: number;
  readonly locale: string;
  readonly reason: string;
  readonly summaryLine: string;
  readonly forMe: boolean;
}

/** One of the agent's open conversations (or one a supervisor watches). */
export interface SessionItem {
  readonly handoffId: string;
  readonly customer: { readonly id: string; readonly name?: string };
  readonly queue: { readonly id: string; readonly name: string };
  readonly locale: string;
  readonly state: string;
  readonly agent?: { readonly id: string; readonly name: string };
  readonly assignedAt?: string;
  readonly customerPresent: boolean;
  readonly watching: boolean;
}

/** A ticket as the inbox lists it. */
export interface TicketItem {
  readonly id: string;
  readonly kind: Ticket['kind'];
  readonly createdAt: string;
  readonly queue: { readonly id: string; readonly name: string };
  readonly customer: { readonly id: string; readonly name?: string };
  readonly locale: string;
  readonly summaryLine: string;
  readonly message?: string;
  readonly callbackAt?: string;
  readonly phone?: string;
  readonly status: Ticket['status'];
  readonly claimedBy?: string;
  readonly outcome?: string;
  readonly replies: NonNullable<Ticket['replies']>;
}

/** Everything the conversation view shows. */
export interface ConversationView {
  readonly session: SessionItem;
  readonly summary: HandoffSummary;
  readonly transcript: ConversationLine[];
  readonly messagesWhileWaiting: HandoffRecord['messagesWhileWaiting'];
  readonly notes: AgentNote[];
  readonly earlierContacts: EarlierContact[];
}

/** A queue on the supervisor's overview. */
export interface QueueOverview {
  readonly id: string;
  readonly name: string;
  readonly waiting: number;
  readonly longestWaitSeconds: number;
  readonly maxWaitMinutes: number;
  readonly agentsAvailable: number;
  /** The longest wait is past the queue's limit, or someone waits and nobody can take them. */
  readonly breached: boolean;
}

/** An agent on the supervisor's overview. */
export interface AgentOverview extends PresenceView {
  readonly id: string;
  readonly displayName: string;
  readonly sessions: string[];
}

/** Who is calling: the roster agent, and whether their account is a supervisor's. */
export interface WorkspaceCaller {
  readonly agent: AgentProfile;
  readonly supervisor: boolean;
}

/** What {@link WorkspaceDesk} works with. */
export interface WorkspaceDeskDeps {
  readonly desk: HandoffDesk;
  readonly moves: SessionMoves;
  readonly handoffs: HandoffRepository;
  readonly presence: PresenceRepository;
  readonly tickets: TicketRepository;
  readonly history: ContactHistory;
  readonly agentHistory: AgentHistory;
  readonly transcripts: TranscriptSource;
  /** Carries out the effects (messages to customers and chat agents, the bot taking a conversation back). */
  readonly sink: EffectSink;
  /** Seconds an agent stays connected after their last page closed (`AGENT_GRACE_SECONDS`). */
  readonly graceSeconds: number;
}

/** Lines of transcript the conversation view shows. */
const transcriptLimit = 200;

/** Channels on which the bot may write to a customer's conversation later (a reply to a left message). */
const proactiveChannels = new Set(['webchat', 'directline', 'msteams', 'emulator', 'test']);

/** The workspace's operations. */
export class WorkspaceDesk {
  private readonly desk: HandoffDesk;

  constructor(private readonly deps: WorkspaceDeskDeps) {
    for (const key of ['desk', 'moves', 'handoffs', 'presence', 'tickets', 'history', 'agentHistory', 'transcripts', 'sink'] as const) {
      if (!deps?.[key]) throw new TypeError(`WorkspaceDesk: missing dependency "${key}"`);
    }
    if (!(deps.graceSeconds > 0)) throw new TypeError('WorkspaceDesk: graceSeconds must be positive');
    this.desk = deps.desk;
  }

  // ---- presence ----------------------------------------------------------------------------

  /**
   * A page of the agent is connected (called when it connects and then every few seconds): the agent
   * stays live a grace period ahead; an offline agent comes back available.
   */
  async connected(agent: AgentProfile): Promise<PresenceView> {
    const now = this.desk.now();
    const until = new Date(now.getTime() + this.deps.graceSeconds * 1000).toISOString();
    let changed = false;
    const presence = await this.deps.presence.update(
      agent.id,
      (p) => {
        if (p.status === 'offline' || !isLive(p, now)) changed = true;
        if (p.status === 'offline') p.status = 'available';
        p.liveUntil = until;
        p.updatedAt = now.toISOString();
      },
      () => {
        changed = true;
        return { agentId: agent.id, status: 'available', liveUntil: until, updatedAt: now.toISOString() };
      },
    );
    if (changed) {
      this.desk.log.info({ agentId: agent.id }, 'agent connected to the workspace');
      await this.desk.announce({ type: 'presence', agentId: agent.id }, ...agent.queues.map((queueId) => ({ type: 'inbox' as const, queueId })));
    }
    return this.view(agent, presence);
  }

  /** The agent's presence as the page shows it. */
  async presenceOf(agent: AgentProfile): Promise<PresenceView> {
    return this.view(agent, await this.deps.presence.get(agent.id));
  }

  /** The agent chose available or away. */
  async setStatus(agent: AgentProfile, status: 'available' | 'away'): Promise<PresenceView> {
    const now = this.desk.now().toISOString();
    const presence = await this.deps.presence.update(
      agent.id,
      (p) => {
        p.status = status;
        p.updatedAt = now;
      },
      () => ({ agentId: agent.id, status, updatedAt: now }),
    );
    this.desk.log.info({ agentId: agent.id, status }, 'agent presence');
    await this.desk.announce({ type: 'presence', agentId: agent.id });
    // Someone who became available changes estimates and may take waiting customers.
    await this.deps.sink.deliver(await this.positionUpdates(agent.queues));
    return this.view(agent, presence);
  }

  /** A supervisor sets an agent's capacity (1–{@link maxAgentCapacity}). */
  async setCapacity(agentId: string, capacity: number): Promise<PresenceView> {
    const agent = this.desk.agent(agentId);
    if (!agent) throw new WorkspaceError('NotFound', `There is no agent "${agentId}" in the roster.`);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > maxAgentCapacity) throw new WorkspaceError('Invalid', `Capacity is a whole number from 1 to ${maxAgentCapacity}.`);
    const now = this.desk.now().toISOString();
    const presence = await this.deps.presence.update(
      agentId,
      (p) => {
        p.capacity = capacity;
        p.updatedAt = now;
      },
      () => ({ agentId, status: 'offline', capacity, updatedAt: now }),
    );
    this.desk.log.info({ agentId, capacity }, 'agent capacity set');
    await this.desk.announce({ type: 'presence', agentId });
    return this.view(agent, presence);
  }

  // ---- inbox -------------------------------------------------------------------------------

  /** Waiting customers of the agent's queues, their open conversations, and the tickets of their queues. */
  async inbox(caller: WorkspaceCaller): Promise<{ waiting: QueueItem[]; sessions: SessionItem[]; tickets: TicketItem[] }> {
    const { agent } = caller;
    const now = this.desk.now().getTime();
    const waiting = (await this.deps.handoffs.waiting()).filter((r) => r.hub === 'builtin').sort(compareWaiting);
    const positions = new Map<string, number>();
    const items: QueueItem[] = [];
    for (const r of waiting) {
      const queue = this.desk.queue(r.queueId);
      const position = (positions.get(queue.id) ?? 0) + 1;
      positions.set(queue.id, position);
      const forMe = r.targetAgentId === agent.id;
      if (r.targetAgentId ? !forMe : !agent.queues.includes(queue.id)) continue;
      items.push({
        handoffId: r.id,
        customer: customerOf(r),
        queue: { id: queue.id, name: queue.names[agent.locale] },
        position,
        waitingSince: r.waitingSince,
        waitingSeconds: Math.max(0, Math.floor((now - Date.parse(r.waitingSince)) / 1000)),
        ...(r.tier !== undefined ? { tier: r.tier } : {}),
        priority: r.priority,
        locale: r.customer.locale,
        reason: r.reason,
        summaryLine: maskForAgents(r.summary.issue).slice(0, 140),
        forMe,
      });
    }
    const presence = await this.deps.presence.get(agent.id);
    const sessions: SessionItem[] = [];
    for (const id of [...handoffsOf(presence), ...(presence?.watching ?? [])]) {
      const record = await this.deps.handoffs.get(id);
      if (!record) continue;
      const mine = record.state === 'assigned' && record.agentId === agent.id;
      if (mine || (presence?.watching?.includes(id) && record.state === 'assigned')) sessions.push(this.sessionItem(record, agent, !mine));
    }
    const tickets = (await this.deps.tickets.list())
      .filter((t) => t.status !== 'done' && (agent.queues.includes(this.desk.queue(t.queueId).id) || t.claimedBy === agent.id))
      .sort(ticketOrder)
      .map((t) => this.ticketItem(t, agent));
    return { waiting: items, sessions, tickets };
  }

  // ---- a conversation ----------------------------------------------------------------------

  /** Takes a waiting customer, if the agent has a free slot and serves the queue (first wins). */
  async accept(caller: WorkspaceCaller, handoffId: string): Promise<SessionItem> {
    const { agent } = caller;
    const record = await this.record(handoffId);
    if (record.state === 'assigned') throw record.agentId === agent.id ? new WorkspaceError('AlreadyTaken', 'This conversation is already yours.') : new WorkspaceError('AlreadyTaken', `${record.agentName ?? record.agentId ?? 'Another agent'} took this conversation.`);
    if (!waitingStates.has(record.state) || record.hub !== 'builtin') throw new WorkspaceError('NotWaiting', 'This customer is no longer waiting.');
    if (record.targetAgentId && record.targetAgentId !== agent.id) throw new WorkspaceError('NotYourQueue', 'This transfer is reserved for another agent.');
    if (!record.targetAgentId && !agent.queues.includes(this.desk.queue(record.queueId).id)) throw new WorkspaceError('NotYourQueue', 'You do not serve this queue.');
    const presence = await this.connectedPresence(agent);
    const capacity = capacityOf(presence, agent.capacity ?? defaultAgentCapacity, this.desk.now());
    if (!(await this.deps.presence.claimSlot(agent.id, record.id, capacity))) throw new WorkspaceError('AtCapacity', `You already have ${capacity} conversations; end one first.`);
    const moved = await this.deps.moves.assign(agent, record, 'workspace');
    if (!moved.ok) {
      await this.deps.presence.release(agent.id, record.id);
      const fresh = moved.record;
      throw fresh?.state === 'assigned' ? new WorkspaceError('AlreadyTaken', `${fresh.agentName ?? fresh.agentId ?? 'Another agent'} took this conversation.`) : new WorkspaceError('NotWaiting', 'This customer is no longer waiting.');
    }
    await this.deps.sink.deliver(moved.effects);
    return this.sessionItem(moved.record, agent, false);
  }

  /** The conversation view: the session, summary, transcript (masked), notes and earlier contacts. */
  async conversation(caller: WorkspaceCaller, handoffId: string): Promise<ConversationView> {
    const record = await this.visible(caller, handoffId);
    const raw = await this.deps.transcripts.lines(record.customer.channelId, record.customer.address.conversation.id, record.customer.userId, transcriptLimit);
    const transcript = raw.map(
      (l, i): ConversationLine => ({
        id: l.id ?? `${l.at}#${i}`,
        at: l.at,
        from: l.speaker,
        ...(l.name !== undefined ? { name: l.name } : {}),
        text: maskForAgents(l.speaker === 'agent' ? withoutAgentPrefix(l.text, l.name) : l.text),
      }),
    );
    return {
      session: this.sessionItem(record, caller.agent, record.agentId !== caller.agent.id),
      summary: record.summary,
      transcript,
      messagesWhileWaiting: record.messagesWhileWaiting,
      notes: record.notes,
      earlierContacts: await this.deps.history.list(record.customer.userId),
    };
  }

  /** Sends the agent's message to the customer; resolves the line as the workspace shows it. */
  async send(caller: WorkspaceCaller, handoffId: string, text: string): Promise<ConversationLine> {
    const { agent } = caller;
    const body = requiredText(text, 'message');
    const record = await this.mine(agent, handoffId);
    const line: ConversationLine = { id: randomUUID(), at: this.desk.now().toISOString(), from: 'agent', name: agent.displayName, text: maskSensitive(body).text };
    const said = customerHandoffResponses[record.customer.locale].agentSays(agent.displayName, body);
    const failed = await this.deps.sink.deliver([{ kind: 'send', to: record.customer.address, message: { text: said, byAgent: { id: agent.id, name: agent.displayName, lineId: line.id } } }]);
    if (failed > 0) throw new WorkspaceError('TargetUnavailable', 'The customer’s conversation could not be reached; the message was not delivered. Try again.');
    await this.desk.announce({ type: 'message', handoffId: record.id, agentId: agent.id, line });
    return line;
  }

  /** The agent is typing: the customer sees it. */
  async typing(caller: WorkspaceCaller, handoffId: string): Promise<void> {
    const record = await this.mine(caller.agent, handoffId);
    await this.deps.sink.deliver([{ kind: 'typing', to: record.customer.address }]);
  }

  /** A private note on the conversation (never sent to the customer). */
  async note(caller: WorkspaceCaller, handoffId: string, text: string): Promise<AgentNote> {
    const { agent } = caller;
    const body = requiredText(text, 'note');
    await this.visible(caller, handoffId);
    const note: AgentNote = { at: this.desk.now().toISOString(), agentId: agent.id, agentName: agent.displayName, text: maskSensitive(body).text };
    await this.deps.handoffs.update(handoffId, (r) => {
      r.notes.push(note);
    });
    await this.desk.announce({ type: 'note', handoffId, note: { at: note.at, agentName: note.agentName, text: note.text } });
    return note;
  }

  /** Transfers the conversation to a queue or an agent with a note; the receiving agent sees history, summary and note. */
  async transfer(caller: WorkspaceCaller, handoffId: string, to: { readonly queue?: string; readonly agent?: string }, note: string | undefined): Promise<void> {
    const { agent } = caller;
    const record = await this.mine(agent, handoffId);
    const name = to.queue ?? to.agent;
    const target = name ? this.deps.moves.target(name) : undefined;
    if (!target) throw new WorkspaceError('UnknownTarget', `There is no queue or agent "${name ?? ''}".`);
    const outcome = await this.deps.moves.transfer(agent, record, target, note?.trim() || undefined);
    if (!outcome.ok) {
      if (outcome.why === 'self') throw new WorkspaceError('Invalid', 'You cannot transfer a conversation to yourself.');
      if (outcome.why === 'unavailable') throw new WorkspaceError('TargetUnavailable', `${this.deps.moves.targetName(target, agent.locale)} cannot take a conversation now.`);
      throw new WorkspaceError('NotYours', 'This conversation is no longer yours.');
    }
    await this.deps.sink.deliver(outcome.effects);
  }

  /** Asks the supervisors for help on a conversation (they may join it silently). */
  async consult(caller: WorkspaceCaller, handoffId: string, text: string): Promise<void> {
    const body = requiredText(text, 'question');
    await this.mine(caller.agent, handoffId);
    await this.note(caller, handoffId, body);
    await this.desk.announce({ type: 'consult', handoffId, from: caller.agent.displayName, text: maskSensitive(body).text });
  }

  /** Ends the conversation with a wrap-up; the customer gets the resolution check. */
  async wrapUp(caller: WorkspaceCaller, handoffId: string, outcome: WrapUpOutcome, note: string | undefined): Promise<void> {
    const record = await this.mine(caller.agent, handoffId);
    const effects = await this.deps.moves.end(caller.agent, record, outcome, note?.trim() || undefined);
    if (!effects) throw new WorkspaceError('NotYours', 'This conversation is no longer yours.');
    await this.deps.sink.deliver(effects);
  }

  /** The agent's ended conversations with their wrap-ups and the customers' ratings. */
  history(caller: WorkspaceCaller): Promise<HandledConversation[]> {
    return this.deps.agentHistory.list(caller.agent.id);
  }

  /** The customer answered the resolution check after an agent (and maybe rated): it goes back to that agent's history. */
  async rated(handoffId: string, rating: { readonly resolved: boolean; readonly csat?: number }): Promise<void> {
    const record = await this.deps.handoffs.get(handoffId);
    const agentId = record?.events
      .slice()
      .reverse()
      .find((e) => e.to === 'resolved' && e.by.startsWith('agent:'))
      ?.by.slice('agent:'.length);
    if (!agentId) return;
    if (await this.deps.agentHistory.rate(agentId, handoffId, rating)) await this.desk.announce({ type: 'session', handoffId, agentId, change: 'rated' });
  }

  /** Queues and agents someone can transfer to, with whether they can take a conversation now. */
  async transferTargets(caller: WorkspaceCaller): Promise<{ queues: { id: string; name: string; open: boolean }[]; agents: (PresenceView & { id: string; displayName: string })[] }> {
    const queues = [];
    for (const q of this.desk.routing().queues) queues.push({ id: q.id, name: q.names[caller.agent.locale], open: (await this.desk.availability(q)).open });
    const agents = [];
    for (const a of this.desk.roster().agents) {
      if (a.id === caller.agent.id) continue;
      agents.push({ id: a.id, displayName: a.displayName, ...(await this.presenceOf(a)) });
    }
    return { queues, agents };
  }

  // ---- tickets -----------------------------------------------------------------------------

  /** Takes a ticket on (first wins). */
  async claimTicket(caller: WorkspaceCaller, id: string): Promise<TicketItem> {
    const ticket = await this.ticket(caller, id);
    if (ticket.status === 'done') throw new WorkspaceError('NotWaiting', 'This ticket is closed.');
    const claimed = await this.deps.tickets.update(id, (t) => {
      if (t.status !== 'open') return false;
      t.status = 'claimed';
      t.claimedBy = caller.agent.id;
      return t;
    });
    if (!claimed || claimed.claimedBy !== caller.agent.id) throw new WorkspaceError('AlreadyClaimed', `${this.desk.agent(claimed?.claimedBy)?.displayName ?? claimed?.claimedBy ?? 'Another agent'} has this ticket.`);
    await this.desk.announce({ type: 'inbox', queueId: ticket.queueId });
    return this.ticketItem(claimed, caller.agent);
  }

  /**
   * Answers a ticket: into the customer's conversation when the channel allows the bot to write later,
   * otherwise (or when it cannot be reached) it is marked for a callback.
   */
  async replyTicket(caller: WorkspaceCaller, id: string, text: string): Promise<{ delivered: 'conversation' | 'callback'; ticket: TicketItem }> {
    const body = requiredText(text, 'reply');
    const ticket = await this.claimedByMe(caller, id);
    let delivered: 'conversation' | 'callback' = 'callback';
    if (proactiveChannels.has(ticket.customer.channelId)) {
      const said = customerHandoffResponses[ticket.customer.locale].ticketReply(caller.agent.displayName, body);
      const failed = await this.deps.sink.deliver([{ kind: 'send', to: ticket.customer.address, message: { text: said } }]);
      if (failed === 0) delivered = 'conversation';
    }
    const at = this.desk.now().toISOString();
    const updated = await this.deps.tickets.update(id, (t) => {
      (t.replies ??= []).push({ at, agentId: caller.agent.id, text: maskSensitive(body).text, delivered });
      return t;
    });
    this.desk.log.info({ ticketId: id, agentId: caller.agent.id, delivered }, 'ticket answered');
    await this.desk.announce({ type: 'inbox', queueId: ticket.queueId });
    return { delivered, ticket: this.ticketItem(updated ?? ticket, caller.agent) };
  }

  /** Closes a ticket with an outcome. */
  async closeTicket(caller: WorkspaceCaller, id: string, outcome: WrapUpOutcome, note: string | undefined): Promise<TicketItem> {
    await this.claimedByMe(caller, id);
    const at = this.desk.now().toISOString();
    const closed = await this.deps.tickets.update(id, (t) => {
      if (t.status === 'done') return false;
      t.status = 'done';
      t.outcome = outcome;
      if (note?.trim()) t.outcomeNote = maskSensitive(note.trim()).text;
      t.closedAt = at;
      return t;
    });
    if (!closed) throw new WorkspaceError('NotFound', 'There is no such ticket.');
    this.desk.log.info({ ticketId: id, agentId: caller.agent.id, outcome }, 'ticket closed');
    await this.desk.announce({ type: 'inbox', queueId: closed.queueId });
    return this.ticketItem(closed, caller.agent);
  }

  // ---- supervisors -------------------------------------------------------------------------

  /** Every queue (waiting, longest wait, agents available, breaches) and every agent with their load. */
  async overview(caller: WorkspaceCaller): Promise<{ queues: QueueOverview[]; agents: AgentOverview[] }> {
    this.supervisorOnly(caller);
    const now = this.desk.now().getTime();
    const waiting = (await this.deps.handoffs.waiting()).filter((r) => r.hub === 'builtin');
    const agents: AgentOverview[] = [];
    for (const a of this.desk.roster().agents) {
      const presence = await this.deps.presence.get(a.id);
      agents.push({ id: a.id, displayName: a.displayName, ...this.view(a, presence), sessions: handoffsOf(presence) });
    }
    const queues = this.desk.routing().queues.map((q): QueueOverview => {
      const inQueue = waiting.filter((r) => this.desk.queue(r.queueId).id === q.id);
      const longest = inQueue.reduce((most, r) => Math.max(most, Math.floor((now - Date.parse(r.waitStartedAt)) / 1000)), 0);
      const available = agents.filter((a) => a.status === 'available' && this.desk.agent(a.id)?.queues.includes(q.id)).length;
      return { id: q.id, name: q.names[caller.agent.locale], waiting: inQueue.length, longestWaitSeconds: longest, maxWaitMinutes: q.maxWaitMinutes, agentsAvailable: available, breached: longest > q.maxWaitMinutes * 60 || (inQueue.length > 0 && available === 0) };
    });
    return { queues, agents };
  }

  /** A supervisor moves a conversation (waiting or assigned) to an agent, with its history. */
  async reassign(caller: WorkspaceCaller, handoffId: string, agentId: string): Promise<void> {
    this.supervisorOnly(caller);
    const to = this.desk.agent(agentId);
    if (!to) throw new WorkspaceError('UnknownTarget', `There is no agent "${agentId}".`);
    const record = await this.record(handoffId);
    if (record.state === 'assigned' && record.agentId === to.id) return;
    if (record.state === 'assigned') {
      const from = this.desk.agent(record.agentId);
      if (!from) throw new WorkspaceError('NotFound', 'The conversation’s agent is no longer in the roster.');
      const outcome = await this.deps.moves.transfer(from, record, { agent: to }, undefined);
      if (!outcome.ok) throw new WorkspaceError('TargetUnavailable', `${to.displayName} cannot take a conversation now.`);
      await this.deps.sink.deliver(outcome.effects);
      return;
    }
    if (!waitingStates.has(record.state)) throw new WorkspaceError('NotWaiting', 'This conversation has ended.');
    const updated = await this.deps.handoffs.update(handoffId, (r) => {
      r.targetAgentId = to.id;
    });
    if (updated) await this.deps.sink.deliver(await this.desk.notifyAgents(updated, to.id));
  }

  /** A supervisor joins a conversation silently: they see it live; the customer is not told. */
  async join(caller: WorkspaceCaller, handoffId: string): Promise<SessionItem> {
    this.supervisorOnly(caller);
    const record = await this.record(handoffId);
    if (record.state !== 'assigned') throw new WorkspaceError('NotWaiting', 'Only a conversation with an agent can be joined.');
    const now = this.desk.now().toISOString();
    await this.deps.presence.update(
      caller.agent.id,
      (p) => {
        p.watching = [...new Set([...(p.watching ?? []), handoffId])];
      },
      () => ({ agentId: caller.agent.id, status: 'available', watching: [handoffId], updatedAt: now }),
    );
    this.desk.log.info({ supervisor: caller.agent.id, handoffId }, 'supervisor joined a conversation');
    return this.sessionItem(record, caller.agent, true);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Who may hear an event about a handoff: its agent and the supervisors watching it. */
  async listeners(handoffId: string): Promise<Set<string>> {
    const record = await this.deps.handoffs.get(handoffId);
    const ids = new Set<string>(record?.agentId ? [record.agentId] : []);
    for (const p of await this.deps.presence.all()) if (p.watching?.includes(handoffId)) ids.add(p.agentId);
    return ids;
  }

  private view(agent: AgentProfile, presence: AgentPresence | undefined): PresenceView {
    const now = this.desk.now();
    const connected = isLive(presence, now);
    const capacity = presence?.capacity ?? agent.capacity ?? defaultAgentCapacity;
    const load = handoffsOf(presence).length;
    const reachable = connected || presence?.address !== undefined;
    const status = !presence || presence.status === 'offline' || !reachable ? 'offline' : presence.status === 'away' ? 'away' : load >= capacityOf(presence, capacity, now) ? 'busy' : 'available';
    return { status, load, capacity, connected };
  }

  private async connectedPresence(agent: AgentProfile): Promise<AgentPresence | undefined> {
    const presence = await this.deps.presence.get(agent.id);
    if (isLive(presence, this.desk.now())) return presence;
    await this.connected(agent);
    return this.deps.presence.get(agent.id);
  }

  private sessionItem(record: HandoffRecord, agent: AgentProfile, watching: boolean): SessionItem {
    const queue = this.desk.queue(record.queueId);
    return {
      handoffId: record.id,
      customer: customerOf(record),
      queue: { id: queue.id, name: queue.names[agent.locale] },
      locale: record.customer.locale,
      state: record.state,
      ...(record.agentId ? { agent: { id: record.agentId, name: record.agentName ?? record.agentId } } : {}),
      ...(record.assignedAt ? { assignedAt: record.assignedAt } : {}),
      customerPresent: record.customerPresence?.present !== false,
      watching,
    };
  }

  private ticketItem(t: Ticket, agent: AgentProfile): TicketItem {
    const queue = this.desk.queue(t.queueId);
    return {
      id: t.id,
      kind: t.kind,
      createdAt: t.createdAt,
      queue: { id: queue.id, name: queue.names[agent.locale] },
      customer: { id: t.customer.userId, ...(t.customer.name !== undefined ? { name: maskForAgents(t.customer.name) } : {}) },
      locale: t.customer.locale,
      summaryLine: maskForAgents(t.summary.issue).slice(0, 140),
      ...(t.message !== undefined ? { message: t.message } : {}),
      ...(t.callbackAt !== undefined ? { callbackAt: t.callbackAt } : {}),
      ...(t.phone !== undefined ? { phone: t.phone } : {}),
      status: t.status,
      ...(t.claimedBy !== undefined ? { claimedBy: t.claimedBy } : {}),
      ...(t.outcome !== undefined ? { outcome: t.outcome } : {}),
      replies: t.replies ?? [],
    };
  }

  private async record(handoffId: string): Promise<HandoffRecord> {
    const record = await this.deps.handoffs.get(handoffId);
    if (!record) throw new WorkspaceError('NotFound', 'There is no such conversation.');
    return record;
  }

  /** The record, when it is the agent's open conversation. */
  private async mine(agent: AgentProfile, handoffId: string): Promise<HandoffRecord> {
    const record = await this.record(handoffId);
    if (record.state !== 'assigned' || record.agentId !== agent.id) throw new WorkspaceError('NotYours', 'This conversation is not yours (any more).');
    return record;
  }

  /** The record, when the caller may read it: their own, one waiting in their queues, or (supervisors) any. */
  private async visible(caller: WorkspaceCaller, handoffId: string): Promise<HandoffRecord> {
    const record = await this.record(handoffId);
    if (caller.supervisor || record.agentId === caller.agent.id || record.targetAgentId === caller.agent.id) return record;
    if (waitingStates.has(record.state) && caller.agent.queues.includes(this.desk.queue(record.queueId).id)) return record;
    throw new WorkspaceError('NotYours', 'This conversation is not yours.');
  }

  private async ticket(caller: WorkspaceCaller, id: string): Promise<Ticket> {
    const ticket = await this.deps.tickets.get(id);
    if (!ticket) throw new WorkspaceError('NotFound', 'There is no such ticket.');
    if (!caller.supervisor && !caller.agent.queues.includes(this.desk.queue(ticket.queueId).id) && ticket.claimedBy !== caller.agent.id) throw new WorkspaceError('NotYourQueue', 'This ticket is for a queue you do not serve.');
    return ticket;
  }

  private async claimedByMe(caller: WorkspaceCaller, id: string): Promise<Ticket> {
    const ticket = await this.ticket(caller, id);
    if (ticket.status === 'done') throw new WorkspaceError('NotWaiting', 'This ticket is closed.');
    if (ticket.claimedBy !== caller.agent.id) throw new WorkspaceError(ticket.claimedBy ? 'AlreadyClaimed' : 'Invalid', ticket.claimedBy ? 'Another agent has this ticket.' : 'Claim the ticket first.');
    return ticket;
  }

  private supervisorOnly(caller: WorkspaceCaller): void {
    if (!caller.supervisor) throw new WorkspaceError('NotYours', 'This is for supervisors.');
  }

  private async positionUpdates(queueIds: readonly string[]): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    for (const id of queueIds) effects.push(...(await this.desk.positionUpdates(id)));
    return effects;
  }
}

function customerOf(record: HandoffRecord): { id: string; name?: string } {
  return { id: record.customer.userId, ...(record.customer.name !== undefined ? { name: maskForAgents(record.customer.name) } : {}) };
}

/** Callbacks due first (soonest first), then messages, newest first. */
function ticketOrder(a: Ticket, b: Ticket): number {
  if (a.kind !== b.kind) return a.kind === 'callback' ? -1 : 1;
  if (a.kind === 'callback') return Date.parse(a.callbackAt ?? a.createdAt) - Date.parse(b.callbackAt ?? b.createdAt);
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

function requiredText(text: unknown, what: string): string {
  if (typeof text !== 'string' || text.trim() === '') throw new WorkspaceError('Invalid', `Write the ${what} first.`);
  if (text.length > 4000) throw new WorkspaceError('Invalid', `The ${what} is longer than 4000 characters.`);
  return text.trim();
}

/** An agent's line as the customer got it ("**Ana Souza:** hello") without the name, which the workspace shows apart. */
function withoutAgentPrefix(text: string, name: string | undefined): string {
  if (!name) return text;
  for (const prefix of [`**${name}:** `, `**${name}：** `, `**${name}**：`, `${name}: `]) if (text.startsWith(prefix)) return text.slice(prefix.length);
  return text;
}
