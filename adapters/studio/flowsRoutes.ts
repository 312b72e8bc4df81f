/**
 * The studio's dialog flows API (issue 12): the topics, one topic's YAML (published and draft), and
 * the draft of one topic (`PUT /api/flows/:topicId/draft` with the YAML as text, `DELETE` to drop it).
 * Every signed-in role reads; editors and admins change drafts. The draft answer carries every
 * problem the validator finds in that topic's file, with lines, so the editor shows them inline.
 */
import type restify from 'restify';
import { guardedRoute } from './guardedRoute';
import type { Role } from '../../accounts/roles';
import type { FlowSet } from '../../flows/flowDefinition';
import type { ContentProblem } from '../../publishing/contentBundle';
import type { ContentDrafts } from '../../publishing/contentDrafts';
import type { ContentVersions } from '../../publishing/contentVersions';
import { sendError } from '../httpServer';
import { draftView, editorRoles, ifMatchOf, sendContentError, textBody } from './publishRoutes';
import type { StudioCaller, StudioGuard } from './studioGuard';

/** What the flow routes read. */
export interface FlowsRoutesDeps {
  readonly guard: StudioGuard;
  /** The flow set in force on this instance. */
  readonly flows: () => FlowSet | undefined;
  readonly versions: ContentVersions;
  readonly drafts: ContentDrafts;
  /** Every problem of the flows draft as it would be published. */
  readonly problems: () => Promise<readonly ContentProblem[]>;
}

const topicIdPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Registers `GET /api/flows`, `GET /api/flows/:topicId` and the topic's draft routes. */
export function registerFlowsRoutes(server: restify.Server, deps: FlowsRoutesDeps): void {
  const run = (roles: readonly Role[], work: (req: restify.Request, res: restify.Response, caller: StudioCaller, topicId: string) => Promise<void>) =>
    guardedRoute(deps.guard, roles, (req, res, caller) => work(req, res, caller, String((req.params as { topicId?: unknown }).topicId ?? '')), sendContentError);
  /** The file a topic lives in: the published topic's, else `<id>.yaml` (a new topic). */
  const fileOf = (topicId: string): string => deps.flows()?.topics.find((t) => t.id === topicId)?.source.file ?? `${topicId}.yaml`;

  server.get('/api/flows', run([], async (_req, res) => {
    const set = deps.flows();
    const draft = await deps.drafts.get('flows');
    res.send(200, {
      version: set?.version ?? null,
      topics: (set?.topics ?? []).map((t) => ({ id: t.id, displayName: t.displayName, trigger: t.trigger.kind, file: t.source.file })),
      draft: draftView('flows', draft),
    });
  }));

  server.get('/api/flows/:topicId', run([], async (_req, res, _caller, topicId) => {
    const set = deps.flows();
    const topic = set?.topics.find((t) => t.id === topicId);
    if (!set || !topic) return sendError(res, 404, 'TopicNotFound', `No published topic has the id "${topicId.slice(0, 80)}".`);
    const published = await deps.versions.get('flows', set.version);
    const file = published?.files.find((f) => f.path === topic.source.file);
    res.send(200, { version: set.version, id: topic.id, displayName: topic.displayName, trigger: topic.trigger.kind, file: topic.source.file, yaml: file?.text ?? null });
  }));

  // The topic as the draft has it (or as published, when the draft does not change it), with its problems.
  server.get('/api/flows/:topicId/draft', run([], async (_req, res, _caller, topicId) => {
    if (!topicIdPattern.test(topicId)) return sendError(res, 400, 'InvalidTopicId', 'A topic id is lower-case letters, digits and dashes.');
    const file = fileOf(topicId);
    const [draft, composed, published, problems] = await Promise.all([deps.drafts.get('flows'), deps.drafts.compose('flows'), deps.versions.published('flows'), deps.problems()]);
    const text = composed.files.find((f) => f.path === file)?.text ?? null;
    const publishedText = published?.files.find((f) => f.path === file)?.text ?? null;
    if (text === null && publishedText === null) return sendError(res, 404, 'TopicNotFound', `No topic file ${file} in the published flows or the draft.`);
    if (draft) res.setHeader('ETag', `"${draft.eTag}"`);
    res.send(200, { id: topicId, file, yaml: text, published: publishedText, changed: text !== publishedText, ...draftView('flows', draft), problems: problems.filter((p) => !p.file || p.file === file), otherProblems: problems.filter((p) => p.file && p.file !== file).length });
  }));

  server.put('/api/flows/:topicId/draft', run(editorRoles, async (req, res, caller, topicId) => {
    if (!topicIdPattern.test(topicId)) return sendError(res, 400, 'InvalidTopicId', 'A topic id is lower-case letters, digits and dashes.');
    const text = textBody(req);
    if (text === undefined) return sendError(res, 415, 'YamlBodyExpected', 'Send the topic as YAML text: Content-Type: application/yaml.');
    const file = fileOf(topicId);
    const draft = await deps.drafts.put('flows', file, text, caller.session.user, ifMatchOf(req));
    const problems = await deps.problems();
    if (draft) res.setHeader('ETag', `"${draft.eTag}"`);
    res.send(200, { id: topicId, file, ...draftView('flows', draft), problems: problems.filter((p) => !p.file || p.file === file), otherProblems: problems.filter((p) => p.file && p.file !== file).length });
  }));

  // Drops the draft's change to this topic (back to the published YAML); ?delete=true deletes the topic in the draft instead.
  server.del('/api/flows/:topicId/draft', run(editorRoles, async (req, res, caller, topicId) => {
    if (!topicIdPattern.test(topicId)) return sendError(res, 400, 'InvalidTopicId', 'A topic id is lower-case letters, digits and dashes.');
    const file = fileOf(topicId);
    const remove = (req.query as { delete?: unknown }).delete === 'true';
    const draft = remove ? await deps.drafts.put('flows', file, null, caller.session.user, ifMatchOf(req)) : await deps.drafts.revert('flows', file, ifMatchOf(req));
    res.send(200, { id: topicId, file, ...draftView('flows', draft), problems: await deps.problems() });
  }));
}
