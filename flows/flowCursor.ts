/**
 * Finding places in a topic's nested action lists: the action a cursor points at, and the cursor of
 * an action id (for GotoAction). A cursor is plain data (list and index per level), so it survives
 * being saved between turns.
 */
import type { Action, Topic } from './flowDefinition';
import type { ActionList, CursorStep } from './flowState';

/** What a cursor points at: an action, the end of its list, or nothing (a cursor from elsewhere). */
export type Located =
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'end' }
  | { readonly kind: 'invalid'; readonly detail: string };

/** The action lists nested in one action, with the name a cursor uses for each. */
export function nestedLists(action: Action): { readonly list: ActionList; readonly actions: readonly Action[] }[] {
  if (action.kind === 'ConditionGroup') {
    return [...action.conditions.map((c, i) => ({ list: i, actions: c.actions })), { list: 'else' as const, actions: action.elseActions ?? [] }];
  }
  if (action.kind === 'HttpRequest') return [{ list: 'onError', actions: action.onError ?? [] }];
  return [];
}

function nestedList(action: Action, list: ActionList): readonly Action[] | undefined {
  return nestedLists(action).find((n) => n.list === list)?.actions;
}

/** The list that `cursor[depth]` walks, or undefined when the cursor does not fit the topic. */
function listAt(topic: Topic, cursor: readonly CursorStep[], depth: number): readonly Action[] | undefined {
  let list: readonly Action[] | undefined = cursor[0]?.list === 'actions' ? topic.trigger.actions : undefined;
  for (let d = 1; d <= depth && list; d += 1) {
    const container = list[cursor[d - 1]?.index ?? -1];
    const step = cursor[d];
    list = container && step ? nestedList(container, step.list) : undefined;
  }
  return list;
}

/** The action a cursor points at in a topic. */
export function locate(topic: Topic, cursor: readonly CursorStep[]): Located {
  const depth = cursor.length - 1;
  const list = depth >= 0 ? listAt(topic, cursor, depth) : undefined;
  const step = cursor[depth];
  if (!list || !step) return { kind: 'invalid', detail: `position ${describeCursor(cursor)} is not in topic "${topic.id}"` };
  const action = list[step.index];
  return action ? { kind: 'action', action } : { kind: 'end' };
}

/** The cursor of the action with this id, searching every nested list; undefined when there is none. */
export function cursorOf(topic: Topic, actionId: string): CursorStep[] | undefined {
  const search = (actions: readonly Action[], list: ActionList, above: readonly CursorStep[]): CursorStep[] | undefined => {
    for (const [index, action] of actions.entries()) {
      const here = [...above, { list, index }];
      if (action.id === actionId) return here;
      for (const nested of nestedLists(action)) {
        const found = search(nested.actions, nested.list, here);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(topic.trigger.actions, 'actions', []);
}

/** A cursor as an admin or a log reader sees it: `actions[2].else[0]`. */
export function describeCursor(cursor: readonly CursorStep[]): string {
  return cursor.map((s) => (typeof s.list === 'number' ? `conditions[${s.list}].actions[${s.index}]` : `${s.list}[${s.index}]`)).join('.');
}
