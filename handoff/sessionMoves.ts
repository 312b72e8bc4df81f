/**
 * What an agent does to a conversation they handle, whichever way they work (chat commands or the
 * workspace): transfer it warmly to a queue or a colleague with a note (P3), or end it with a wrap-up,
 * after which the customer gets the resolution check. Plain data in, effects and outcomes out; the
 * callers word the result for their agent.
 */
import { maskSensitive } from '../privacy/sensitiveData';
import type { AgentHistory, WrapUpOutcome } from './agentHistory';
import type { ContactHistory } from './contactHistory';
import type { DeskEffect } from './deskEffect';
import type { HandoffDesk } from './handoffDesk';
import type { HandoffRecord } from './handoffRecord';
import { isReachable } from './handoffRecord';
import type { HandoffRepository } from './handoffRepository';
import type { Summarizer } from './handoffSummary';
import type { PresenceRepository } from './presenceRepository';
import { customerHandoffResponses } from './responses';
import type { AgentProfile, QueueConfig } from './routing';

/** Where a transfer goes: a queue or a named agent of the roster. */
export type TransferTarget = { readonly queue: QueueConfig; readonly agent?: undefined } | { readonly agent: AgentProfile; readonly queue?: undefined };

/** How a transfer went. */
export type TransferOutcome =
  | { readonly ok: true; readonly effects: DeskEffect[]; readonly record: HandoffRecord }
  | { readonly ok: false; readonly why: 'self' | 'unavailable' | 'not-assigned' };

/** How taking a waiting customer went: the record as it is now, and (when taken) what to tell the customer and the queue. */
export type AssignOutcome = { readonly ok: true; readonly record: HandoffRecord; readonly effects: DeskEffect[] } | { readonly ok: false; readonly record: HandoffRecord | undefined };

/** What {@link SessionMoves} works with. */
export interface SessionMovesDeps {
  readonly desk: HandoffDesk;
  readonly handoffs: HandoffRepository;
  readonly presence: PresenceRepository;
  readonly history: ContactHistory;
  readonly summarizer: Summarizer;
  /** Ended conversations per agent, for the workspace's history (optional for chat-only set-ups). */
  readonly agentHistory?: AgentHistory;
}

/** Transfers and endings, shared by the chat path and the workspace. */
export class SessionMoves {
  constructor(private readonly deps: SessionMovesDeps) {
    for (const key of ['desk', 'handoffs', 'presence', 'history', 'summarizer'] as const) {
      if (!deps?.[key]) throw new TypeError(`SessionMoves: missing dependency "${key}"`);
    }
  }

  /** A queue id or an agent id (or display name, any case) of the routing and roster in force. */
  target(name: string): TransferTarget | undefined {
    const queue = this.deps.desk.routing().queues.find((q) => q.id === name);
    if (queue) return { queue };
    const wanted = name.toLowerCase();
    const agent = this.deps.desk.roster().agents.find((a) => a.id === name || a.displayName.toLowerCase() === wanted);
    return agent ? { agent } : undefined;
  }

  /** The target's name in a language. */
  targetName(target: TransferTarget, locale: 'en-US' | 'zh-CN'): string {
    return target.queue ? target.queue.names[locale] : target.agent.displayName;
  }

  /**
   * Gives a waiting customer to the agent (first wins: another agent's accept at the same moment gets
   * `ok: false` and the record as it is now). The workspace is told; the effects tell the customer who
   * joined and the others in the queue their new position.
   */
  async assign(agent: AgentProfile, record: HandoffRecord, via: 'chat' | 'workspace'): Promise<AssignOutcome> {
    const { desk } = this.deps;
    const at = desk.now().toISOString();
    const moved = await this.deps.handoffs.move(record.id, 'assigned', `agent:${agent.id}`, {
      from: ['queued', 'transferred'],
      change: (r) => {
        r.agentId = agent.id;
        r.agentName = agent.displayName;
        r.assignedAt = at;
        delete r.targetAgentId;
      },
    });
    if (!moved.ok) return { ok: false, record: moved.record };
    desk.log.info({ agentId: agent.id, handoffId: record.id, via, waitedSeconds: Math.round((Date.parse(at) - Date.parse(moved.record.waitStartedAt)) / 1000) }, 'handoff accepted');
    await desk.announce({ type: 'inbox', queueId: record.queueId }, { type: 'session', handoffId: record.id, agentId: agent.id, change: 'assigned' });
    const effects: DeskEffect[] = [
      { kind: 'send', to: record.customer.address, message: { text: customerHandoffResponses[record.customer.locale].agentJoined(agent.displayName) } },
      ...(await desk.positionUpdates(record.queueId)),
    ];
    return { ok: true, record: moved.record, effects };
  }

