/**
 * The studio's knowledge API (issue 12): entries of each locale's draft base with search, one entry
 * (GET/PUT with If-Match, POST, DELETE), "test this question", batch evaluation, the active-learning
 * review, and import/export as `.qna` or QnA Maker TSV. Every signed-in role reads (and tries
 * questions); editors and admins change the draft. Thin: the work is in knowledge/; this reads
 * requests and answers `{code, message}` errors (with `problems` where there are several).
 */
import type restify from 'restify';
import { guardedRoute } from './guardedRoute';
import type { StudioWork } from './guardedRoute';
import type { Role } from '../../accounts/roles';
import { z } from 'zod';
import { checkEntry, entryIdPattern } from '../../knowledge/editableEntry';
import type { CheckedEntry } from '../../knowledge/editableEntry';
import type { KnowledgeLocale } from '../../knowledge/knowledgeBase';
import { KnowledgeEditError, knowledgeEditCodes } from '../../knowledge/knowledgeEditErrors';
import type { KnowledgeEditCode } from '../../knowledge/knowledgeEditErrors';
import type { KnowledgeTrial } from '../../knowledge/knowledgeTrial';
import { exportKnowledge, importKnowledge } from '../../knowledge/knowledgeTransfer';
import type { KnowledgeWorkspace } from '../../knowledge/knowledgeWorkspace';
import type { LearningReview } from '../../knowledge/learningReview';
import type { ContentProblem } from '../../publishing/contentBundle';
import { sendError } from '../httpServer';
import { editorRoles, ifMatchOf, sendContentError, textBody } from './publishRoutes';
import type { StudioGuard } from './studioGuard';

/** What the knowledge routes use. */
export interface KnowledgeRoutesDeps {
  readonly guard: StudioGuard;
  readonly workspace: KnowledgeWorkspace;
  readonly trial: KnowledgeTrial;
  readonly review: LearningReview;
  /** Every problem the knowledge draft would be refused for at publish (file and line). */
  readonly problems: () => Promise<readonly ContentProblem[]>;
}

const statusOf: Readonly<Record<KnowledgeEditCode, number>> = { EntryNotFound: 404, EntryExists: 409, EntryChanged: 409, EntryNotEditable: 409, KnowledgeBroken: 422, InvalidKnowledgeEdit: 400, KnowledgeUnreadable: 422 };
const locales: Readonly<Record<string, KnowledgeLocale>> = { 'en-us': 'en-US', 'zh-cn': 'zh-CN' };
const localeSchema = z.string().transform((s, ctx) => locales[s.toLowerCase()] ?? (ctx.addIssue({ code: 'custom', message: 'locale is en-US or zh-CN' }), z.NEVER));
const texts = z.array(z.string().trim().min(1).max(500)).min(1).max(200);
const bodies = {
  test: z.strictObject({ locale: localeSchema, question: z.string().trim().min(1).max(2000) }),
  evaluate: z.strictObject({ locale: localeSchema, cases: z.string().max(5_000_000).optional() }),
  accept: z.strictObject({ locale: localeSchema, entryId: z.string().regex(entryIdPattern), texts }),
  reject: z.strictObject({ locale: localeSchema, entryId: z.string().regex(entryIdPattern).optional(), texts }),
};

/** The locale of `?locale=` or `:locale` (en-US, zh-CN in any case), or answers 400. */
function localeOf(value: unknown, res: restify.Response): KnowledgeLocale | undefined {
  const locale = typeof value === 'string' ? locales[value.toLowerCase()] : undefined;
  if (!locale) sendError(res, 400, 'UnknownLocale', 'Name the locale: en-US or zh-CN.');
  return locale;
}

/** The parsed body, or answers 400 naming every problem. */
function bodyOf<T>(schema: z.ZodType<T>, req: restify.Request, res: restify.Response): T | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  res.send(400, { code: knowledgeEditCodes.invalid, message: 'The request body is not what this call takes (JSON; see docs/STUDIO_API.md).', problems });
  return undefined;
}

/** The checked entry of a body, or answers 400 naming every problem. */
function entryOf(body: unknown, res: restify.Response): CheckedEntry | undefined {
  const checked = checkEntry(body);
  if (checked.ok) return checked.entry;
  res.send(400, { code: knowledgeEditCodes.invalid, message: 'The entry has problems; nothing was saved.', problems: checked.problems });
  return undefined;
}

