import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '../../../accounts/roles';
import type { WarmlineApp } from '../../../index';
import { parseQnaMakerTsv } from '../../../knowledge/tsvParser';
import { startTestApp } from '../../support/testApp';
import { signedInAsEachRole } from '../../support/studioAccounts';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

interface EntryBody {
  id: string;
  questions: string[];
  answer: string;
  metadata: Record<string, string>;
  prompts: { displayText: string; entryId: string; contextOnly: boolean }[];
}

interface EntryView {
  entry: EntryBody;
  tag: string;
  state: string;
  file: string;
  published?: EntryBody;
  problems?: { file?: string; line?: number; message: string }[];
}

/** The knowledge screen's API with each role, over the test store's knowledge. */
describe('adapters/studio/knowledgeRoutes: entries, test, evaluation, review, import and export', function () {
  this.timeout(30_000);
  let dir: string;
  let app: WarmlineApp;
  const as: Partial<Record<Role, Session>> = {};

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wl-knowledge-api-'));
    app = await startTestApp({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') });
    Object.assign(as, await signedInAsEachRole(app));
  });
  after(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await call('editor', 'DELETE', '/api/content/knowledge/draft');
  });

  const call = (role: Role | undefined, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const s = role ? as[role] : undefined;
    const json = body !== undefined && typeof body !== 'string';
    return fetch(`${app.url}${urlPath}`, {
      method,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: json ? JSON.stringify(body) : (body as string) } : {}),
    });
  };
  const read = async <T>(response: Promise<Response> | Response): Promise<T> => (await (await response).json()) as T;
  const draftFile = async (file: string): Promise<string> => (await read<{ files: { path: string; text: string }[] }>(call('viewer', 'GET', '/api/content/knowledge/draft'))).files.find((f) => f.path === file)?.text ?? '';

  it('lists a locale’s entries with search to any signed-in role, and nobody else', async () => {
    expect((await call(undefined, 'GET', '/api/knowledge/entries?locale=en-US')).status).to.equal(401);
    expect((await call('viewer', 'GET', '/api/knowledge/entries?locale=fr-FR')).status).to.equal(400);
    const all = await read<{ entries: { id: string; question: string; state: string }[] }>(call('viewer', 'GET', '/api/knowledge/entries?locale=en-US'));
    expect(all.entries.map((e) => e.id)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    expect(all.entries.every((e) => e.state === 'published')).to.equal(true);
    const refunds = await read<{ entries: { id: string; question: string }[] }>(call('viewer', 'GET', `/api/knowledge/entries?locale=zh-cn&q=${encodeURIComponent('退款')}`));
    expect(refunds.entries.map((e) => e.id)).to.include('4');
    expect(refunds.entries.every((e) => e.id !== '5')).to.equal(true);
  });

  it('saves an editor’s change to one entry, rewriting only its lines, and refuses a viewer, a stale If-Match and a broken entry', async () => {
    const before = await draftFile('store.en-us.qna');
    const opened = await call('viewer', 'GET', '/api/knowledge/entries/en-US/4');
    const view = (await opened.json()) as EntryView;
    expect(opened.headers.get('etag')).to.equal(`"${view.tag}"`);
    const edited = { ...view.entry, questions: [...view.entry.questions, 'paid back when'], answer: 'Refunds reach your card within **5 working days**.' };
    expect((await call('viewer', 'PUT', '/api/knowledge/entries/en-US/4', edited)).status).to.equal(403);
    const saved = await call('editor', 'PUT', '/api/knowledge/entries/en-US/4', edited, { 'if-match': `"${view.tag}"` });
    expect(saved.status).to.equal(200);
    const after = (await saved.json()) as EntryView;
    expect(after.state).to.equal('changed');
    expect(after.entry.questions.at(-1)).to.equal('paid back when');
    expect(after.published?.answer).to.equal(view.entry.answer);
    expect(after.problems).to.deep.equal([]);
    // Every line outside entry 4 is as it was.
    const text = await draftFile('store.en-us.qna');
    const cut = (t: string): string[] => t.split('\n').filter((_, i, lines) => !isInEntry4(lines, i));
    expect(cut(text)).to.deep.equal(cut(before));
    expect(text).to.contain('- paid back when\n');
    const stale = await call('editor', 'PUT', '/api/knowledge/entries/en-US/4', { ...edited, answer: 'Other.' }, { 'if-match': `"${view.tag}"` });
    expect(stale.status).to.equal(409);
    expect(await stale.json()).to.have.property('code', 'EntryChanged');
    const bad = await call('editor', 'PUT', '/api/knowledge/entries/en-US/4', { ...edited, questions: ['one', 'ONE', 'two\nlines'], answer: ' ' });
    expect(bad.status).to.equal(400);
    const problems = ((await bad.json()) as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(problems).to.include.members(['questions.1', 'questions.2', 'answer']);
  });

  it('adds an entry in both languages under one id, refuses a taken id, and deletes it', async () => {
    const entry = { questions: ['Do you gift wrap?', 'gift wrapping'], answer: 'Yes, for **¥10**.', metadata: { topic: 'orders' }, prompts: [{ displayText: 'Returns', entryId: '3', contextOnly: false }] };
    const created = await call('editor', 'POST', '/api/knowledge/entries/en-US', entry);
    expect(created.status).to.equal(201);
    const en = (await created.json()) as EntryView;
    expect(en.entry.id).to.equal('7');
    expect(en.state).to.equal('new');
    const zh = await call('editor', 'POST', '/api/knowledge/entries/zh-CN', { ...entry, id: '7', questions: ['可以礼品包装吗？'], answer: '可以，每件 ¥10。' });
    expect(zh.status).to.equal(201);
    expect((await call('editor', 'POST', '/api/knowledge/entries/zh-CN', { ...entry, id: '7' })).status).to.equal(409);
    expect(await draftFile('store.en-us.qna')).to.match(/<a id = "7"><\/a>\n\n# \? Do you gift wrap\?\n- gift wrapping\n/);
    expect((await call('editor', 'DELETE', '/api/knowledge/entries/en-US/7')).status).to.equal(200);
    expect((await call('viewer', 'GET', '/api/knowledge/entries/en-US/7')).status).to.equal(404);
    expect((await call('viewer', 'GET', '/api/knowledge/entries/zh-CN/7')).status).to.equal(200);
  });

  it('tries a question on the draft: the top matches with their confidence, before and after an alternate is added', async () => {
    const before = await read<{ decision: string; matches: { id: string; kind: string; confidence: number }[] }>(call('viewer', 'POST', '/api/knowledge/test', { locale: 'en-US', question: 'money for my return' }));
    // The bot's own engine: the dialog-flow topics in force are matched too.
    expect(before.decision).to.be.oneOf(['suggest', 'answer']);
    const confidenceBefore = before.matches.find((m) => m.id === '4')?.confidence ?? 0;
    expect(before.matches.map((m) => [m.id, m.kind])).to.deep.include.members([
      ['4', 'entry'],
      ['3', 'entry'],
      ['flow:return-item', 'topic'],
    ]);
    await call('editor', 'POST', '/api/knowledge/review/accept', { locale: 'en-US', entryId: '4', texts: ['money for my return'] });
    const after = await read<{ decision: string; answered: string; matches: { id: string; confidence: number; matchedQuestion: string }[] }>(call('viewer', 'POST', '/api/knowledge/test', { locale: 'en-US', question: 'money for my return' }));
    expect(after).to.include({ decision: 'answer', answered: '4' });
    expect(after.matches[0]?.matchedQuestion).to.equal('money for my return');
    expect(after.matches[0]?.confidence).to.be.greaterThan(0.5).and.greaterThan(confidenceBefore);
    expect((await call('viewer', 'POST', '/api/knowledge/test', { locale: 'xx', question: '' })).status).to.equal(400);
  });

  it('scores the draft’s own batch cases or uploaded ones, and names the line of every problem in them', async () => {
    const own = await read<{ n: number; accuracy: number; source: string; cases: { query: string; expected: string; got: string; correct: boolean }[] }>(call('viewer', 'POST', '/api/knowledge/evaluate', { locale: 'en-US' }));
    expect(own.source).to.equal('tests/cases.en-us.tsv');
    expect(own.n).to.equal(own.cases.length).and.be.greaterThan(3);
    expect(own.cases.find((c) => c.query === 'I forgot my password')).to.include({ expected: '5', got: '5', correct: true });
    const uploaded = await read<{ n: number; cases: { line: number }[] }>(call('viewer', 'POST', '/api/knowledge/evaluate', { locale: 'en-US', cases: 'query\texpected\nrefund status please\t4\n' }));
    expect(uploaded.n).to.equal(1);
    expect(uploaded.cases[0]?.line).to.equal(2);
    const broken = await call('viewer', 'POST', '/api/knowledge/evaluate', { locale: 'en-US', cases: 'query\texpected\nfine\t4\nno tab here\n\t5\n' });
    expect(broken.status).to.equal(422);
    expect(((await broken.json()) as { problems: { line: number }[] }).problems.map((p) => p.line)).to.deep.equal([3, 4]);
  });

  it('reviews active learning: accepts a customer’s phrasing as an alternate, rejects another, and makes an entry of an unanswered group', async () => {
    await app.learning.record({ kind: 'chosen', locale: 'en-US', query: 'cash back timing', entryId: '4' });
    await app.learning.record({ kind: 'chosen', locale: 'en-US', query: 'lol what', entryId: '4' });
    for (const query of ['do you ship to Mars', 'shipping to mars?', 'is there a student discount', 'student discounts?', 'how do i return a sofa']) {
      await app.learning.record({ kind: 'unanswered', locale: 'en-US', query, candidateIds: ['1'] });
    }
    type Review = { suggestions: { entryId: string; question: string; alternates: { text: string }[] }[]; groups: { questions: { text: string }[]; likelyEntryId: string }[] };
    const review = await read<Review>(call('viewer', 'GET', '/api/knowledge/review?locale=en-US'));
    expect(review.suggestions).to.have.length(1);
    expect(review.suggestions[0]).to.include({ entryId: '4', question: 'When will I get my refund?' });
    expect(review.suggestions[0]?.alternates.map((a) => a.text)).to.have.members(['cash back timing', 'lol what']);
    const mars = review.groups.find((g) => g.questions.some((q) => q.text === 'do you ship to Mars'));
    expect(mars?.questions.map((q) => q.text)).to.have.members(['do you ship to Mars', 'shipping to mars?']);
    expect(mars?.likelyEntryId).to.equal('1');
    expect(review.groups.map((g) => g.questions.map((q) => q.text).sort())).to.have.deep.members([['do you ship to Mars', 'shipping to mars?'], ['is there a student discount', 'student discounts?'], ['how do i return a sofa']]);

    expect((await call('viewer', 'POST', '/api/knowledge/review/accept', { locale: 'en-US', entryId: '4', texts: ['cash back timing'] })).status).to.equal(403);
    const accepted = await read<EntryView>(call('editor', 'POST', '/api/knowledge/review/accept', { locale: 'en-US', entryId: '4', texts: ['cash back timing'] }));
    expect(accepted.entry.questions).to.include('cash back timing');
    expect((await call('editor', 'POST', '/api/knowledge/review/reject', { locale: 'en-US', entryId: '4', texts: ['lol what'] })).status).to.equal(204);
    const made = await call('editor', 'POST', '/api/knowledge/review/new-entry', { locale: 'en-US', questions: mars?.questions.map((q) => q.text), answer: 'We ship to Earth only, for now.' });
    expect(made.status).to.equal(201);
    expect(((await made.json()) as EntryView).entry.questions[0]).to.equal('do you ship to Mars');
    const after = await read<Review>(call('viewer', 'GET', '/api/knowledge/review?locale=en-US'));
    expect(after.suggestions).to.deep.equal([]);
    expect(after.groups.map((g) => g.questions.map((q) => q.text).sort())).to.have.deep.members([['is there a student discount', 'student discounts?'], ['how do i return a sofa']]);
  });

  it('exports a locale as .qna (the file as written) and as QnA Maker TSV that reads back the same', async () => {
    const qna = await call('viewer', 'GET', '/api/knowledge/export?locale=en-US&format=qna');
    expect(qna.headers.get('content-disposition')).to.equal('attachment; filename="store.en-us.qna"');
    expect(await qna.text()).to.equal(await draftFile('store.en-us.qna'));
    const tsv = await (await call('viewer', 'GET', '/api/knowledge/export?locale=zh-CN&format=tsv')).text();
    const entries = parseQnaMakerTsv(tsv, 'x.tsv').entries;
    const listed = await read<{ entries: { id: string; question: string }[] }>(call('viewer', 'GET', '/api/knowledge/entries?locale=zh-CN'));
    expect(entries.map((e) => [e.id, e.questions[0]])).to.deep.equal(listed.entries.map((e) => [e.id, e.question]));
    expect(entries.find((e) => e.id === '2')?.contextOnly).to.equal(true);
    expect((await call('viewer', 'GET', '/api/knowledge/export?locale=en-US&format=pdf')).status).to.equal(400);
  });

  it('imports .qna or TSV into the draft (merge or replace), and refuses a broken file naming each line', async () => {
    const text = 'text/plain';
    const broken = await call('editor', 'POST', '/api/knowledge/import?locale=en-US&format=qna', '# ? A question\n- alt\n\n# heading\n', { 'content-type': text });
    expect(broken.status).to.equal(422);
    const problems = ((await broken.json()) as { problems: { line: number; message: string }[] }).problems;
    expect(problems.map((p) => p.line)).to.deep.equal([1, 4]);
    const tsv = 'Question\tAnswer\tSource\tMetadata\tQnaId\nWhen will I get my refund?\tWithin a week.\tx\ttopic:refunds\t4\nDo you sell gift cards?\tYes, from ¥50.\tx\t\t40\n';
    const merged = await read<{ added: string[]; updated: string[] }>(call('editor', 'POST', '/api/knowledge/import?locale=en-US&format=tsv&mode=merge', tsv, { 'content-type': text }));
    expect(merged.added).to.deep.equal(['40']);
    expect(merged.updated).to.deep.equal(['4']);
    expect((await read<EntryView>(call('viewer', 'GET', '/api/knowledge/entries/en-US/4'))).entry.answer).to.equal('Within a week.');
    expect((await read<{ entries: unknown[] }>(call('viewer', 'GET', '/api/knowledge/entries?locale=en-US'))).entries).to.have.length(7);
    const replaced = await call('editor', 'POST', '/api/knowledge/import?locale=en-US&format=qna&mode=replace', '<a id = "1"></a>\n# ? Only this\n```\nYes.\n```\n', { 'content-type': text });
    expect(replaced.status).to.equal(200);
    expect((await read<{ entries: { id: string }[] }>(call('viewer', 'GET', '/api/knowledge/entries?locale=en-US'))).entries.map((e) => e.id)).to.deep.equal(['1']);
    expect((await call('viewer', 'POST', '/api/knowledge/import?locale=en-US', 'x', { 'content-type': text })).status).to.equal(403);
  });

  it('puts an accepted phrasing in front of customers once an admin publishes the draft', async () => {
    await app.learning.record({ kind: 'chosen', locale: 'en-US', query: 'paid back when', entryId: '4' });
    expect(app.faq.ask({ text: 'paid back when', locale: 'en-US' }).decision.kind).to.not.equal('answer');
    await call('editor', 'POST', '/api/knowledge/review/accept', { locale: 'en-US', entryId: '4', texts: ['paid back when'] });
    expect((await call('admin', 'POST', '/api/publish')).status).to.equal(200);
    await app.content.check();
    const live = app.faq.ask({ text: 'paid back when', locale: 'en-US' }).decision;
    expect(live.kind).to.equal('answer');
    expect(live.kind === 'answer' && live.candidate.entry.id).to.equal('4');
  });
});

/** True when line `i` belongs to entry 4's block (from its id line to the line before entry 5's id). */
function isInEntry4(lines: readonly string[], i: number): boolean {
  const start = lines.indexOf('<a id = "4"></a>');
  const end = lines.indexOf('<a id = "5"></a>');
  return i >= start && i < end;
}
