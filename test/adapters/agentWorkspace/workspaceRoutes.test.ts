import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { ConnectorStandIn, messageActivity } from '../../support/connectorStandIn';
import { post, startTestApp } from '../../support/testApp';
import { sessionHeaders, signedIn } from '../../support/studioAccounts';
import type { TestSession } from '../../support/studioAccounts';
import { openAgentEvents } from '../../support/agentEvents';
import type { AgentEventStream } from '../../support/agentEvents';
import type { WarmlineApp } from '../../../index';

/**
 * The agent workspace's API over HTTP: customers on a Web Chat stand-in, agents and a supervisor
 * signed in with their accounts, live events read from the stream as a page would.
 */
describe('agent workspace API (/api/agent)', function () {
  this.timeout(30_000);
  let channel: ConnectorStandIn;
  let app: WarmlineApp;
  let ana: TestSession;
  let li: TestSession;
  let sam: TestSession;
  const streams: AgentEventStream[] = [];

  before(async () => {
    channel = await new ConnectorStandIn().start();
  });
  beforeEach(async () => {
    app = await startTestApp({ AGENT_GRACE_SECONDS: '2', HANDOFF_SWEEP_SECONDS: '1' });
    ana = await signedIn(app, 'ana', 'agent');
    li = await signedIn(app, 'li', 'agent');
    sam = await signedIn(app, 'sam', 'supervisor');
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await app.stop();
  });
  after(async () => {
    await channel.stop();
  });

  const say = (conversationId: string, userId: string, text: string, extra: Partial<Activity> = {}) =>
    post(`${app.url}/api/messages`, messageActivity(channel.serviceUrl, conversationId, text, { channelId: 'webchat', from: { id: userId, name: userId }, ...extra }));
  const call = async (session: TestSession, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${app.url}/api/agent${path}`, { method, headers: { ...sessionHeaders(session), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const connect = async (session: TestSession): Promise<AgentEventStream> => {
    const stream = await openAgentEvents(app.url, session);
    streams.push(stream);
    return stream;
  };
  const askForPerson = async (conversationId: string, userId: string, text = 'I need to talk to a human about order 12345678'): Promise<string> => {
    await say(conversationId, userId, text);
    await channel.waitFor(conversationId, (a) => /connecting you|为您转接|number \d+ in line|排在第/.test(a.text ?? ''));
    const open = await app.desk.openFor(conversationId);
    if (!open) throw new Error('no handoff was opened');
    return open.id;
  };

  it('takes two customers at once, relays both ways with typing, notes, transfers with the note, and wraps up with the rating coming back', async () => {
    const anaEvents = await connect(ana);
    const liEvents = await connect(li);
    const me = await call(ana, 'GET', '/me');
    expect(me.status).to.equal(200);
    expect(me.body.presence).to.include({ status: 'available', load: 0, capacity: 3, connected: true });

    const first = await askForPerson('ws-c1', 'cust-1');
    const second = await askForPerson('ws-c2', 'cust-2', 'agent please, my parcel never came');
    await anaEvents.waitFor((e) => e.type === 'inbox');
    const inbox = await call(ana, 'GET', '/inbox');
    const waiting = inbox.body.waiting as { handoffId: string; position: number; summaryLine: string }[];
    expect(waiting.map((w) => w.handoffId)).to.include.members([first, second]);
    expect(waiting.find((w) => w.handoffId === first)?.summaryLine).to.contain('12345678');

    expect((await call(ana, 'POST', `/handoffs/${first}/accept`)).status).to.equal(200);
    expect((await call(ana, 'POST', `/handoffs/${second}/accept`)).status).to.equal(200);
    await channel.waitFor('ws-c1', (a) => (a.text ?? '').includes('Ana Souza has joined'));
    const taken = await call(li, 'POST', `/handoffs/${first}/accept`);
    expect(taken.status).to.equal(409);
    expect(taken.body.code).to.equal('AlreadyTaken');
    expect(String(taken.body.message)).to.contain('Ana Souza');
    const sessions = (await call(ana, 'GET', '/inbox')).body.sessions as { handoffId: string }[];
    expect(sessions.map((s) => s.handoffId)).to.have.members([first, second]);

    // Customer → agent, live; agent → customer, marked as the agent's; typing both ways.
    await say('ws-c1', 'cust-1', 'it says delivered but nothing came', { id: 'cust-line-1' });
    const line = await anaEvents.waitFor((e) => e.type === 'message' && (e.data.line as { id: string }).id === 'cust-line-1');
    expect(line.data).to.include({ handoffId: first });
    await post(`${app.url}/api/messages`, { ...messageActivity(channel.serviceUrl, 'ws-c2', '', { channelId: 'webchat', from: { id: 'cust-2', name: 'cust-2' } }), type: 'typing', text: undefined });
    await anaEvents.waitFor((e) => e.type === 'typing' && e.data.handoffId === second && e.data.from === 'customer');
    const sent = await call(ana, 'POST', `/handoffs/${first}/messages`, { text: 'Let me check the courier for you.' });
    expect(sent.status).to.equal(200);
    const got = await channel.waitFor('ws-c1', (a) => (a.text ?? '').includes('Let me check the courier'));
    expect(got.text).to.contain('Ana Souza');
    expect((await call(ana, 'POST', `/handoffs/${second}/typing`)).status).to.equal(204);
    await channel.waitFor('ws-c2', (a) => a.type === 'typing');

    const view = await call(ana, 'GET', `/handoffs/${first}`);
    const transcript = view.body.transcript as { id: string; from: string; text: string; name?: string }[];
    expect(transcript.find((l) => l.id === 'cust-line-1')?.from).to.equal('customer');
    const agentLine = transcript.find((l) => l.id === (sent.body.line as { id: string }).id);
    expect(agentLine).to.include({ from: 'agent', name: 'Ana Souza', text: 'Let me check the courier for you.' });

    expect((await call(ana, 'POST', `/handoffs/${first}/notes`, { text: 'Courier ref LX-4411' })).status).to.equal(200);
    const moved = await call(ana, 'POST', `/handoffs/${first}/transfer`, { agent: 'li', note: 'Needs a refund decision' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    await liEvents.waitFor((e) => e.type === 'inbox');
    const liInbox = await call(li, 'GET', '/inbox');
    expect((liInbox.body.waiting as { handoffId: string; forMe: boolean }[]).find((w) => w.handoffId === first)?.forMe).to.equal(true);
    expect((await call(li, 'POST', `/handoffs/${first}/accept`)).status).to.equal(200);
    const liView = await call(li, 'GET', `/handoffs/${first}`);
    expect((liView.body.notes as { text: string }[]).map((n) => n.text)).to.include.members(['Courier ref LX-4411', 'Needs a refund decision']);
    expect((liView.body.transcript as { text: string }[]).some((l) => l.text.includes('Let me check the courier'))).to.equal(true);

    const ended = await call(li, 'POST', `/handoffs/${first}/wrap-up`, { outcome: 'resolved', note: 'Refund issued' });
    expect(ended.status).to.equal(200);
    await channel.waitFor('ws-c1', (a) => /solved|解决/.test(a.text ?? ''));
    await say('ws-c1', 'cust-1', 'yes');
    await channel.waitFor('ws-c1', (a) => /rate|评分|1 to 5|1–5|1-5/i.test(a.text ?? ''));
    await say('ws-c1', 'cust-1', '5');
    const deadline = Date.now() + 5000;
    let history: { handoffId: string; outcome: string; rating?: { resolved: boolean; csat?: number } }[] = [];
    while (Date.now() < deadline) {
      history = (await call(li, 'GET', '/history')).body.items as typeof history;
      if (history[0]?.rating?.csat !== undefined) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(history[0]).to.deep.include({ handoffId: first, outcome: 'resolved', rating: { resolved: true, csat: 5 } });
  });

  it('puts the customer of an agent whose page closed back in the queue within the grace period, and says so', async () => {
    const anaEvents = await connect(ana);
    const id = await askForPerson('ws-g1', 'cust-g');
    expect((await call(ana, 'POST', `/handoffs/${id}/accept`)).status).to.equal(200);
    await channel.waitFor('ws-g1', (a) => (a.text ?? '').includes('has joined'));
    anaEvents.close();
    const told = await channel.waitFor('ws-g1', (a) => (a.text ?? '').includes('called away'), 8000);
    expect(told.text).to.contain('Ana Souza');
    const record = await app.desk.handoff(id);
    expect(record?.state).to.equal('transferred');
    expect((await call(ana, 'GET', '/me')).body.presence).to.include({ status: 'offline', load: 0 });
  });

  it('lets a supervisor see the live queue, set a capacity that is then enforced, and join silently', async () => {
    await connect(ana);
    const samEvents = await connect(sam);
    const a = await askForPerson('ws-s1', 'cust-s1');
    const b = await askForPerson('ws-s2', 'cust-s2');
    await samEvents.waitFor((e) => e.type === 'inbox');
    const overview = await call(sam, 'GET', '/overview');
    const general = (overview.body.queues as { id: string; waiting: number; agentsAvailable: number }[]).find((q) => q.waiting > 0);
    expect(general?.waiting).to.equal(2);
    expect((await call(ana, 'GET', '/overview')).status).to.equal(403);
    expect((await call(sam, 'POST', '/agents/ana/capacity', { capacity: 1 })).body).to.include({ capacity: 1 });
    expect((await call(sam, 'POST', '/agents/ana/capacity', { capacity: 0 })).status).to.equal(422);
    expect((await call(ana, 'POST', `/handoffs/${a}/accept`)).status).to.equal(200);
    const full = await call(ana, 'POST', `/handoffs/${b}/accept`);
    expect(full.body.code).to.equal('AtCapacity');
    expect((await call(sam, 'POST', `/handoffs/${a}/join`)).status).to.equal(200);
    await say('ws-s1', 'cust-s1', 'hello?', { id: 'watched-line' });
    await samEvents.waitFor((e) => e.type === 'message' && (e.data.line as { id: string }).id === 'watched-line');
    expect(channel.messagesIn('ws-s1').some((m) => /sam|Sam Taylor/i.test(m.text ?? ''))).to.equal(false);
  });

  it('shows tickets customers left, which an agent claims, answers into the conversation and closes', async () => {
    await app.desk.leaveTicket({
      kind: 'message',
      queueId: 'general',
      reason: 'requested',
      customer: { userId: 'cust-t', locale: 'zh-CN', channelId: 'webchat', address: { channelId: 'webchat', serviceUrl: channel.serviceUrl, conversation: { id: 'ws-t1' }, user: { id: 'cust-t' }, bot: { id: 'bot' } } },
      summary: (await app.desk.summarize({ customer: { id: 'cust-t', locale: 'zh-CN', channelId: 'webchat' }, reason: 'requested', journal: [], startedAt: new Date().toISOString(), now: new Date().toISOString(), earlierContacts: [] })),
      message: '请回电，订单 12345678 没到',
    });
    const tickets = (await call(ana, 'GET', '/inbox')).body.tickets as { id: string; status: string; message: string }[];
    expect(tickets).to.have.length(1);
    const ticket = tickets[0]!;
    expect(ticket.message).to.contain('12345678');
    expect((await call(ana, 'POST', `/tickets/${ticket.id}/reply`, { text: 'x' })).body.code).to.equal('Invalid');
    expect((await call(ana, 'POST', `/tickets/${ticket.id}/claim`)).body).to.include({ status: 'claimed', claimedBy: 'ana' });
    expect((await call(li, 'POST', `/tickets/${ticket.id}/claim`)).body.code).to.equal('AlreadyClaimed');
    const replied = await call(ana, 'POST', `/tickets/${ticket.id}/reply`, { text: '包裹明天送到' });
    expect(replied.body.delivered).to.equal('conversation');
    await channel.waitFor('ws-t1', (a) => (a.text ?? '').includes('包裹明天送到') && (a.text ?? '').includes('留言'));
    expect((await call(ana, 'POST', `/tickets/${ticket.id}/close`, { outcome: 'resolved', note: 'sorted' })).body).to.include({ status: 'done', outcome: 'resolved' });
    expect((await call(ana, 'GET', '/inbox')).body.tickets).to.deep.equal([]);
  });

  it('refuses bad input and callers who are not agents, clearly', async () => {
    const editor = await signedIn(app, 'ed', 'editor');
    expect((await call(editor, 'GET', '/inbox')).status).to.equal(403);
    const stranger = await signedIn(app, 'nobody', 'agent');
    const refused = await call(stranger, 'GET', '/me');
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('NotAnAgent');
    expect((await fetch(`${app.url}/api/agent/inbox`)).status).to.equal(401);
    expect((await call(ana, 'POST', '/handoffs/not-an-id!/accept')).status).to.equal(400);
    expect((await call(ana, 'POST', '/handoffs/00000000-0000-0000-0000-000000000000/accept')).status).to.equal(404);
    expect((await call(ana, 'POST', '/presence', { status: 'asleep' })).status).to.equal(400);
    expect((await call(ana, 'POST', '/presence', [1, 2])).status).to.equal(400);
    const noCsrf = await fetch(`${app.url}/api/agent/presence`, { method: 'POST', headers: { cookie: ana.cookie, 'content-type': 'application/json' }, body: '{"status":"away"}' });
    expect(noCsrf.status).to.equal(403);
    await connect(ana);
    const id = await askForPerson('ws-b1', 'cust-b');
    expect((await call(ana, 'POST', `/handoffs/${id}/messages`, { text: 'hi' })).body.code).to.equal('NotYours');
    await call(ana, 'POST', `/handoffs/${id}/accept`);
    expect((await call(ana, 'POST', `/handoffs/${id}/messages`, { text: '   ' })).status).to.equal(400);
    expect((await call(ana, 'POST', `/handoffs/${id}/wrap-up`, { outcome: 'great' })).status).to.equal(400);
    expect((await call(ana, 'POST', `/handoffs/${id}/transfer`, { queue: 'nowhere' })).body.code).to.equal('UnknownTarget');
    expect((await call(ana, 'POST', `/handoffs/${id}/transfer`, { agent: 'ana' })).body.code).to.equal('Invalid');
    expect((await call(ana, 'POST', '/presence', { status: 'away' })).body).to.include({ status: 'away' });
  });
});
