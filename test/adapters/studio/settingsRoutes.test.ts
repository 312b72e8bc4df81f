import { expect } from 'chai';
import type { Role } from '../../../accounts/roles';
import type { WarmlineApp } from '../../../index';
import { startTestApp } from '../../support/testApp';
import { signedInAsEachRole } from '../../support/studioAccounts';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

interface SettingsView {
  readonly kind: string;
  readonly eTag: string | null;
  readonly changed: boolean;
  readonly document: Record<string, unknown> & { queues?: { id: string; hours: unknown }[] };
  readonly files: { path: string; text: string }[];
  readonly problems: { file?: string; path?: string; line?: number; message: string }[];
  readonly choices: Record<string, unknown>;
}

/** Routing, agents, offers and messages as JSON documents for the studio's forms, with each role. */
describe('adapters/studio/settingsRoutes: settings documents for the forms', function () {
  this.timeout(20_000);
  let app: WarmlineApp;
  const as: Partial<Record<Role, Session>> = {};

  before(async () => {
    app = await startTestApp();
    Object.assign(as, await signedInAsEachRole(app));
  });
  after(async () => {
    await app?.stop();
  });
  afterEach(async () => {
    for (const kind of ['routing', 'agents', 'offers', 'messages']) await call('admin', 'DELETE', `/api/content/${kind}/draft`);
  });

  const call = (role: Role | undefined, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const s = role ? as[role] : undefined;
    const json: Record<string, string> = body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' };
    return fetch(`${app.url}${urlPath}`, {
      method,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...json, ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  };
  const read = async (kind: string, role: Role = 'viewer'): Promise<SettingsView> => (await (await call(role, 'GET', `/api/${kind === 'messages' ? 'message-catalogue' : kind}`)).json()) as SettingsView;

  it('shows every signed-in role the published routing as a document with its YAML and choices, and nobody else', async () => {
    expect((await call(undefined, 'GET', '/api/routing')).status).to.equal(401);
    const routing = await read('routing');
    expect(routing.changed).to.equal(false);
    expect(routing.eTag).to.equal(null);
    expect(routing.problems).to.deep.equal([]);
    expect(routing.document.queues?.map((q) => q.id)).to.deep.equal(['general', 'orders', 'specialists']);
    expect(routing.files[0]?.text).to.contain('# Routing for Lumen & Co.');
    expect(routing.choices.timeZones).to.include('Europe/London');
    expect(routing.choices.reasons).to.include('complaint');
    const agents = await read('agents');
    expect((agents.choices.queues as { id: string }[]).map((q) => q.id)).to.deep.equal(['general', 'orders', 'specialists']);
    // The message catalogue is not under the bot's own endpoint, POST /api/messages.
    expect((await call('viewer', 'GET', '/api/messages')).status).to.equal(405);
    const messages = await read('messages');
    expect(Object.keys(messages.document)).to.deep.equal(['en-US', 'zh-CN']);
    expect(messages.choices.keys).to.deep.include({ key: 'bot.tooLong', placeholders: ['limit'] });
    const offers = await read('offers');
    expect(offers.choices.propensities).to.deep.equal(['thompson', 'mean']);
  });

  it('saves an editor’s change to a queue’s hours into the draft YAML, comments kept, and refuses a viewer (403) and a stranger (401)', async () => {
    const { document } = await read('routing');
    const queues = document.queues as { id: string; hours: { weekly: Record<string, string[]> } }[];
    queues[2]!.hours.weekly.sat = ['10:00-14:00'];
    expect((await call(undefined, 'PUT', '/api/routing', { document })).status).to.equal(401);
    expect((await call('viewer', 'PUT', '/api/routing', { document })).status).to.equal(403);
    const saved = await call('editor', 'PUT', '/api/routing', { document });
    expect(saved.status).to.equal(200);
    const body = (await saved.json()) as SettingsView;
    expect(saved.headers.get('etag')).to.equal(`"${body.eTag}"`);
    expect(body.changed).to.equal(true);
    expect(body.problems).to.deep.equal([]);
    const text = body.files[0]?.text ?? '';
    expect(text).to.contain('sat: ["10:00-14:00"]');
    expect(text).to.contain('# Spring bank holiday');
    expect(text).to.contain('# Routing for Lumen & Co.');
    // What the editor saved is the routing draft a publish would take.
    const plan = (await (await call('viewer', 'GET', '/api/drafts')).json()) as { kinds: { kind: string }[] };
    expect(plan.kinds.map((k) => k.kind)).to.deep.equal(['routing']);
  });

  it('answers a closing time before the opening time with the problem at its YAML path and line, as a publish would', async () => {
    const { document } = await read('routing');
    const queues = document.queues as { hours: { weekly: Record<string, string[]> } }[];
    queues[2]!.hours.weekly.mon = ['17:00-09:00'];
    const body = (await (await call('editor', 'PUT', '/api/routing', { document })).json()) as SettingsView;
    expect(body.problems).to.have.length(1);
    expect(body.problems[0]).to.include({ file: 'routing.yaml', path: 'queues[2].hours.weekly.mon[0]' });
    expect(body.problems[0]?.message).to.contain('the start must be before the end');
    expect(body.problems[0]?.line).to.be.a('number');
    const blocked = await call('admin', 'POST', '/api/publish');
    expect(blocked.status).to.equal(422);
  });

  it('refuses a stale If-Match with 409, and a body that is not JSON, not a document or not the kind’s shape with 4xx', async () => {
    const { document } = await read('agents');
    const agents = document.agents as { display_name: string }[];
    agents[0]!.display_name = 'Ana S.';
    const first = await call('editor', 'PUT', '/api/agents', { document });
    const eTag = first.headers.get('etag') ?? '';
    agents[0]!.display_name = 'Ana Souza-Lee';
    expect((await call('editor', 'PUT', '/api/agents', { document }, { 'if-match': eTag })).status).to.equal(200);
    const stale = await call('editor', 'PUT', '/api/agents', { document }, { 'if-match': eTag });
    expect(stale.status).to.equal(409);
    expect(await stale.json()).to.have.property('code', 'DraftChanged');
    expect((await read('agents')).document.agents).to.have.nested.property('[0].display_name', 'Ana Souza-Lee');
    expect((await call('editor', 'PUT', '/api/agents', '{"document": ', { 'content-type': 'application/json' })).status).to.equal(400);
    expect((await call('editor', 'PUT', '/api/agents', 'agents: []', { 'content-type': 'application/yaml' })).status).to.equal(415);
    expect((await call('editor', 'PUT', '/api/agents', { agents: [] })).status).to.equal(400);
    const notMapping = await call('editor', 'PUT', '/api/agents', { document: [1, 2] });
    expect(notMapping.status).to.equal(400);
    expect(await notMapping.json()).to.have.property('code', 'InvalidDocument');
    expect((await call('editor', 'PUT', '/api/message-catalogue', { document: { 'fr-FR': {} } })).status).to.equal(400);
  });

  it('keeps a quick reply with an unknown variable or no Chinese in the draft with each problem at its field, and the publish refuses it (422)', async () => {
    const roster = (await read('agents')).document;
    const replies = roster.quick_replies as { id: string; title: Record<string, string>; text: Record<string, string> }[];
    replies.push({ id: 'gift-wrap', title: { 'en-US': 'Gift wrapping', 'zh-CN': '' }, text: { 'en-US': 'Hi {customer.nmae}, we gift-wrap {order.id} for free.', 'zh-CN': '' } });
    const saved = await call('editor', 'PUT', '/api/agents', { document: roster });
    expect(saved.status).to.equal(200);
    const body = (await saved.json()) as SettingsView;
    const at = replies.length - 1;
    expect(body.problems.map((p) => [p.path, p.message])).to.deep.equal([
      [`quick_replies[${at}].text.en-US`, 'unknown variable {customer.nmae}; use one of {customer.name}, {agent.name}, {queue.name}, {order.id}'],
      [`quick_replies[${at}].title.zh-CN`, 'must not be empty'],
      [`quick_replies[${at}].text.zh-CN`, 'must not be empty'],
    ]);
    expect(body.problems.every((p) => p.file === 'agents.yaml' && typeof p.line === 'number')).to.equal(true);
    expect(body.files[0]?.text).to.contain('id: gift-wrap').and.contain('# Quick replies: canned answers');
    const refused = await call('admin', 'POST', '/api/publish');
    expect(refused.status).to.equal(422);
    expect(JSON.stringify(await refused.json())).to.contain(`quick_replies[${at}].text.en-US`);
    // Fixed, it is a clean draft a publish would take.
    replies[at]!.title['zh-CN'] = '礼品包装';
    replies[at]!.text = { 'en-US': 'Hi {customer.name}, we gift-wrap {order.id} for free.', 'zh-CN': '{customer.name}，您好！订单{order.id}可免费礼品包装。' };
    expect(((await (await call('editor', 'PUT', '/api/agents', { document: roster })).json()) as SettingsView).problems).to.deep.equal([]);
  });

  it('checks a roster against the queues, an offer against the tiers, and messages against their placeholders', async () => {
    const roster = (await read('agents')).document;
    (roster.agents as { queues: string[] }[])[0]!.queues = ['nowhere'];
    const agents = (await (await call('editor', 'PUT', '/api/agents', { document: roster })).json()) as SettingsView;
    expect(agents.problems.map((p) => p.path)).to.deep.equal(['agents[0].queues[0]']);
    const catalogue = (await read('offers')).document;
    const offer = (catalogue.offers as { eligibility?: Record<string, unknown>; title: Record<string, string> }[])[0]!;
    offer.eligibility = { tiers: ['platinum'] };
    offer.title['zh-CN'] = '为您的音响耳机加一份 Lumen Care+';
    const offers = (await (await call('editor', 'PUT', '/api/offers', { document: catalogue })).json()) as SettingsView;
    expect(offers.problems.map((p) => p.path)).to.deep.equal(['offers[0].eligibility.tiers[0]']);
    expect(offers.files[0]?.text).to.contain('为您的音响耳机加一份');
    const messages = (await read('messages')).document as Record<string, { bot: Record<string, string> }>;
    messages['zh-CN']!.bot.tooLong = '这条消息太长了。';
    const saved = (await (await call('editor', 'PUT', '/api/message-catalogue', { document: messages })).json()) as SettingsView;
    expect(saved.problems).to.have.length(1);
    expect(saved.problems[0]).to.include({ file: 'zh-CN.yaml', path: 'bot.tooLong' });
    // Only the file that changed is in the draft.
    const plan = (await (await call('viewer', 'GET', '/api/drafts')).json()) as { kinds: { kind: string; changed: string[] }[] };
    expect(plan.kinds.find((k) => k.kind === 'messages')?.changed).to.deep.equal(['zh-CN.yaml']);
  });
});
