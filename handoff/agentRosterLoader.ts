/**
 * Reads the agent roster (`content/agents.yaml`): who takes conversations, in which queues, under
 * which channel identities, and in which language. Validated against the routing file's queues at
 * start-up; every problem is reported at once with its YAML path; the result is frozen.
 *
 * The file uses snake_case keys:
 *
 * ```yaml
 * agents:                       # may be empty: then every handoff goes to the after-hours path
 *   - id: ana                   # lower-case letters, digits, "-"; unique; used in "/transfer ana"
 *     display_name: Ana Souza   # what the customer is told ("Ana has joined")
 *     queues: [general, orders] # queue ids from routing.yaml
 *     skills: [returns]         # optional
 *     user_ids: [agent-ana]     # channel user ids that are this agent; unique across agents
 *     aad_object_id: 5b0c…      # optional Microsoft Entra object id (Teams); unique
 *     locale: en-US             # optional: en-US (default) or zh-CN
 *     capacity: 3               # optional: conversations at once in the workspace (1–10, default 3)
 * quick_replies:                # optional: canned answers agents send (handoff/quickReplies.ts)
 *   - id: greeting              # lower-case letters, digits, "-"; unique
 *     title: { en-US: Greeting, zh-CN: 问候 }
 *     text: { en-US: "Hi {customer.name}, …", zh-CN: "{customer.name}，您好！…" }
 *     queues: [orders]          # optional: only agents of these queues see it
 * ```
 */
import { z } from 'zod';
import { supportedLocales } from '../locale/locale';
import { quickReplyTemplateProblems } from './quickReplies';
import type { QuickReply } from './quickReplies';
import type { AgentProfile, AgentRoster } from './routing';
import { maxAgentCapacity } from './routing';
import { parseRoutingYaml, readRoutingFile, RoutingError, routingErrorCodes, routingProblemsFromZod, yamlPath } from './routingErrors';
import type { RoutingProblem } from './routingErrors';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const agent = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use only lower-case letters, digits and "-"'),
  display_name: z.string().trim().min(1, 'must not be empty'),
  queues: z.array(z.string()).min(1, 'list at least one queue the agent serves'),
  skills: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
  user_ids: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'list at least one channel user id (e.g. agent-ana)'),
  aad_object_id: z.string().regex(guid, 'must be a GUID such as 00000000-0000-0000-0000-000000000000 (the Entra object id)').optional(),
  locale: z.enum(supportedLocales, { error: (i) => `${JSON.stringify(i.input)} is not a supported locale; use en-US or zh-CN` }).default('en-US'),
  capacity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(maxAgentCapacity, `must be at most ${maxAgentCapacity}`).optional(),
});

const schema = z.strictObject({ agents: z.array(z.unknown()), quick_replies: z.array(z.unknown()).default([]) });

/**
 * Validates the roster's text against the routing file's queue ids. `source` names it in error
 * messages. Throws a {@link RoutingError} listing every problem.
 */
export function parseAgentRoster(yamlText: string, source: string, queueIds: readonly string[]): AgentRoster {
  const raw = parseRoutingYaml(yamlText, source);
  const file = schema.safeParse(raw, { reportInput: true });
  if (!file.success) throw new RoutingError(routingErrorCodes.invalid, source, routingProblemsFromZod(file.error.issues));
  // Each agent on its own, so that one agent's mistake does not hide another's.
  const problems: RoutingProblem[] = [];
  const valid: (z.infer<typeof agent> & { readonly index: number })[] = [];
  file.data.agents.forEach((item, index) => {
    const parsed = agent.safeParse(item, { reportInput: true });
    if (parsed.success) valid.push({ ...parsed.data, index });
    else problems.push(...routingProblemsFromZod(parsed.error.issues.map((issue) => ({ ...issue, path: ['agents', index, ...issue.path] }))));
  });
  problems.push(...crossReferenceProblems(valid, queueIds));
  const quickReplies = parseQuickReplies(file.data.quick_replies, queueIds, problems);
  if (problems.length > 0) throw new RoutingError(routingErrorCodes.invalid, source, problems);
  const agents = valid.map(
    (a): AgentProfile =>
      Object.freeze({
        id: a.id,
        displayName: a.display_name,
        queues: Object.freeze([...new Set(a.queues)]),
        skills: Object.freeze(a.skills),
        userIds: Object.freeze(a.user_ids),
        ...(a.aad_object_id === undefined ? {} : { aadObjectId: a.aad_object_id.toLowerCase() }),
        locale: a.locale,
        ...(a.capacity === undefined ? {} : { capacity: a.capacity }),
      }),
  );
  return Object.freeze({ agents: Object.freeze(agents), quickReplies });
}

