/**
 * The studio's drafts and publishing API (issue 12): a draft per content kind, edited file by file;
 * one publish of every draft; versions, rollback and the audit log. Editors change drafts, admins
 * publish and roll back, every signed-in role reads. Thin: drafts, publishing and validation live in
 * publishing/; this reads requests and answers `{code, message}` errors (409 on a stale `If-Match`).
 */
import type restify from 'restify';
import { guardedRoute } from './guardedRoute';
import type { StudioWork } from './guardedRoute';
import type { Role } from '../../accounts/roles';
import { z } from 'zod';
import { contentKinds, isContentKind } from '../../publishing/contentBundle';
import type { ContentKind, ContentProblem } from '../../publishing/contentBundle';
import { diffBundles } from '../../publishing/contentDiff';
import { StaleDraftError } from '../../publishing/contentDrafts';
import type { ContentDrafts, Draft, DraftChange } from '../../publishing/contentDrafts';
import type { DraftPublisher } from '../../publishing/draftPublisher';
import type { ContentVersions } from '../../publishing/contentVersions';
import type { AccountAudit } from '../../accounts/accountAudit';
import { PublishingError, publishingErrorCodes } from '../../publishing/publishingErrors';
import { sendError } from '../httpServer';
import type { StudioGuard } from './studioGuard';

/** What the routes use. */
export interface PublishRoutesDeps {
  readonly guard: StudioGuard;
  readonly drafts: ContentDrafts;
  readonly publisher: DraftPublisher;
  readonly versions: ContentVersions;
  /** Checks one kind's composed draft: every problem (with file and line) it would be refused for. */
  readonly problemsOf: (kind: ContentKind) => Promise<readonly ContentProblem[]>;
  /** Account changes, merged into `GET /api/audit` for admins (`kind=accounts` for these alone). */
  readonly accountAudit?: Pick<AccountAudit, 'list'>;
  /** Told after a publish or a rollback changed what runs, so every instance takes it up at once (not at its next poll). */
  readonly announce?: () => void;
}

/** Roles that may change drafts, and roles that may publish or roll back. */
export const editorRoles = ['editor', 'admin'] as const;
export const publisherRoles = ['admin'] as const;

const rollbackBody = z.strictObject({ kind: z.enum(contentKinds), version: z.string().min(4).max(64).optional() });
const maxAudit = 500;

/** The draft as the API shows it: its changes and the eTag to send back as If-Match. */
export function draftView(kind: ContentKind, draft: Draft | undefined): Record<string, unknown> {
  return { kind, basedOn: draft?.basedOn ?? null, eTag: draft?.eTag ?? null, changes: changesView(draft?.changes ?? []) };
}

/** A draft's changed files as the API shows them: path, deleted or not, who changed it last and when (never the text). */
export function changesView(changes: readonly DraftChange[]): { path: string; deleted: boolean; updatedAt: string; updatedBy: string }[] {
  return changes.map((c) => ({ path: c.path, deleted: c.text === null, updatedAt: c.updatedAt, updatedBy: c.updatedBy }));
}

/** The text body of a PUT (`application/yaml`, `text/plain`, or another text type); undefined when there is none. */
export function textBody(req: restify.Request): string | undefined {
  const type = (req.header('content-type') ?? '').toLowerCase();
  if (/json/.test(type)) return undefined;
  const body = req.body as unknown;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return undefined;
}

/** Answers an error thrown by drafts or publishing with its HTTP status; rethrows anything else. */
export function sendContentError(res: restify.Response, error: unknown): void {
  if (error instanceof StaleDraftError) return sendError(res, 409, 'DraftChanged', error.message);
  if (error instanceof PublishingError) {
    const status =
      error.code === publishingErrorCodes.changedMeanwhile || error.code === publishingErrorCodes.conflict
        ? 409
        : error.code === publishingErrorCodes.unknownVersion || error.code === publishingErrorCodes.nothingPublished || error.code === publishingErrorCodes.noPrevious
          ? 404
          : error.code === publishingErrorCodes.damaged
            ? 500
            : 400;
    return sendError(res, status, error.code, error.message);
  }
  throw error;
}

/** The `If-Match` of a request, without the quotes of an HTTP entity tag. */
export function ifMatchOf(req: restify.Request): string | undefined {
  const value = req.header('if-match');
  return value ? value.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1') : undefined;
}

/** The kind named in the route, or answers 404. */
function kindOf(req: restify.Request, res: restify.Response): ContentKind | undefined {
  const kind = (req.params as { kind?: unknown }).kind;
  if (isContentKind(kind)) return kind;
  sendError(res, 404, 'UnknownContentKind', `Content kinds are ${contentKinds.join(', ')}.`);
  return undefined;
}

