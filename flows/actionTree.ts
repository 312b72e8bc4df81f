/**
 * The lists of actions inside a topic (the trigger's, a ConditionGroup's branches, an HttpRequest's
 * `onError`), walked with the YAML path of each action, so the loader and the validator agree on
 * where an action is and no check forgets a nested list.
 */
import type { Action, Topic } from './flowDefinition';
import type { YamlSegments } from './yamlSource';

/** A list of actions and the YAML path of the list. */
export interface ActionList {
  readonly path: YamlSegments;
  readonly actions: readonly Action[];
}

/** One action where it sits: its list, its index in it, and its YAML path. */
export interface ActionSite {
  readonly action: Action;
  readonly path: YamlSegments;
  readonly list: ActionList;
  readonly index: number;
}

/** The YAML path of a topic's trigger (`beginDialog`). */
export const triggerPath: YamlSegments = ['beginDialog'];

/** The lists directly inside an action (branches, else, onError), with their paths. */
export function nestedLists(action: Action, path: YamlSegments): ActionList[] {
  if (action.kind === 'ConditionGroup') {
    const branches = action.conditions.map((c, i) => ({ path: [...path, 'conditions', i, 'actions'], actions: c.actions }));
    return action.elseActions ? [...branches, { path: [...path, 'elseActions'], actions: action.elseActions }] : branches;
  }
  if (action.kind === 'HttpRequest' && action.onError) return [{ path: [...path, 'onError'], actions: action.onError }];
  return [];
}

/** Every list of actions in a topic, the trigger's first, then depth first. */
export function actionLists(topic: Topic): ActionList[] {
  const lists: ActionList[] = [];
  const visit = (list: ActionList): void => {
    lists.push(list);
    list.actions.forEach((action, i) => nestedLists(action, [...list.path, i]).forEach(visit));
  };
  visit({ path: [...triggerPath, 'actions'], actions: topic.trigger.actions });
  return lists;
}

/** Every action in a topic with where it sits, list by list. */
export function actionSites(topic: Topic): ActionSite[] {
  return actionLists(topic).flatMap((list) => list.actions.map((action, index) => ({ action, path: [...list.path, index], list, index })));
}

/** A copy of `actions` (and every nested list) with each action given what `extra` returns for its path. */
export function mapActions(actions: readonly Action[], path: YamlSegments, extra: (action: Action, path: YamlSegments) => Partial<Action>): Action[] {
  return actions.map((action, i): Action => {
    const at = [...path, i];
    const own = { ...action, ...extra(action, at) } as Action;
    if (own.kind === 'ConditionGroup') {
      const conditions = own.conditions.map((c, k) => ({ ...c, actions: mapActions(c.actions, [...at, 'conditions', k, 'actions'], extra) }));
      return own.elseActions ? { ...own, conditions, elseActions: mapActions(own.elseActions, [...at, 'elseActions'], extra) } : { ...own, conditions };
    }
    if (own.kind === 'HttpRequest' && own.onError) return { ...own, onError: mapActions(own.onError, [...at, 'onError'], extra) };
    return own;
  });
}
