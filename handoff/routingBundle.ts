/**
 * Routing (`routing.yaml`) and the agent roster (`agents.yaml`) as a published version holds them:
 * one YAML file each, checked by the same loaders as at start-up. The roster is checked against the
 * queues of the routing in force, and a routing that would take away a queue the roster in force
 * serves is refused, so the two never disagree.
 */
import type { ContentFile, ContentProblem } from '../publishing/contentBundle';
import { isProblem, onlyYamlFile, yamlFileProblems } from '../publishing/fileProblems';
import { parseAgentRoster } from './agentRosterLoader';
import { RuleEscalationPolicy } from './escalationPolicy';
import type { AgentRoster, RoutingConfig } from './routing';
import { RoutingError } from './routingErrors';
import { parseRouting } from './routingLoader';

/** The routing of a version; throws a {@link RoutingError} (or a TypeError for a bundle that is not one file). */
export function routingOfBundle(files: readonly ContentFile[]): RoutingConfig {
  const file = onlyYamlFile(files, 'Routing');
  if (isProblem(file)) throw new TypeError(file.message);
  const routing = parseRouting(file.text, file.path);
  // The policy checks the escalation phrases once more (each needs a word); it is built from every version taken up.
  new RuleEscalationPolicy(routing.escalation, routing.tiers);
  return routing;
}

/** Every problem of a routing version, and every queue it takes away that the roster in force still uses (an agent or a quick reply). */
export function routingBundleProblems(files: readonly ContentFile[], rosterInForce?: AgentRoster): ContentProblem[] {
  const file = onlyYamlFile(files, 'Routing');
  if (isProblem(file)) return [file];
  let routing: RoutingConfig;
  try {
    routing = routingOfBundle([file]);
  } catch (error) {
    return problemsOf(error, file);
  }
  const queues = new Set(routing.queues.map((q) => q.id));
  const users = [
    ...(rosterInForce?.agents ?? []).map((a) => ({ queues: a.queues, who: `agent "${a.id}" serves` })),
    ...(rosterInForce?.quickReplies ?? []).map((r) => ({ queues: r.queues ?? [], who: `quick reply "${r.id}" is for` })),
  ];
  return users.flatMap(({ queues: used, who }) =>
    used
      .filter((q) => !queues.has(q))
      .map((q) => ({
        file: file.path,
        path: 'queues',
        line: 1,
        message: `takes away queue "${q}", which ${who} in the roster in force; publish a roster without it first (npm run content -- publish agents)`,
        code: 'WL_ROUTING_QUEUE_IN_USE',
      })),
  );
}

/** The roster of a version, checked against `queueIds` (the routing in force). */
export function rosterOfBundle(files: readonly ContentFile[], queueIds: readonly string[]): AgentRoster {
  const file = onlyYamlFile(files, 'The agent roster');
  if (isProblem(file)) throw new TypeError(file.message);
  return parseAgentRoster(file.text, file.path, queueIds);
}

/** Every problem of a roster version, against the queues of the routing in force. */
export function rosterBundleProblems(files: readonly ContentFile[], queueIds: readonly string[]): ContentProblem[] {
  const file = onlyYamlFile(files, 'The agent roster');
  if (isProblem(file)) return [file];
  try {
    rosterOfBundle([file], queueIds);
    return [];
  } catch (error) {
    return problemsOf(error, file);
  }
}

function problemsOf(error: unknown, file: ContentFile): ContentProblem[] {
  if (error instanceof RoutingError) return yamlFileProblems(file, error.problems, error.code);
  return [{ file: file.path, message: error instanceof Error ? error.message : String(error) }];
}
