import { expect } from 'chai';
import type { WarmlineApp } from '../../../index';
import { appWithScriptedDay, studioCaller } from '../../support/studioCaller';

describe('adapters/studio/conversationRoutes: search and open conversations', function () {
  this.timeout(20_000);
  let app: WarmlineApp;
  let call: Awaited<ReturnType<typeof studioCaller>>;

  before(async () => {
    app = await appWithScriptedDay();
    // c1's transcript, as the transcript middleware keeps it (masked).
    for (const [i, [role, text]] of ([['user', 'Where is my parcel? card 4111 1111 1111 1111'], ['bot', 'It ships in 2 days.']] as const).entries()) {
      await app.storage.transcripts.logActivity({ type: 'message', id: `a${i}`, channelId: 'directline', conversation: { id: 'c1' }, from: { id: role === 'bot' ? 'warmline' : 'u1', role, name: role === 'bot' ? 'Warmline' : 'u1' }, recipient: { id: 'x' }, text: role === 'user' ? text.replace('4111 1111 1111 1111', '•••• 1111') : text, timestamp: new Date(`2026-03-02T09:00:0${i}.000Z`) } as never);
    }
    call = await studioCaller(app, ['viewer', 'editor', 'supervisor', 'admin']);
  });
  after(async () => {
    await app?.stop();
  });

  it('lets supervisors and admins read conversations, and refuses viewers, editors (403) and strangers (401)', async () => {
    expect((await call(undefined, '/api/conversations')).status).to.equal(401);
    for (const role of ['viewer', 'editor'] as const) {
      const res = await call(role, '/api/conversations');
      expect(res.status, role).to.equal(403);
      expect(((await res.json()) as { code: string }).code).to.equal('Forbidden');
      expect((await call(role, '/api/conversations/c1')).status).to.equal(403);
    }
    expect((await call('supervisor', '/api/conversations')).status).to.equal(200);
  });

  it('searches by date, outcome, topic and customer', async () => {
    const ids = async (query: string) => ((await (await call('admin', `/api/conversations?from=2026-03-02&to=2026-03-03&${query}`)).json()) as { conversations: { conversationId: string }[] }).conversations.map((c) => c.conversationId);
    expect(await ids('')).to.deep.equal(['c5', 'c4', 'c3', 'c2', 'c1']);
    expect(await ids('outcome=resolved')).to.deep.equal(['c5', 'c4', 'c1']);
    expect(await ids('outcome=escalated')).to.deep.equal(['c2']);
    expect(await ids('topic=returns')).to.deep.equal(['c2']);
    expect(await ids('customer=u3')).to.deep.equal(['c3']);
    expect(await ids('limit=2')).to.deep.equal(['c5', 'c4']);
    for (const bad of ['outcome=happy', 'limit=0', 'from=tomorrow']) {
      const res = await call('admin', `/api/conversations?${bad}`);
      expect(res.status, bad).to.equal(400);
      expect(((await res.json()) as { code: string }).code).to.equal('InvalidQuery');
    }
  });

  it('opens one conversation with its transcript, offer decisions, rating and events', async () => {
    const res = await call('supervisor', '/api/conversations/c1');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { conversation: { outcome: string }; transcript: { from: string; text: string }[]; offers: { kind: string; outcome: string }[]; rating: number; events: { kind: string; customerRef?: string }[]; handoffs: unknown[] };
    expect(body.conversation.outcome).to.equal('resolved');
    expect(body.transcript).to.deep.equal([
      { at: '2026-03-02T09:00:00.000Z', from: 'customer', text: 'Where is my parcel? card •••• 1111' },
      { at: '2026-03-02T09:00:01.000Z', from: 'bot', name: 'Warmline', text: 'It ships in 2 days.' },
    ]);
    expect(body.offers.map((o) => [o.kind, o.outcome])).to.deep.equal([['offer-decided', 'shown'], ['offer-answered', 'declined']]);
    expect(body.rating).to.equal(5);
    expect(body.handoffs).to.deep.equal([]);
    expect(body.events.map((e) => e.kind)).to.include('csat');
    expect(body.events.some((e) => 'customerRef' in e)).to.equal(false);
    const missing = await call('admin', '/api/conversations/nope');
    expect(missing.status).to.equal(404);
    expect(((await missing.json()) as { code: string }).code).to.equal('ConversationNotFound');
  });
});