/** Reads and validates the roster at `file`; see {@link parseAgentRoster}. */
export function loadAgentRoster(file: string, queueIds: readonly string[]): AgentRoster {
  return parseAgentRoster(readRoutingFile(file), file, queueIds);
}

/**
 * The agent behind a channel account, or undefined when the sender is not an agent. The Entra
 * object id (Teams) is matched first, case-insensitively; then the channel user id, exactly.
 */
export function findAgent(roster: AgentRoster, from: { readonly id: string; readonly aadObjectId?: string }): AgentProfile | undefined {
  const aad = from.aadObjectId?.toLowerCase();
  if (aad) {
    const byAad = roster.agents.find((a) => a.aadObjectId?.toLowerCase() === aad);
    if (byAad) return byAad;
  }
  return roster.agents.find((a) => a.userIds.includes(from.id));
}

function crossReferenceProblems(agents: readonly (z.infer<typeof agent> & { readonly index: number })[], queueIds: readonly string[]): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  const ids = new Map<string, number>();
  const userIds = new Map<string, string>();
  const aadIds = new Map<string, string>();
  const known = `the routing file's queues are: ${queueIds.join(', ') || 'none'}`;
  for (const a of agents) {
    const i = a.index;
    const owner = ids.get(a.id);
    if (owner !== undefined) problems.push({ path: yamlPath(['agents', i, 'id']), message: `"${a.id}" is already the id of agents[${owner}]; agent ids must be unique` });
    else ids.set(a.id, i);
    a.queues.forEach((q, j) => {
      if (!queueIds.includes(q)) problems.push({ path: yamlPath(['agents', i, 'queues', j]), message: `no queue "${q}" (${known})` });
    });
    a.user_ids.forEach((u, j) => {
      const other = userIds.get(u);
      if (other !== undefined) problems.push({ path: yamlPath(['agents', i, 'user_ids', j]), message: `"${u}" is already a user id of ${other}; each user id belongs to one agent` });
      else userIds.set(u, `agent "${a.id}"`);
    });
    if (a.aad_object_id !== undefined) {
      const key = a.aad_object_id.toLowerCase();
      const other = aadIds.get(key);
      if (other !== undefined) problems.push({ path: yamlPath(['agents', i, 'aad_object_id']), message: `is already the Entra object id of ${other}` });
      else aadIds.set(key, `agent "${a.id}"`);
    }
  }
  return problems;
}

const localeTexts = (max: number) =>
  z.strictObject({
    'en-US': z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`),
    'zh-CN': z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`),
  });

const quickReply = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use only lower-case letters, digits and "-"'),
  title: localeTexts(60),
  text: localeTexts(1000),
  queues: z.array(z.string()).optional(),
});

/**
 * The roster's `quick_replies`, each checked on its own (shape, variables in every text, queues
 * against the routing, unique ids); problems are added to `problems` with their YAML paths.
 */
function parseQuickReplies(items: readonly unknown[], queueIds: readonly string[], problems: RoutingProblem[]): readonly QuickReply[] {
  const out: QuickReply[] = [];
  const ids = new Map<string, number>();
  items.forEach((item, index) => {
    const at = (...rest: (string | number)[]) => yamlPath(['quick_replies', index, ...rest]);
    // The variables are checked even when something else in the entry is wrong, so one save shows both.
    const texts = isMapping(item) && isMapping(item.text) ? item.text : {};
    for (const locale of supportedLocales) {
      const text = texts[locale];
      if (typeof text === 'string') for (const problem of quickReplyTemplateProblems(text)) problems.push({ path: at('text', locale), message: problem.message });
    }
    const parsed = quickReply.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      problems.push(...routingProblemsFromZod(parsed.error.issues.map((issue) => ({ ...issue, path: ['quick_replies', index, ...issue.path] }))));
      return;
    }
    const reply = parsed.data;
    const owner = ids.get(reply.id);
    if (owner !== undefined) problems.push({ path: at('id'), message: `"${reply.id}" is already the id of quick_replies[${owner}]; quick reply ids must be unique` });
    else ids.set(reply.id, index);
    reply.queues?.forEach((q, j) => {
      if (!queueIds.includes(q)) problems.push({ path: at('queues', j), message: `no queue "${q}" (the routing file's queues are: ${queueIds.join(', ') || 'none'})` });
    });
    out.push(
      Object.freeze({
        id: reply.id,
        title: Object.freeze({ ...reply.title }),
        text: Object.freeze({ ...reply.text }),
        ...(reply.queues === undefined || reply.queues.length === 0 ? {} : { queues: Object.freeze([...new Set(reply.queues)]) }),
      }),
    );
  });
  return Object.freeze(out);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
