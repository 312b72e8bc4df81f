/**
 * Whether every way through a topic reaches a person (TransferToAgent) or takes a message
 * (TakeMessageOrCallback): what an OnEscalate topic must do, so a customer who asked for a person is
 * never left with the bot (P1). Walks every path: a conditional action both runs and is skipped,
 * each ConditionGroup branch is taken (and the missing `else`), a failed HttpRequest takes `onError`
 * and is assumed to end there, a BeginDialog runs the other topic, a GotoAction jumps.
 */
import { yamlPath } from '../yaml/yamlProblems';
import { nestedLists, triggerPath } from './actionTree';
import type { ActionList } from './actionTree';
import type { Topic } from './flowDefinition';
import type { YamlSegments } from './yamlSource';

/** How a path through a topic ends, worst first kept: it reaches a person, returns to its caller, or ends everything. */
export type PathOutcome = { readonly kind: 'reaches' } | { readonly kind: 'returns' | 'fails'; readonly topic: Topic; readonly at: YamlSegments; readonly why: string };

interface Frame {
  readonly list: ActionList;
  readonly index: number;
}

const severity = { reaches: 0, returns: 1, fails: 2 } as const;
const stepLimit = 20_000;

/** The worst way a path through `topic` ends; `topics` resolves BeginDialog. */
export function escalationOutcome(topic: Topic, topics: ReadonlyMap<string, Topic>): PathOutcome {
  return new PathWalk(topics).topicOutcome(topic, []);
}

class PathWalk {
  private steps = 0;

  constructor(private readonly topics: ReadonlyMap<string, Topic>) {}

  topicOutcome(topic: Topic, calling: readonly string[]): PathOutcome {
    return this.explore(topic, [{ list: { path: [...triggerPath, 'actions'], actions: topic.trigger.actions }, index: 0 }], new Set(), [...calling, topic.id]);
  }

  private explore(topic: Topic, start: readonly Frame[], seen: ReadonlySet<string>, calling: readonly string[]): PathOutcome {
    let frames = [...start];
    const visited = new Set(seen);
    for (;;) {
      if ((this.steps += 1) > stepLimit) return { kind: 'fails', topic, at: triggerPath, why: 'has too many paths to check' };
      const top = frames[frames.length - 1];
      if (!top) return { kind: 'returns', topic, at: [...triggerPath, 'actions'], why: 'reaches the end of its actions' };
      const action = top.list.actions[top.index];
      if (!action) {
        frames = advance(frames.slice(0, -1));
        if (frames.length === 0) return { kind: 'returns', topic, at: top.list.path, why: 'reaches the end of its actions' };
        continue;
      }
      const at = [...top.list.path, top.index];
      const key = `${yamlPath(at)}@${frames.length}`;
      if (visited.has(key)) return { kind: 'fails', topic, at, why: `loops back to "${action.id}"` };
      visited.add(key);
      const outcomes: PathOutcome[] = [];
      if (action.condition) outcomes.push(this.explore(topic, advance(frames), visited, calling));
      outcomes.push(this.run(topic, frames, at, visited, calling));
      return worst(outcomes);
    }
  }

  /** The outcome of running the action the last frame points at, then whatever follows. */
  private run(topic: Topic, frames: readonly Frame[], at: YamlSegments, visited: ReadonlySet<string>, calling: readonly string[]): PathOutcome {
    const top = frames[frames.length - 1] as Frame;
    const action = top.list.actions[top.index];
    const next = (): PathOutcome => this.explore(topic, advance(frames), visited, calling);
    switch (action?.kind) {
      case 'TransferToAgent':
      case 'TakeMessageOrCallback':
        return { kind: 'reaches' };
      case 'EndDialog':
        return { kind: 'returns', topic, at, why: `ends at "${action.id}" (EndDialog)` };
      case 'CancelAllDialogs':
        return { kind: 'fails', topic, at, why: `ends every topic at "${action.id}" (CancelAllDialogs)` };
      case 'GotoAction': {
        const target = framesOf(topic, action.actionId);
        return target ? this.explore(topic, target, visited, calling) : { kind: 'fails', topic, at, why: `goes to "${action.actionId}", which does not exist` };
      }
      case 'ConditionGroup': {
        const branches = nestedLists(action, at).map((list) => this.explore(topic, [...frames, { list, index: 0 }], visited, calling));
        return worst(action.elseActions ? branches : [...branches, next()]);
      }
      case 'HttpRequest': {
        const failed = this.explore(topic, [{ list: { path: [...at, 'onError'], actions: action.onError ?? [] }, index: 0 }], visited, calling);
        const failure: PathOutcome = failed.kind === 'returns' ? { ...failed, why: `when "${action.id}" (HttpRequest) fails, ${failed.why === 'reaches the end of its actions' ? 'its onError path ends' : failed.why}` } : failed;
        return worst([failure, next()]);
      }
      case 'BeginDialog': {
        const callee = this.topics.get(action.dialog);
        if (!callee) return { kind: 'fails', topic, at, why: `begins "${action.dialog}", which does not exist` };
        if (calling.includes(callee.id)) return { kind: 'fails', topic, at, why: `begins "${callee.id}" again from inside itself` };
        const inner = this.topicOutcome(callee, calling);
        return inner.kind === 'returns' ? next() : inner;
      }
      default:
        return next();
    }
  }
}

/** The frames after the last one moves on by one (and, at the end of a nested list, its parent). */
function advance(frames: readonly Frame[]): Frame[] {
  const top = frames[frames.length - 1];
  return top ? [...frames.slice(0, -1), { list: top.list, index: top.index + 1 }] : [];
}

/** The frames that point at the action with `id`, nested lists included. */
function framesOf(topic: Topic, id: string): Frame[] | undefined {
  const search = (list: ActionList, above: readonly Frame[]): Frame[] | undefined => {
    for (const [index, action] of list.actions.entries()) {
      const here = [...above, { list, index }];
      if (action.id === id) return here;
      for (const nested of nestedLists(action, [...list.path, index])) {
        const found = search(nested, here);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search({ path: [...triggerPath, 'actions'], actions: topic.trigger.actions }, []);
}

function worst(outcomes: readonly PathOutcome[]): PathOutcome {
  return outcomes.reduce((a, b) => (severity[b.kind] > severity[a.kind] ? b : a), { kind: 'reaches' } as PathOutcome);
}
