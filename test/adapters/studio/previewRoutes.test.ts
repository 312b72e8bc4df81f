import { expect } from 'chai';
import type { Role } from '../../../accounts/roles';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';
import { signedInAsEachRole } from '../../support/studioAccounts';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

interface Turn {
  conversationId: string;
  activity: { id: string; text?: string; channelData?: { clientActivityID?: string } };
  replies: { type: string; text?: string; from: { role: string } }[];
  drafted: string[];
  trace: {
    turn: number;
    guard?: string | null;
    topics: string[];
    actions: { topicId: string; actionId: string; kind: string }[];
    faq: { decision: string; entryId?: string; candidates: { entryId: string; confidence: number }[]; thresholds: { answer: number } }[];
    escalation: { decision: { escalate: boolean } }[];
    variables: { topics: { topicId: string; variables: Record<string, unknown>; waitingFor?: string }[]; bot: Record<string, unknown> };
  };
}

/** The test chat's API: the bot on the drafts, with what fired each turn, for editors and admins only. */
describe('adapters/studio/previewRoutes: the test chat on the drafts', function () {
  this.timeout(30_000);
  let app: WarmlineApp;
  const as: Partial<Record<Role, Session>> = {};

  before(async () => {
    app = await startTestApp();
    Object.assign(as, await signedInAsEachRole(app));
  });
  after(async () => {
    await app?.stop();
  });

  const call = (role: Role | undefined, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const s = role ? as[role] : undefined;
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const type: Record<string, string> = typeof body === 'string' ? {} : { 'content-type': 'application/json' };
    return fetch(`${app.url}${urlPath}`, { method, headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...type, ...headers }, ...(payload !== undefined ? { body: payload } : {}) });
  };
  const start = async (role: Role = 'editor', locale = 'en-US'): Promise<Turn> => {
    const res = await call(role, 'POST', '/api/preview/conversations', { locale });
    expect(res.status).to.equal(201);
    return (await res.json()) as Turn;
  };
  const say = async (conversationId: string, text: string, role: Role = 'editor'): Promise<Turn> => {
    const res = await call(role, 'POST', `/api/preview/conversations/${conversationId}/activities`, { type: 'message', text, channelData: { clientActivityID: 'c-1' } });
    expect(res.status, await res.clone().text()).to.equal(200);
    return (await res.json()) as Turn;
  };
  const greetingYaml = async (): Promise<string> => ((await (await call('viewer', 'GET', '/api/flows/greeting')).json()) as { yaml: string }).yaml;
  const customerGreeting = async (): Promise<string> => {
    // The published bot, as a customer reaches it: the FAQ page's greeting topic runs on the published flows.
    const topic = app.flows.current()?.topics.find((t) => t.id === 'greeting');
    const action = topic?.trigger.actions[0] as { text?: { 'en-US': string } } | undefined;
    return action?.text?.['en-US'] ?? '';
  };

  it('refuses strangers (401), viewers (403) and requests without the CSRF token (403)', async () => {
    expect((await call(undefined, 'POST', '/api/preview/conversations', {})).status).to.equal(401);
    expect((await call('viewer', 'POST', '/api/preview/conversations', {})).status).to.equal(403);
    expect((await call('viewer', 'POST', '/api/preview/flow-tests')).status).to.equal(403);
    const noCsrf = await fetch(`${app.url}/api/preview/conversations`, { method: 'POST', headers: { cookie: as.editor!.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(noCsrf.status).to.equal(403);
    expect((await start('admin')).replies.length).to.be.greaterThan(0);
  });

  it('greets with the draft greeting while the published one stays in force for customers', async () => {
    const published = await greetingYaml();
    const draft = published.replace("Hi, I'm Warmline", 'Hello from the draft, I am Warmline');
    expect((await call('editor', 'PUT', '/api/flows/greeting/draft', draft, { 'content-type': 'application/yaml' })).status).to.equal(200);
    try {
      const turn = await start();
      expect(turn.replies.map((r) => r.text).join('\n')).to.contain('Hello from the draft, I am Warmline');
      expect(turn.replies.every((r) => r.from.role === 'bot')).to.equal(true);
      expect(turn.drafted).to.deep.equal(['flows']);
      expect(turn.trace.topics).to.deep.equal(['greeting']);
      expect(turn.trace.actions).to.deep.include({ topicId: 'greeting', actionId: 'hello', kind: 'SendActivity' });
      // Customers still get the published greeting.
      expect(await customerGreeting()).to.contain("Hi, I'm Warmline");
      expect(app.flows.current()?.topics.find((t) => t.id === 'greeting')).to.not.equal(undefined);
    } finally {
      await call('editor', 'DELETE', '/api/flows/greeting/draft');
    }
    // Without the draft, the test chat runs the published greeting again.
    const again = await start();
    expect(again.replies.map((r) => r.text).join('\n')).to.contain("Hi, I'm Warmline");
    expect(again.drafted).to.deep.equal([]);
  });

  it('shows the FAQ entry, its candidates with scores and the policy decision of a question', async () => {
    const { conversationId } = await start();
    const turn = await say(conversationId, 'How do I return an item?');
    expect(turn.activity.text).to.equal('How do I return an item?');
    expect(turn.activity.channelData?.clientActivityID).to.equal('c-1');
    expect(turn.activity.id).to.be.a('string');
    expect(turn.trace.guard).to.equal('dialog');
    const [faq] = turn.trace.faq;
    expect(faq?.decision).to.equal('answer');
    expect(faq?.entryId).to.equal('3');
    expect(faq?.candidates[0]).to.include({ entryId: '3' });
    expect(faq?.candidates[0]?.confidence).to.be.greaterThan(faq?.thresholds.answer ?? 1);
    expect(turn.trace.escalation[0]?.decision.escalate).to.equal(false);
    expect(turn.trace.variables.bot).to.include({ lastEntryId: '3' });
    expect(turn.replies.map((r) => r.text).join('\n')).to.match(/return/i);
  });

  it('shows the topic a question starts, what it waits for and its variables, and the guard that cancels it', async () => {
    const { conversationId } = await start();
    const asked = await say(conversationId, 'where is my order');
    expect(asked.trace.topics).to.include('where-is-my-order');
    expect(asked.trace.variables.topics[0]).to.include({ topicId: 'where-is-my-order', waitingFor: 'askOrder' });
    const cancelled = await say(conversationId, 'cancel');
    expect(cancelled.trace.guard).to.equal('cancel-topic');
    expect(cancelled.trace.variables.topics).to.deep.equal([]);
  });

  it('keeps a test conversation out of the real store: no conversation state, no question for active learning', async () => {
    const { conversationId } = await start();
    const turn = await say(conversationId, 'zebra crossing purple dinosaur');
    expect(turn.trace.faq[0]?.decision).to.equal('none');
    const stored = await app.storage.storage.read([`directline/conversations/${conversationId}/`]);
    expect(stored).to.deep.equal({});
    expect((await app.learning.unanswered('en-US')).map((q) => q.text.toLowerCase())).to.not.include('zebra crossing purple dinosaur');
  });

  it('answers bad input: unknown conversation 404, someone else\'s 404, bad body 400, over-long text 400', async () => {
    expect((await call('editor', 'POST', '/api/preview/conversations/preview-0000000000000000/activities', { type: 'message', text: 'hi' })).status).to.equal(404);
    expect((await call('editor', 'POST', '/api/preview/conversations/nonsense/activities', { type: 'message', text: 'hi' })).status).to.equal(404);
    const { conversationId } = await start();
    expect((await call('admin', 'POST', `/api/preview/conversations/${conversationId}/activities`, { type: 'message', text: 'hi' })).status).to.equal(404);
    const path = `/api/preview/conversations/${conversationId}/activities`;
    const bad = await call('editor', 'POST', path, { type: 'typing' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { code: string }).code).to.equal('InvalidActivity');
    expect((await call('editor', 'POST', path, { type: 'event' })).status).to.equal(400);
    expect((await call('editor', 'POST', '/api/preview/conversations', { locale: 'fr-FR' })).status).to.equal(400);
    const long = await call('editor', 'POST', path, { type: 'message', text: 'x'.repeat(app.config.maxMessageChars * 4 + 1) });
    expect(long.status).to.equal(400);
    expect(((await long.json()) as { code: string }).code).to.equal('TextTooLong');
    // Within the test chat's limit but over the bot's: the bot's own guard answers, and the trace says so.
    const tooLong = await say(conversationId, 'x'.repeat(app.config.maxMessageChars + 1));
    expect(tooLong.trace.guard).to.equal('too-long');
    expect((await call('editor', 'DELETE', `/api/preview/conversations/${conversationId}`)).status).to.equal(204);
    expect((await call('editor', 'POST', path, { type: 'message', text: 'hi' })).status).to.equal(404);
  });

  it('refuses to run drafts that do not load (422, with the problems)', async () => {
    const broken = (await greetingYaml()).replace('kind: SendActivity', 'kind: SendActivty');
    await call('editor', 'PUT', '/api/flows/greeting/draft', broken, { 'content-type': 'application/yaml' });
    try {
      const res = await call('editor', 'POST', '/api/preview/conversations', {});
      expect(res.status).to.equal(422);
      const body = (await res.json()) as { code: string; problems: { kind: string; file?: string }[] };
      expect(body.code).to.equal('PreviewBlocked');
      expect(body.problems[0]).to.include({ kind: 'flows', file: 'greeting.yaml' });
    } finally {
      await call('editor', 'DELETE', '/api/flows/greeting/draft');
    }
  });

  it('runs the draft flow tests: every test listed, a failing one with what failed', async () => {
    const passing = await call('editor', 'POST', '/api/preview/flow-tests');
    expect(passing.status).to.equal(200);
    const all = (await passing.json()) as { passed: number; failed: number; results: { test: string; passed: boolean }[] };
    expect(all.failed).to.equal(0);
    expect(all.passed).to.equal(all.results.length).and.be.greaterThan(5);
    const changed = (await greetingYaml()).replace("Hi, I'm Warmline", 'Hello from the draft, I am Warmline');
    await call('editor', 'PUT', '/api/flows/greeting/draft', changed, { 'content-type': 'application/yaml' });
    try {
      const failing = (await (await call('editor', 'POST', '/api/preview/flow-tests')).json()) as { failed: number; results: { test: string; file: string; passed: boolean; message?: string; line?: number }[] };
      expect(failing.failed).to.be.greaterThan(0);
      const failed = failing.results.find((r) => !r.passed);
      expect(failed).to.include({ test: 'greets in English', file: 'greeting.test.yaml' });
      expect(failed?.message).to.match(/Hello from the draft/);
      expect(failed?.line).to.be.a('number');
    } finally {
      await call('editor', 'DELETE', '/api/flows/greeting/draft');
    }
  });
});