/** Registers the knowledge routes. */
export function registerKnowledgeRoutes(server: restify.Server, deps: KnowledgeRoutesDeps): void {
  const { workspace } = deps;
  const answerError = (res: restify.Response, error: unknown): void => {
    if (error instanceof KnowledgeEditError) return void res.send(statusOf[error.code], { code: error.code, message: error.message, ...(error.problems.length > 0 ? { problems: error.problems } : {}) });
    sendContentError(res, error);
  };
  const run = (roles: readonly Role[], work: StudioWork) => guardedRoute(deps.guard, roles, work, answerError);
  const params = (req: restify.Request): { locale?: unknown; id?: unknown } => req.params as { locale?: unknown; id?: unknown };
  const query = (req: restify.Request): Record<string, unknown> => req.query as Record<string, unknown>;
  const sendEntry = async (res: restify.Response, status: number, view: Awaited<ReturnType<KnowledgeWorkspace['entry']>>, withProblems: boolean): Promise<void> => {
    res.setHeader('ETag', `"${view.tag}"`);
    res.send(status, { ...view, ...(withProblems ? { problems: await deps.problems() } : {}) });
  };

  server.get('/api/knowledge/entries', run([], async (req, res) => {
    const locale = localeOf(query(req).locale, res);
    if (!locale) return;
    const q = typeof query(req).q === 'string' ? String(query(req).q).slice(0, 200) : '';
    const [{ draft, entries }, problems] = await Promise.all([workspace.list(locale, q), deps.problems()]);
    res.send(200, { locale, query: q, entries, basedOn: draft.basedOn, changedFiles: draft.changedFiles, loadProblems: draft.snapshot.locales[locale].problems, problems });
  }));

  server.get('/api/knowledge/entries/:locale/:id', run([], async (req, res) => {
    const locale = localeOf(params(req).locale, res);
    if (locale) await sendEntry(res, 200, await workspace.entry(locale, String(params(req).id)), false);
  }));

  server.put('/api/knowledge/entries/:locale/:id', run(editorRoles, async (req, res, caller) => {
    const locale = localeOf(params(req).locale, res);
    if (!locale) return;
    const entry = entryOf(req.body, res);
    if (entry) await sendEntry(res, 200, await workspace.save(locale, String(params(req).id), entry, caller.session.user, ifMatchOf(req)), true);
  }));

  server.post('/api/knowledge/entries/:locale', run(editorRoles, async (req, res, caller) => {
    const locale = localeOf(params(req).locale, res);
    if (!locale) return;
    const entry = entryOf(req.body, res);
    if (entry) await sendEntry(res, 201, await workspace.create(locale, entry, caller.session.user), true);
  }));

  server.del('/api/knowledge/entries/:locale/:id', run(editorRoles, async (req, res, caller) => {
    const locale = localeOf(params(req).locale, res);
    if (!locale) return;
    await workspace.remove(locale, String(params(req).id), caller.session.user, ifMatchOf(req));
    res.send(200, { locale, id: String(params(req).id), deleted: true, problems: await deps.problems() });
  }));

  server.post('/api/knowledge/test', run([], async (req, res) => {
    const body = bodyOf(bodies.test, req, res);
    if (body) res.send(200, deps.trial.ask((await workspace.draft()).snapshot, body.locale, body.question));
  }));

  server.post('/api/knowledge/evaluate', run([], async (req, res) => {
    const body = bodyOf(bodies.evaluate, req, res);
    if (body) res.send(200, deps.trial.evaluate((await workspace.draft()).snapshot, body.locale, body.cases));
  }));

  server.get('/api/knowledge/review', run([], async (req, res) => {
    const locale = localeOf(query(req).locale, res);
    if (locale) res.send(200, await deps.review.list(locale));
  }));

  server.post('/api/knowledge/review/accept', run(editorRoles, async (req, res, caller) => {
    const body = bodyOf(bodies.accept, req, res);
    if (body) await sendEntry(res, 200, await deps.review.accept(body.locale, body.entryId, body.texts, caller.session.user), true);
  }));

  server.post('/api/knowledge/review/reject', run(editorRoles, async (req, res) => {
    const body = bodyOf(bodies.reject, req, res);
    if (!body) return;
    await deps.review.reject(body.locale, body.texts, body.entryId);
    res.send(204);
  }));

  server.post('/api/knowledge/review/new-entry', run(editorRoles, async (req, res, caller) => {
    const { locale: given, ...body } = (req.body ?? {}) as { locale?: unknown };
    const locale = localeOf(given, res);
    const entry = locale && entryOf(body, res);
    if (locale && entry) await sendEntry(res, 201, await deps.review.newEntry(locale, entry, caller.session.user), true);
  }));

  server.get('/api/knowledge/export', run([], async (req, res) => {
    const locale = localeOf(query(req).locale, res);
    if (!locale) return;
    const format = query(req).format ?? 'qna';
    if (format !== 'qna' && format !== 'tsv') return sendError(res, 400, 'UnknownFormat', 'format is qna or tsv.');
    const { fileName, text } = exportKnowledge((await workspace.draft()).snapshot, locale, format);
    const body = Buffer.from(text, 'utf8');
    res.writeHead(200, { 'Content-Type': format === 'tsv' ? 'text/tab-separated-values; charset=utf-8' : 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`, 'Cache-Control': 'no-store' });
    res.end(body);
  }));

  server.post('/api/knowledge/import', run(editorRoles, async (req, res, caller) => {
    const locale = localeOf(query(req).locale, res);
    if (!locale) return;
    const { format = 'qna', mode = 'merge' } = query(req);
    if (format !== 'qna' && format !== 'tsv') return sendError(res, 400, 'UnknownFormat', 'format is qna or tsv.');
    if (mode !== 'merge' && mode !== 'replace') return sendError(res, 400, 'UnknownMode', 'mode is merge or replace.');
    const text = textBody(req);
    if (text === undefined) return sendError(res, 415, 'TextBodyExpected', 'Send the file as text (Content-Type: text/plain).');
    const summary = await importKnowledge(workspace, locale, text, format, mode, caller.session.user);
    res.send(200, { locale, format, mode, added: summary.added, updated: summary.updated, files: summary.changes.map((c) => ({ path: c.path, deleted: c.text === null })), problems: await deps.problems() });
  }));
}
