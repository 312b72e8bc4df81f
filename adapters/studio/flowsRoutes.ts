/**
 * The studio's read side of dialog flows (issue 12's automation API, first part): the published
 * topics and one topic's YAML, for every signed-in role. Drafts, publish and rollback follow.
 * Thin: the topics come from the running flow set, the text from the published version in the store.
 */
import type restify from 'restify';
import type { FlowSet } from '../../flows/flowDefinition';
import type { ContentVersions } from '../../publishing/contentVersions';
import { sendError } from '../httpServer';
import type { StudioGuard } from './studioGuard';

/** What the flow routes read. */
export interface FlowsRoutesDeps {
  readonly guard: StudioGuard;
  /** The flow set in force on this instance. */
  readonly flows: () => FlowSet | undefined;
  readonly versions: ContentVersions;
}

/** Registers `GET /api/flows` and `GET /api/flows/:topicId`. */
export function registerFlowsRoutes(server: restify.Server, deps: FlowsRoutesDeps): void {
  server.get('/api/flows', async (req: restify.Request, res: restify.Response) => {
    if (!(await deps.guard.requireRole(req, res))) return;
    const set = deps.flows();
    res.send(200, {
      version: set?.version ?? null,
      topics: (set?.topics ?? []).map((t) => ({ id: t.id, displayName: t.displayName, trigger: t.trigger.kind, file: t.source.file })),
    });
  });

  server.get('/api/flows/:topicId', async (req: restify.Request, res: restify.Response) => {
    if (!(await deps.guard.requireRole(req, res))) return;
    const topicId = String((req.params as { topicId?: unknown }).topicId ?? '');
    const set = deps.flows();
    const topic = set?.topics.find((t) => t.id === topicId);
    if (!set || !topic) return sendError(res, 404, 'TopicNotFound', `No published topic has the id "${topicId.slice(0, 80)}".`);
    const published = await deps.versions.get('flows', set.version);
    const file = published?.files.find((f) => f.path === topic.source.file);
    res.send(200, { version: set.version, id: topic.id, displayName: topic.displayName, trigger: topic.trigger.kind, file: topic.source.file, yaml: file?.text ?? null });
  });
}
