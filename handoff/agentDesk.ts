/**
 * The built-in contact centre, agent side: an agent signs in by talking to the bot on any channel,
 * sees waiting customers' summaries, accepts (first wins), chats through the bot, notes, transfers
 * with a note (warm, P3) and ends, after which the bot asks the customer whether the issue is solved.
 */
import { randomUUID } from 'node:crypto';
import { maskForAgents, maskSensitive } from '../privacy/sensitiveData';
import { agentHelpCard, queueCard, summaryCard } from './agentCards';
import type { AgentCommand, AgentInput } from './agentCommands';
import type { ConversationAddress } from './conversationAddress';
import type { DeskEffect, OutgoingMessage } from './deskEffect';
import type { HandoffDesk } from './handoffDesk';
import { customerLabel } from './handoffDesk';
import type { AgentPresence, HandoffRecord } from './handoffRecord';
import { openStates, waitingStates } from './handoffRecord';
import { plainText } from './plainText';
import { compareWaiting } from './queueOrder';
import { agentHandoffResponses, customerHandoffResponses } from './responses';
import type { AgentProfile, AgentRoster, RoutingConfig } from './routing';
import type { Live } from './liveConfig';
import type { HandoffRepository } from './handoffRepository';
import type { PresenceRepository } from './presenceRepository';
import type { ContactHistory } from './contactHistory';
import type { Summarizer } from './handoffSummary';
import type { TranscriptSource } from './transcriptSource';
import { SessionMoves } from './sessionMoves';

/** What the agent is shown, and what else happens. */
export interface AgentTurn {
  readonly replies: OutgoingMessage[];
  readonly effects: DeskEffect[];
}

/** Lines of transcript shown by `/transcript`. */
const transcriptLines = 40;

/** What the agent desk works with: the customer side's desk, and the records it changes itself. */
export interface AgentDeskDeps {
  /** The customer side: queues, agents, offering waiting customers, the clock and the log. */
  readonly desk: HandoffDesk;
  readonly handoffs: HandoffRepository;
  readonly presence: PresenceRepository;
  readonly history: ContactHistory;
  /** The routing in force (a function when an admin may publish another while the bot runs). */
  readonly routing: Live<RoutingConfig>;
  /** The roster in force (a function when an admin may publish another while the bot runs). */
  readonly roster: Live<AgentRoster>;
  readonly summarizer: Summarizer;
  /** Where `/transcript` reads the conversation so far. */
  readonly transcripts: TranscriptSource;
  /** Transfers and endings shared with the workspace (made from the above when not given). */
  readonly moves?: SessionMoves;
}

/** The agent side of the built-in contact centre. */
export class AgentDesk {
  private readonly desk: HandoffDesk;
  private readonly transcripts: TranscriptSource;
  private readonly moves: SessionMoves;

  constructor(private readonly deps: AgentDeskDeps) {
    for (const key of ['desk', 'handoffs', 'presence', 'history', 'routing', 'roster', 'summarizer', 'transcripts'] as const) {
      if (!deps?.[key]) throw new TypeError(`AgentDesk: missing dependency "${key}"`);
    }
    this.desk = deps.desk;
    this.transcripts = deps.transcripts;
    this.moves = deps.moves ?? new SessionMoves(deps);
  }

  /**
   * An agent is talking to the bot (first message, the page's join event, or installing the app):
   * remembers where to reach them. A first contact marks them available.
   */
  async signIn(agent: AgentProfile, address: ConversationAddress): Promise<{ presence: AgentPresence; first: boolean }> {
    let first = false;
    const presence = await this.deps.presence.update(
      agent.id,
      (p) => {
        p.address = address;
        p.updatedAt = this.desk.now().toISOString();
      },
      () => {
        first = true;
        return { agentId: agent.id, status: 'available', address, updatedAt: this.desk.now().toISOString() };
      },
    );
    if (first) this.desk.log.info({ agentId: agent.id, channel: address.channelId }, 'agent signed in');
    return { presence, first };
  }

  /** A greeting for an agent who just joined. */
  async welcome(agent: AgentProfile, address: ConversationAddress): Promise<AgentTurn> {
    await this.signIn(agent, address);
    const words = agentHandoffResponses[agent.locale];
    const waiting = await this.waitingFor(agent);
    return { replies: [{ text: `${words.welcomeAgent(agent.displayName)} ${words.nowAvailable(waiting.length)}` }], effects: [] };
  }

  /** Handles one message from an agent. */
  async handle(agent: AgentProfile, address: ConversationAddress, input: AgentInput): Promise<AgentTurn> {
    const { presence } = await this.signIn(agent, address);
    const missed = await this.missedMessages(agent, presence);
    const turn = await this.dispatch(agent, presence, input);
    return missed ? { replies: [missed, ...turn.replies], effects: turn.effects } : turn;
  }

