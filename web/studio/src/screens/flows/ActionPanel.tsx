import { useId, useState } from 'react';
import { actionKinds, newAction } from './actionTemplates';
import type { ActionKindName } from './actionTemplates';
import { newActionWords } from './flowsStrings';
import type { FlowsWords } from './flowsStrings';
import { deleteAction, insertAction, moveAction } from './topicEdits';
import type { EditResult } from './topicEdits';
import type { FlowNode } from './topicGraph';
import { TextsForm } from './TextsForm';
import { pathKey, readTopic } from './topicYaml';
import type { ActionListSpot, YamlPath } from './topicYaml';

/** An edit made from the panel, and the node to select after it (by YAML path). */
export type CanvasEdit = (result: EditResult, select?: YamlPath) => void;

function listName(list: ActionListSpot, words: FlowsWords): string {
  if (list.role === 'condition') return words.branch(list.condition?.id ?? '');
  if (list.role === 'else') return words.elseBranch;
  if (list.role === 'onError') return words.onError;
  return words.mainList;
}

/** The buttons under the canvas for the selected action: edit its texts, add, move, delete. */
export function ActionPanel({ node, text, words, onEdit }: { node: FlowNode | undefined; text: string; words: FlowsWords; onEdit: CanvasEdit }) {
  const kindId = useId();
  const [kind, setKind] = useState<ActionKindName>('SendActivity');
  const [editing, setEditing] = useState<string | undefined>();
  if (!node || node.role === 'end') return <p className="flow-panel flow-hint">{words.noSelection}</p>;
  const list = node.list;
  const add = (listPath: YamlPath, index: number) => onEdit(insertAction(text, listPath, index, newAction(readTopic(text), kind, newActionWords)), [...listPath, index]);
  const move = (delta: -1 | 1) => list && onEdit(moveAction(text, node.path, delta), [...list.path, list.index + delta]);
  return (
    <div className="flow-panel" role="group" aria-label={node.role === 'trigger' ? words.triggerNode : words.selected(node.kind, node.actionId)}>
      <p className="flow-selected">{node.role === 'trigger' ? words.triggerLabel(node.kind) : words.selected(node.kind, node.actionId)}</p>
      <div className="flow-buttons">
        <button type="button" onClick={() => setEditing(editing === pathKey(node.path) ? undefined : pathKey(node.path))} aria-expanded={editing === pathKey(node.path)}>
          {words.editTexts}
        </button>
        {list && (
          <>
            <button type="button" disabled={list.index === 0} onClick={() => move(-1)}>
              {words.moveUp}
            </button>
            <button type="button" disabled={list.index >= list.length - 1} onClick={() => move(1)}>
              {words.moveDown}
            </button>
            <button type="button" className="flow-danger" onClick={() => onEdit(deleteAction(text, node.path))}>
              {words.delete}
            </button>
          </>
        )}
      </div>
      <div className="flow-buttons">
        <label htmlFor={kindId}>{words.kindToAdd}</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as ActionKindName)}>
          {actionKinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        {list && (
          <button type="button" onClick={() => add(list.path, list.index + 1)}>
            {words.addAfter}
          </button>
        )}
        {node.nested.map((nested) => (
          <button type="button" key={pathKey(nested.path)} onClick={() => add(nested.path, 0)}>
            {words.addInto} {listName(nested, words)}
          </button>
        ))}
      </div>
      {editing === pathKey(node.path) && (
        <TextsForm
          key={pathKey(node.path)}
          node={node}
          text={text}
          words={words}
          onApply={(result) => {
            onEdit(result, node.path);
            if (result.ok) setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </div>
  );
}
