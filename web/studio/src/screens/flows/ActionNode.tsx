import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { ActionFlowNode } from './canvasLayout';

/** One box of the canvas: the action's kind and id, and its text in the screen's language (or what it does). */
export function ActionNode({ data, selected }: NodeProps<ActionFlowNode>) {
  const { node } = data;
  return (
    <div className={`flow-node flow-node-${node.role} flow-kind-${node.kind}${selected ? ' is-selected' : ''}`}>
      {node.role !== 'trigger' && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <div className="flow-node-head">
        <span className="flow-node-kind">{node.role === 'action' ? node.kind : data.label}</span>
        {node.role === 'action' && <span className="flow-node-id">{node.actionId}</span>}
      </div>
      {data.text && <div className="flow-node-text">{data.text}</div>}
      {node.role !== 'end' && <Handle type="source" position={Position.Bottom} isConnectable={false} />}
    </div>
  );
}