  /** Customer messages that could not be relayed to this agent before, once, then cleared. */
  private async missedMessages(agent: AgentProfile, presence: AgentPresence): Promise<OutgoingMessage | undefined> {
    const record = await this.current(presence);
    if (!record?.undeliveredToAgent?.length) return undefined;
    const missed = record.undeliveredToAgent;
    await this.deps.handoffs.update(record.id, (r) => {
      if (!r.undeliveredToAgent?.length) return false;
      r.undeliveredToAgent = [];
    });
    const words = agentHandoffResponses[agent.locale];
    return { text: [words.missed(customerLabel(record)), ...missed.map((m) => `${m.at.slice(11, 16)} ${plainText(m.text)}`)].join('\n\n') };
  }

  private async dispatch(agent: AgentProfile, presence: AgentPresence, input: AgentInput): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    if (input.kind === 'bad-command') {
      if (input.problem === 'unknown') return reply(words.unknownCommand(input.name));
      const usage = words.usage[input.name as keyof typeof words.usage] ?? `/${input.name}`;
      return reply(words.missingArgument(usage));
    }
    if (input.kind === 'text') return this.relay(agent, presence, input.text);
    return this.command(agent, presence, input.command);
  }

  private async command(agent: AgentProfile, presence: AgentPresence, command: AgentCommand): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    switch (command.name) {
      case 'help':
        return { replies: [{ card: agentHelpCard(agent.locale) as unknown as Readonly<Record<string, unknown>> }], effects: [] };
      case 'queue':
        return this.queue(agent);
      case 'accept':
        return this.accept(agent, presence, command.handoffId);
      case 'available':
      case 'away': {
        const status = command.name;
        await this.deps.presence.update(
          agent.id,
          (p) => {
            p.status = status;
            p.updatedAt = this.desk.now().toISOString();
          },
          () => ({ agentId: agent.id, status, updatedAt: this.desk.now().toISOString() }),
        );
        this.desk.log.info({ agentId: agent.id, status }, 'agent presence');
        if (status === 'away') return reply(words.nowAway);
        return reply(words.nowAvailable((await this.waitingFor(agent)).length));
      }
      default: {
        const record = await this.current(presence);
        if (!record) return reply(words.notAssigned);
        if (command.name === 'transcript') return this.transcript(agent, record);
        if (command.name === 'note') {
          await this.deps.handoffs.update(record.id, (r) => {
            r.notes.push({ at: this.desk.now().toISOString(), agentId: agent.id, agentName: agent.displayName, text: maskSensitive(command.text).text });
          });
          return reply(words.noteSaved);
        }
        if (command.name === 'transfer') return this.transfer(agent, record, command.target, command.note);
        return this.end(agent, record);
      }
    }
  }

  /** True when the agent serves the record's queue (the default queue for a queue the routing in force no longer has). */
  private serves(agent: AgentProfile, record: HandoffRecord): boolean {
    return agent.queues.includes(this.desk.queue(record.queueId).id);
  }

  /** Waiting conversations this agent may take, in queue order. */
  private async waitingFor(agent: AgentProfile): Promise<HandoffRecord[]> {
    const all = await this.deps.handoffs.waiting();
    return all
      .filter((r) => r.hub === 'builtin' && (r.targetAgentId ? r.targetAgentId === agent.id : this.serves(agent, r)))
      .sort(compareWaiting);
  }

  private async queue(agent: AgentProfile): Promise<AgentTurn> {
    const waiting = await this.waitingFor(agent);
    const now = this.desk.now().getTime();
    const items = waiting.map((r) => ({
      handoffId: r.id,
      ...(r.customer.name !== undefined ? { customerName: r.customer.name } : {}),
      customerId: r.customer.userId,
      queueName: this.desk.queue(r.queueId).names[agent.locale],
      reason: r.reason,
      waitingMinutes: Math.max(0, Math.floor((now - Date.parse(r.waitingSince)) / 60_000)),
      priority: r.priority,
      ...(r.tier !== undefined ? { tier: r.tier } : {}),
    }));
    return { replies: [{ card: queueCard(items, agent.locale) as unknown as Readonly<Record<string, unknown>> }], effects: [] };
  }

  private async accept(agent: AgentProfile, presence: AgentPresence, id: string | undefined): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    const current = await this.current(presence);
    if (current) return reply(current.id === id || (id !== undefined && current.id.startsWith(id)) ? words.alreadyYours : words.busy(customerLabel(current)));
    let target: HandoffRecord | undefined;
    if (id === undefined) {
      target = (await this.waitingFor(agent))[0];
      if (!target) return reply(words.nobodyWaiting);
    } else {
      const open = await this.deps.handoffs.open();
      const matches = open.filter((r) => r.id === id || r.id.startsWith(id));
      const exact = matches.find((r) => r.id === id);
      if (exact) target = exact;
      else if (matches.length > 1) return reply(words.ambiguous(id));
      else target = matches[0] ?? (await this.deps.handoffs.get(id));
      if (!target) return reply(words.notFound(id));
    }
    if (target.hub !== 'builtin') return reply(words.notWaiting(target.state));
    if (waitingStates.has(target.state)) {
      if (target.targetAgentId && target.targetAgentId !== agent.id) return reply(words.reservedFor(this.desk.agent(target.targetAgentId)?.displayName ?? target.targetAgentId));
      if (!target.targetAgentId && !this.serves(agent, target)) return reply(words.notYourQueue(this.desk.queue(target.queueId).names[agent.locale]));
    }
    const moved = await this.moves.assign(agent, target, 'chat');
    if (!moved.ok) {
      const fresh = moved.record;
      if (fresh?.state === 'assigned') return reply(fresh.agentId === agent.id ? words.alreadyYours : words.takenBy(fresh.agentName ?? fresh.agentId ?? '?'));
      return reply(fresh ? words.notWaiting(fresh.state) : words.notFound(id ?? ''));
    }
    const record = moved.record;
    const claimed = await this.deps.presence.claim(agent.id, record.id);
    if (!claimed) this.desk.log.warn({ agentId: agent.id, handoffId: record.id }, 'agent accepted while their presence showed another conversation');
    const queue = this.desk.queue(record.queueId);
    const card = summaryCard(record.summary, {
      locale: agent.locale,
      handoffId: record.id,
      queueName: queue.names[agent.locale],
      waitingSince: record.waitingSince,
      now: record.assignedAt ?? this.desk.now().toISOString(),
      withAccept: false,
      messagesWhileWaiting: record.messagesWhileWaiting,
      notes: record.notes.map((n) => ({ agentName: n.agentName, text: n.text })),
    });
    return { replies: [{ text: words.accepted(customerLabel(record)), card: card as unknown as Readonly<Record<string, unknown>> }], effects: moved.effects };
  }

  private async relay(agent: AgentProfile, presence: AgentPresence, text: string): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    const record = await this.current(presence);
    if (!record) return reply(words.notAssigned);
    if (!text) return { replies: [], effects: [] }; // A stale card button: nothing to pass on.
    const lineId = randomUUID();
    const line = customerHandoffResponses[record.customer.locale].agentSays(agent.displayName, text);
    await this.desk.announce({ type: 'message', handoffId: record.id, agentId: agent.id, line: { id: lineId, at: this.desk.now().toISOString(), from: 'agent', name: agent.displayName, text: maskSensitive(text).text } });
    return { replies: [], effects: [{ kind: 'send', to: record.customer.address, message: { text: line, byAgent: { id: agent.id, name: agent.displayName, lineId } } }] };
  }

  private async transcript(agent: AgentProfile, record: HandoffRecord): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    const lines = await this.transcripts.lines(record.customer.channelId, record.customer.address.conversation.id, record.customer.userId, transcriptLines);
    if (lines.length === 0) return reply(words.transcriptEmpty);
    const body = lines
      // Both sides as plain text: the bot's lines can quote the customer ("I've passed this on: …").
      .map((l) => `${l.at.slice(11, 16)} ${l.speaker === 'customer' ? words.speakerCustomer : words.speakerBot}: ${plainText(maskForAgents(l.text))}`)
      .join('\n\n');
    return reply(`${words.transcriptHeader(customerLabel(record))}\n\n${body}`);
  }

  private async transfer(agent: AgentProfile, record: HandoffRecord, name: string, note: string | undefined): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    const target = this.moves.target(name);
    if (!target) {
      const choices = [...this.desk.routing().queues.map((q) => q.id), ...this.desk.roster().agents.filter((a) => a.id !== agent.id).map((a) => a.id)].join(', ');
      return reply(words.unknownTarget(name, choices));
    }
    const outcome = await this.moves.transfer(agent, record, target, note);
    if (!outcome.ok) {
      if (outcome.why === 'self') return reply(words.cannotTransferToSelf);
      if (outcome.why === 'unavailable') return reply(words.targetUnavailable(this.moves.targetName(target, agent.locale)));
      return reply(words.notAssigned);
    }
    return reply(words.transferred(this.moves.targetName(target, agent.locale)), outcome.effects);
  }

  private async end(agent: AgentProfile, record: HandoffRecord): Promise<AgentTurn> {
    const words = agentHandoffResponses[agent.locale];
    const effects = await this.moves.end(agent, record);
    if (!effects) return reply(words.notAssigned);
    return reply(words.ended(customerLabel(record)), effects);
  }

  /** The record the agent is handling now, if it is still theirs and open. */
  private async current(presence: AgentPresence): Promise<HandoffRecord | undefined> {
    if (!presence.handoffId) return undefined;
    const record = await this.deps.handoffs.get(presence.handoffId);
    if (record && openStates.has(record.state) && record.state === 'assigned' && record.agentId === presence.agentId) return record;
    await this.deps.presence.release(presence.agentId, presence.handoffId);
    return undefined;
  }
}

function reply(text: string, effects: DeskEffect[] = []): AgentTurn {
  return { replies: [{ text }], effects };
}
