/**
 * The studio's settings API (issue 12): routing, the agent roster, offers and the message catalogue
 * as JSON documents for forms. `GET /api/<kind>` (messages: `/api/message-catalogue`) answers the draft (or the published version when
 * there is no draft) as a document, its YAML, its eTag and its problems; `PUT /api/<kind>` takes
 * `{ "document": ... }`, writes it into the draft's YAML (comments kept) and answers the same, with
 * the problems a publish would be refused for. Thin: documents live in publishing/settingsDocuments.
 */
import type restify from 'restify';
import { guardedRoute } from './guardedRoute';
import type { StudioWork } from './guardedRoute';
import type { Role } from '../../accounts/roles';
import { routingOfBundle } from '../../handoff/routingBundle';
import type { ContentInForce } from '../../publishing/adminKinds';
import type { ContentProblem } from '../../publishing/contentBundle';
import type { ContentDrafts } from '../../publishing/contentDrafts';
import { StaleDraftError } from '../../publishing/contentDrafts';
import { settingsChoices, settingsDocumentOf, SettingsDocumentError, settingsFilesFor, settingsKinds } from '../../publishing/settingsDocuments';
import type { SettingsKind } from '../../publishing/settingsDocuments';
import { sendError } from '../httpServer';
import { draftView, editorRoles, ifMatchOf, sendContentError } from './publishRoutes';
import type { StudioGuard } from './studioGuard';

/** What the settings routes use. */
export interface SettingsRoutesDeps {
  readonly guard: StudioGuard;
  readonly drafts: ContentDrafts;
  /** Every problem of a kind's draft as a publish would find it (none when it has no draft). */
  readonly problemsOf: (kind: SettingsKind) => Promise<readonly ContentProblem[]>;
  /** The content in force: the routing and knowledge topics the forms offer when the drafts do not say. */
  readonly inForce: () => ContentInForce;
}

/**
 * Where each kind is served. The message catalogue is not `/api/messages`: that path is the bot's
 * Bot Framework endpoint (POST from the channels), which proxies and firewalls open to Azure Bot Service.
 */
export const settingsPaths: Readonly<Record<SettingsKind, string>> = { routing: '/api/routing', agents: '/api/agents', offers: '/api/offers', messages: '/api/message-catalogue' };

/** Registers `GET` and `PUT` on each of {@link settingsPaths}. */
export function registerSettingsRoutes(server: restify.Server, deps: SettingsRoutesDeps): void {
  const { drafts } = deps;
  const answerError = (res: restify.Response, error: unknown): void => {
    if (error instanceof SettingsDocumentError) return sendError(res, 400, 'InvalidDocument', error.message);
    sendContentError(res, error);
  };
  const run = (roles: readonly Role[], work: StudioWork) => guardedRoute(deps.guard, roles, work, answerError);

  /** The routing the forms name queues and tiers from: the draft's when it reads, else the one in force. */
  const routingNow = async () => {
    try {
      return routingOfBundle((await drafts.compose('routing')).files);
    } catch {
      return deps.inForce().routing;
    }
  };

  const view = async (kind: SettingsKind): Promise<Record<string, unknown>> => {
    const [draft, composed, problems, routing] = await Promise.all([drafts.get(kind), drafts.compose(kind), deps.problemsOf(kind), routingNow()]);
    const context = { ...(routing ? { routing } : {}), ...(deps.inForce().topics ? { topics: deps.inForce().topics } : {}) };
    return {
      ...draftView(kind, draft),
      changed: draft !== undefined,
      document: settingsDocumentOf(kind, composed.files),
      files: composed.files,
      problems,
      choices: settingsChoices(kind, context),
    };
  };
  const answer = async (res: restify.Response, kind: SettingsKind): Promise<void> => {
    const body = await view(kind);
    if (typeof body.eTag === 'string') res.setHeader('ETag', `"${body.eTag}"`);
    res.send(200, body);
  };

  for (const kind of settingsKinds) {
    server.get(settingsPaths[kind], run([], async (_req, res) => answer(res, kind)));

    server.put(settingsPaths[kind], run(editorRoles, async (req, res, caller) => {
      if (!/json/i.test(req.header('content-type') ?? '')) return sendError(res, 415, 'JsonBodyExpected', `Send {"document": ...} as JSON (Content-Type: application/json).`);
      const body = req.body as { document?: unknown } | undefined;
      if (typeof body !== 'object' || body === null || Array.isArray(body) || !('document' in body)) return sendError(res, 400, 'DocumentExpected', `Send {"document": <the whole ${kind} document>}.`);
      const ifMatch = ifMatchOf(req);
      const current = await drafts.get(kind);
      if (ifMatch !== undefined && ifMatch !== '*' && current?.eTag !== ifMatch) throw new StaleDraftError(kind);
      const files = settingsFilesFor(kind, (await drafts.compose(kind)).files, body.document);
      // The first write carries the If-Match; the store's compare-and-set guards the ones after it.
      for (const [index, file] of files.entries()) await drafts.put(kind, file.path, file.text, caller.session.user, index === 0 ? ifMatch : undefined);
      await answer(res, kind);
    }));
  }
}