  /**
   * Transfers the agent's conversation: a fresh summary with the note, the record back in line (its
   * first waiting time kept), the customer told who comes next and where they stand, and the target
   * offered it. Never to a queue or agent that cannot take it now (P8).
   */
  async transfer(agent: AgentProfile, record: HandoffRecord, target: TransferTarget, note: string | undefined): Promise<TransferOutcome> {
    const { desk } = this.deps;
    if (target.agent?.id === agent.id) return { ok: false, why: 'self' };
    if (target.queue ? !(await desk.availability(target.queue)).open : !(await this.canTakeTransfer(target.agent))) return { ok: false, why: 'unavailable' };
    const at = desk.now().toISOString();
    const masked = note ? maskSensitive(note).text : undefined;
    const input = record.summaryInput;
    const summary = input ? await this.deps.summarizer.summarize({ ...input, now: at, ...(masked ? { transferNote: { agentName: agent.displayName, text: masked } } : {}) }) : record.summary;
    const moved = await this.deps.handoffs.move(record.id, 'transferred', `agent:${agent.id}`, {
      from: ['assigned'],
      detail: target.queue ? `queue:${target.queue.id}` : `agent:${target.agent.id}`,
      change: (r) => {
        if (target.queue) r.queueId = target.queue.id;
        if (target.agent) r.targetAgentId = target.agent.id;
        delete r.agentId;
        delete r.agentName;
        delete r.assignedAt;
        r.waitStartedAt = at;
        r.summary = summary;
        r.lastToldPosition = undefined;
        if (masked) r.notes.push({ at, agentId: agent.id, agentName: agent.displayName, text: masked });
      },
    });
    if (!moved.ok) return { ok: false, why: 'not-assigned' };
    await this.deps.presence.release(agent.id, record.id);
    desk.log.info({ agentId: agent.id, handoffId: record.id, to: target.queue ? `queue:${target.queue.id}` : `agent:${target.agent.id}` }, 'handoff transferred');
    await desk.announce({ type: 'session', handoffId: record.id, agentId: agent.id, change: 'transferred' });
    const locale = record.customer.locale;
    const effects: DeskEffect[] = [
      { kind: 'send', to: record.customer.address, message: { text: customerHandoffResponses[locale].transferring(agent.displayName, this.targetName(target, locale)) } },
      ...(await desk.notifyAgents(moved.record, target.agent?.id)),
    ];
    const fresh = await desk.placeOf(moved.record);
    if (fresh) {
      await this.deps.handoffs.update(record.id, (r) => {
        r.lastToldPosition = fresh.position;
      });
      effects.push({ kind: 'send', to: record.customer.address, message: { text: customerHandoffResponses[locale].positionChanged(fresh.position, fresh.minutes) } });
    }
    return { ok: true, effects, record: moved.record };
  }

  /**
   * Ends the agent's conversation with a wrap-up (chat `/end` is `resolved` without a note): the
   * customer is told and gets the resolution check, the contact goes into their history and the
   * agent's. Resolves undefined when the conversation was no longer the agent's.
   */
  async end(agent: AgentProfile, record: HandoffRecord, outcome: WrapUpOutcome = 'resolved', note?: string): Promise<DeskEffect[] | undefined> {
    const { desk } = this.deps;
    const masked = note ? maskSensitive(note).text : undefined;
    const moved = await this.deps.handoffs.move(record.id, 'resolved', `agent:${agent.id}`, {
      from: ['assigned'],
      detail: `wrap-up:${outcome}`,
      change: (r) => {
        if (masked) r.notes.push({ at: desk.now().toISOString(), agentId: agent.id, agentName: agent.displayName, text: masked });
      },
    });
    await this.deps.presence.release(agent.id, record.id);
    if (!moved.ok) return undefined;
    const at = desk.now().toISOString();
    desk.log.info({ agentId: agent.id, handoffId: record.id, outcome }, 'handoff ended by the agent');
    await this.deps.history.add(record.customer.userId, { at, ...(record.summary.topic ? { topic: record.summary.topic } : {}), outcome: outcome === 'resolved' ? 'resolved-by-agent' : 'not-resolved' });
    await this.deps.agentHistory?.add(agent.id, {
      handoffId: record.id,
      customer: { id: record.customer.userId, ...(record.customer.name !== undefined ? { name: record.customer.name } : {}) },
      endedAt: at,
      outcome,
      ...(masked ? { note: masked } : {}),
    });
    await desk.announce({ type: 'session', handoffId: record.id, agentId: agent.id, change: 'ended' });
    return [
      { kind: 'send', to: record.customer.address, message: { text: customerHandoffResponses[record.customer.locale].agentLeft(agent.displayName) } },
      {
        kind: 'resume-customer',
        to: record.customer.address,
        handoffId: record.id,
        why: 'agent-ended',
        agentName: agent.displayName,
        ...(record.summary.topic ? { topic: record.summary.topic } : {}),
      },
    ];
  }

  /** A named agent can take a transfer when reachable and available (the chat path needs them free). */
  private async canTakeTransfer(agent: AgentProfile): Promise<boolean> {
    const presence = await this.deps.presence.get(agent.id);
    return isReachable(presence, this.deps.desk.now()) && presence.status === 'available';
  }
}
