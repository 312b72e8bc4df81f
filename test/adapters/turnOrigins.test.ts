import { expect } from 'chai';
import sinon from 'sinon';
import path from 'node:path';
import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { AgentSessions } from '../../adapters/agentSessions';
import { TurnOrigins } from '../../adapters/turnOrigins';
import type { HubIdentity } from '../../adapters/turnOrigins';
import { loadAgentRoster, parseAgentRoster } from '../../handoff/agentRosterLoader';
import { loadRouting } from '../../handoff/routingLoader';
import { contentDir } from '../support/botHarness';

const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
const roster = loadAgentRoster(path.join(contentDir, 'agents.yaml'), routing.queues.map((q) => q.id));
const anaAad = '5b0c7d1e-0000-4000-8000-00000000a0a0';
const teamsRoster = parseAgentRoster(`agents:\n  - id: ana\n    display_name: Ana Souza\n    queues: [general]\n    user_ids: [agent-ana]\n    aad_object_id: ${anaAad}\n`, 'agents.yaml', routing.queues.map((q) => q.id));
const noHub: HubIdentity = { external: false, appIds: [], channels: [] };

function contextFor(activity: Partial<Activity>, claims?: { type: string; value: string }[]): TurnContext {
  const adapter = new TestAdapter();
  const context = new TurnContext(adapter, { type: 'message', conversation: { id: 'conv-1' } as Activity['conversation'], ...activity } as Activity);
  if (claims) context.turnState.set(adapter.BotIdentityKey, { claims });
  return context;
}

