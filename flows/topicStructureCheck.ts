/**
 * Checks of one topic's own structure: ids unique within it, every GotoAction landing on one of its
 * actions, no action stranded after one that always ends the way, and regex entities that compile.
 */
import { yamlPath } from '../yaml/yamlProblems';
import { actionLists, actionSites, triggerPath } from './actionTree';
import type { Action, Topic } from './flowDefinition';
import type { Report } from './problemReport';
import type { YamlSegments } from './yamlSource';

/** Reports every structural problem of `topic`. */
export function checkStructure(topic: Topic, report: Report): void {
  const sites = actionSites(topic);
  checkIds(topic, report);
  const actionIds = new Set(sites.map((s) => s.action.id));
  const gotoTargets = new Set<string>();
  for (const { action, path } of sites) {
    if (action.kind === 'GotoAction') {
      if (actionIds.has(action.actionId)) gotoTargets.add(action.actionId);
      else report('unknown-action', topic, [...path, 'actionId'], `goes to "${action.actionId}", but this topic has no action with that id`);
    }
    if (action.kind === 'Question' && action.entity.kind === 'regex') {
      try {
        new RegExp(action.entity.pattern, action.entity.flags);
      } catch (err) {
        report('invalid-regex', topic, [...path, 'entity', 'pattern'], `the pattern does not compile: ${(err as Error).message}`);
      }
    }
  }
  checkReachable(topic, gotoTargets, report);
}

function checkIds(topic: Topic, report: Report): void {
  const seen = new Map<string, YamlSegments>();
  const claim = (id: string, path: YamlSegments): void => {
    const first = seen.get(id);
    if (first) report('duplicate-id', topic, [...path, 'id'], `the id "${id}" is already used at ${yamlPath(first)}; ids must be unique within a topic`);
    else seen.set(id, path);
  };
  claim(topic.trigger.id, triggerPath);
  for (const { action, path } of actionSites(topic)) {
    claim(action.id, path);
    if (action.kind === 'ConditionGroup') action.conditions.forEach((c, i) => claim(c.id, [...path, 'conditions', i]));
  }
}

/** Actions after one that always ends the way (unless a GotoAction lands on them) can never run. */
function checkReachable(topic: Topic, gotoTargets: ReadonlySet<string>, report: Report): void {
  for (const list of actionLists(topic)) {
    let endedBy: Action | undefined;
    let stranded: number[] = [];
    const flush = (): void => {
      const first = stranded[0];
      if (endedBy && first !== undefined) {
        const more = stranded.length > 1 ? ` (nor can the ${stranded.length - 1} after it)` : '';
        report('unreachable-action', topic, [...list.path, first], `can never run${more}: "${endedBy.id}" before it ${endings[endedBy.kind] ?? 'always ends the topic'}; remove it, or make it the target of a GotoAction`);
      }
      stranded = [];
    };
    list.actions.forEach((action, i) => {
      if (gotoTargets.has(action.id)) {
        flush();
        endedBy = undefined;
      }
      if (endedBy) stranded.push(i);
      else if (alwaysEnds(action)) endedBy = action;
    });
    flush();
  }
}

const endings: Partial<Record<Action['kind'], string>> = {
  EndDialog: 'always ends the topic (EndDialog)',
  CancelAllDialogs: 'always ends every topic (CancelAllDialogs)',
  GotoAction: 'always jumps elsewhere (GotoAction)',
  TransferToAgent: 'always hands the customer to a person (TransferToAgent)',
  ConditionGroup: 'ends the topic on every branch (ConditionGroup)',
};

/** True when nothing after `action` in its list runs: it ends, jumps or hands over, unconditionally. */
function alwaysEnds(action: Action): boolean {
  if (action.condition) return false;
  switch (action.kind) {
    case 'EndDialog':
    case 'CancelAllDialogs':
    case 'GotoAction':
    case 'TransferToAgent':
      return true;
    case 'ConditionGroup':
      return action.elseActions !== undefined && [...action.conditions.map((c) => c.actions), action.elseActions].every((branch) => branch.some(alwaysEnds));
    default:
      return false;
  }
}