/** Registers drafts, publish, rollback, versions and audit. */
export function registerPublishRoutes(server: restify.Server, deps: PublishRoutesDeps): void {
  const { guard, drafts } = deps;
  const run = (roles: readonly Role[], work: StudioWork) => guardedRoute(guard, roles, work, sendContentError);

  // Every kind's draft: what changed (files, who, when, lines against the version it is based on), and what a publish would be refused for.
  server.get('/api/drafts', run([], async (_req, res) => {
    const plan = await deps.publisher.plan();
    const kinds = await Promise.all(
      plan.composed.map(async (draft, i) => {
        const base = draft.basedOn ? await deps.versions.get(draft.kind, draft.basedOn) : undefined;
        return { ...plan.kinds[i], changes: changesView(draft.changes), diff: diffBundles(base?.files, draft.files) };
      }),
    );
    res.send(200, { kinds, problems: plan.problems });
  }));

  // One kind's draft composed over the published files (its files, its changes, its problems).
  server.get('/api/content/:kind/draft', run([], async (req, res) => {
    const kind = kindOf(req, res);
    if (!kind) return;
    const [draft, composed, problems] = await Promise.all([drafts.get(kind), drafts.compose(kind), deps.problemsOf(kind)]);
    if (draft) res.setHeader('ETag', `"${draft.eTag}"`);
    res.send(200, { ...draftView(kind, draft), files: composed.files, problems });
  }));

  // One file of a kind's draft: PUT its text (?path=), or DELETE it from the next version.
  server.put('/api/content/:kind/draft/file', run(editorRoles, async (req, res, caller) => {
    const kind = kindOf(req, res);
    if (!kind) return;
    const path = String((req.query as { path?: unknown }).path ?? '');
    const text = textBody(req);
    if (!path) return sendError(res, 400, 'PathMissing', 'Name the file: ?path=<file in the version>.');
    if (text === undefined) return sendError(res, 415, 'TextBodyExpected', 'Send the file as text (Content-Type: application/yaml or text/plain).');
    const draft = await drafts.put(kind, path, text, caller.session.user, ifMatchOf(req));
    if (draft) res.setHeader('ETag', `"${draft.eTag}"`);
    res.send(200, { ...draftView(kind, draft), problems: await deps.problemsOf(kind) });
  }));
  server.del('/api/content/:kind/draft/file', run(editorRoles, async (req, res, caller) => {
    const kind = kindOf(req, res);
    if (!kind) return;
    const path = String((req.query as { path?: unknown }).path ?? '');
    if (!path) return sendError(res, 400, 'PathMissing', 'Name the file: ?path=<file in the version>.');
    const revert = (req.query as { revert?: unknown }).revert === 'true';
    const draft = revert ? await drafts.revert(kind, path, ifMatchOf(req)) : await drafts.put(kind, path, null, caller.session.user, ifMatchOf(req));
    res.send(200, { ...draftView(kind, draft), problems: await deps.problemsOf(kind) });
  }));
  // Discards a kind's whole draft.
  server.del('/api/content/:kind/draft', run(editorRoles, async (req, res) => {
    const kind = kindOf(req, res);
    if (!kind) return;
    await drafts.discard(kind, ifMatchOf(req));
    res.send(204);
  }));

  server.post('/api/publish', run(publisherRoles, async (_req, res, caller) => {
    const result = await deps.publisher.publish(caller.session.user);
    if (result.status === 'rejected') {
      res.send(422, { code: 'PublishBlocked', message: `${result.problems.length} problem(s) keep the drafts from being published; nothing was published.`, problems: result.problems });
      return;
    }
    if (result.status === 'nothing-to-publish') return sendError(res, 409, 'NothingToPublish', 'No draft has changes to publish.');
    deps.announce?.();
    res.send(200, { versions: result.versions, version: Object.values(result.versions)[0] });
  }));

  server.post('/api/rollback', run(publisherRoles, async (req, res, caller) => {
    const body = rollbackBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'InvalidRollback', `Send JSON {"kind": one of ${contentKinds.join('|')}, "version": "<id or first 4+ digits>"} (no version: the one before).`);
    const result = await deps.versions.rollback(body.data.kind, caller.session.user, body.data.version);
    if (result.status === 'rolledBack') deps.announce?.();
    res.send(200, { kind: body.data.kind, version: result.version, changed: result.status === 'rolledBack' });
  }));

  server.get('/api/versions', run([], async (req, res) => {
    const wanted = (req.query as { kind?: unknown }).kind;
    if (wanted !== undefined && !isContentKind(wanted)) return sendError(res, 400, 'UnknownContentKind', `Content kinds are ${contentKinds.join(', ')}.`);
    const kinds = wanted ? [wanted] : [...contentKinds];
    const lists = await Promise.all(kinds.map(async (kind) => ({ kind, versions: await deps.versions.list(kind) })));
    res.send(200, { kinds: lists });
  }));

  server.get('/api/audit', run([], async (req, res, caller) => {
    const q = req.query as { kind?: unknown; who?: unknown; from?: unknown; to?: unknown; limit?: unknown };
    const accountsOnly = q.kind === 'accounts';
    if (q.kind !== undefined && !accountsOnly && !isContentKind(q.kind)) return sendError(res, 400, 'UnknownContentKind', `Content kinds are ${contentKinds.join(', ')}, or accounts.`);
    if (accountsOnly && caller.session.role !== 'admin') return sendError(res, 403, 'Forbidden', 'The audit of accounts needs the role admin.');
    const from = q.from === undefined ? undefined : new Date(String(q.from));
    const to = q.to === undefined ? undefined : new Date(String(q.to));
    if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) return sendError(res, 400, 'InvalidDate', 'from and to are ISO dates (2026-12-06 or 2026-12-06T10:00:00Z).');
    const limit = Math.min(maxAudit, Math.max(1, Number(q.limit ?? 200) || 200));
    const kinds = accountsOnly ? [] : q.kind ? [q.kind as ContentKind] : [...contentKinds];
    const who = typeof q.who === 'string' && q.who.trim() ? q.who.trim().toLowerCase() : undefined;
    const withAccounts = (accountsOnly || q.kind === undefined) && caller.session.role === 'admin' && deps.accountAudit;
    const all = [
      ...(await Promise.all(kinds.map((kind) => deps.versions.audit(kind, maxAudit)))).flat(),
      ...(withAccounts ? await withAccounts.list({ ...(from ? { from } : {}), ...(to ? { to } : {}), limit }) : []),
    ];
    const entries = all
      .filter((e) => (!who || e.who.toLowerCase().includes(who)) && (!from || new Date(e.at) >= from) && (!to || new Date(e.at) <= to))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, limit);
    res.send(200, { entries });
  }));
}