describe('TurnOrigins: who the sender has proven to be', () => {
  let clock: Date;
  let sessions: AgentSessions;
  const origins = (over: Partial<ConstructorParameters<typeof TurnOrigins>[0]> = {}): TurnOrigins =>
    new TurnOrigins({ roster, sessions, anonymous: false, trustRosterUserIds: false, hub: noHub, ...over });

  beforeEach(() => {
    clock = new Date('2026-12-01T09:00:00Z');
    sessions = new AgentSessions(new MemoryStorage(), { now: () => clock, ttlMs: 60 * 60_000 });
  });

  it('takes roster user ids at their word only on a developer machine (anonymous, trusted)', async () => {
    const ctx = contextFor({ channelId: 'emulator', from: { id: 'agent-ana', name: 'Ana' } });
    expect((await origins({ anonymous: true, trustRosterUserIds: true }).of(ctx, { viaLocalDirectLine: false })).agent?.id).to.equal('ana');
    expect((await origins({ anonymous: true }).of(ctx, { viaLocalDirectLine: false })).agent).to.equal(undefined);
    expect((await origins().of(ctx, { viaLocalDirectLine: false })).agent).to.equal(undefined);
  });

  it('refuses to be built trusting roster user ids with Bot Framework authentication on', () => {
    expect(() => origins({ anonymous: false, trustRosterUserIds: true })).to.throw(/only in local anonymous mode/);
  });

  it('takes the channel identity on an authenticated channel that assigns ids (Teams Entra id)', async () => {
    const teams = contextFor({ channelId: 'msteams', from: { id: '29:someone', name: 'Ana', aadObjectId: anaAad } });
    expect((await origins({ roster: teamsRoster }).of(teams, { viaLocalDirectLine: false })).agent?.id).to.equal('ana');
    // The same Entra id means nothing on a channel whose ids the client picks.
    const page = contextFor({ channelId: 'directline', from: { id: 'someone', name: 'someone', aadObjectId: anaAad } });
    expect((await origins({ roster: teamsRoster }).of(page, { viaLocalDirectLine: false })).agent).to.equal(undefined);
  });

  it('on Direct Line and Web Chat, needs the agent session the token endpoint opened for that conversation and user', async () => {
    const posted = contextFor({ channelId: 'directline', from: { id: 'agent-ana', name: 'Ana' } });
    expect((await origins().of(posted, { viaLocalDirectLine: true })).agent).to.equal(undefined);
    await sessions.open('conv-1', 'agent-ana', 'ana', 'access-code');
    expect((await origins().of(posted, { viaLocalDirectLine: true })).agent?.id).to.equal('ana');
    // Another user in that conversation, or the agent's user id in another conversation, is not the agent.
    expect((await origins().of(contextFor({ channelId: 'directline', from: { id: 'agent-li', name: 'agent-li' } }), { viaLocalDirectLine: true })).agent).to.equal(undefined);
    expect((await origins().of(contextFor({ channelId: 'directline', from: { id: 'agent-ana', name: 'agent-ana' }, conversation: { id: 'conv-2' } as Activity['conversation'] }), { viaLocalDirectLine: true })).agent).to.equal(undefined);
  });

  it("reads no agent session for a sender whose user id is on no agent's roster entry (every customer turn)", async () => {
    const agentOf = sinon.spy(sessions, 'agentOf');
    const customer = contextFor({ channelId: 'directline', from: { id: 'customer-7', name: 'Sam' } });
    expect((await origins().of(customer, { viaLocalDirectLine: true })).agent).to.equal(undefined);
    expect(agentOf.callCount).to.equal(0);
    await sessions.open('conv-1', 'agent-ana', 'ana', 'access-code');
    expect((await origins().of(contextFor({ channelId: 'directline', from: { id: 'agent-ana', name: 'Ana' } }), { viaLocalDirectLine: true })).agent?.id).to.equal('ana');
    expect(agentOf.callCount).to.equal(1);
  });

  it('lets an agent session lapse when it expires, or when the roster no longer gives that user id to the agent', async () => {
    await sessions.open('conv-1', 'agent-ana', 'ana', 'access-code');
    const posted = contextFor({ channelId: 'webchat', from: { id: 'agent-ana', name: 'agent-ana' } });
    clock = new Date(clock.getTime() + 61 * 60_000);
    expect((await origins().of(posted, { viaLocalDirectLine: false })).agent).to.equal(undefined);
    clock = new Date('2026-12-01T09:00:00Z');
    await sessions.open('conv-1', 'agent-ana', 'li', 'access-code');
    expect((await origins().of(posted, { viaLocalDirectLine: false })).agent).to.equal(undefined);
  });

  describe('the external hub', () => {
    const hub: HubIdentity = { external: true, appIds: ['hub-app-id'], channels: ['omnichannel'] };
    const event = (activity: Partial<Activity>, claims?: { type: string; value: string }[]): TurnContext => contextFor({ type: 'event', name: 'handoff.status', from: { id: 'x', name: 'x' }, ...activity }, claims);

    it('is nobody with the built-in desk', async () => {
      expect((await origins({ anonymous: true }).of(event({ channelId: 'emulator' }), { viaLocalDirectLine: false })).fromHub).to.equal(false);
    });

    it('locally, is what is posted straight to /api/messages, never what a browser sends through the local Direct Line', async () => {
      const o = origins({ anonymous: true, hub });
      expect((await o.of(event({ channelId: 'emulator' }), { viaLocalDirectLine: false })).fromHub).to.equal(true);
      expect((await o.of(event({ channelId: 'directline' }), { viaLocalDirectLine: true })).fromHub).to.equal(false);
    });

    it("with authentication, is the hub's app id in the token or the hub's own channel; a customer's channel is not", async () => {
      const o = origins({ hub });
      expect((await o.of(event({ channelId: 'directline' }, [{ type: 'appid', value: 'hub-app-id' }]), { viaLocalDirectLine: false })).fromHub).to.equal(true);
      expect((await o.of(event({ channelId: 'directline' }, [{ type: 'azp', value: 'hub-app-id' }]), { viaLocalDirectLine: false })).fromHub).to.equal(true);
      expect((await o.of(event({ channelId: 'omnichannel' }), { viaLocalDirectLine: false })).fromHub).to.equal(true);
      expect((await o.of(event({ channelId: 'directline' }, [{ type: 'appid', value: 'bot-framework-channel' }]), { viaLocalDirectLine: false })).fromHub).to.equal(false);
      expect((await o.of(event({ channelId: 'webchat' }), { viaLocalDirectLine: false })).fromHub).to.equal(false);
    });
  });
});
