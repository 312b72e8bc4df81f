import { useCallback, useEffect, useMemo, useState } from 'react';
import { applyNodeChanges, Background, Controls, ReactFlow } from '@xyflow/react';
import type { NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Language } from '../../strings';
import { ActionNode } from './ActionNode';
import { layoutGraph } from './canvasLayout';
import type { ActionFlowNode } from './canvasLayout';
import type { FlowsWords } from './flowsStrings';
import type { FlowEdge, FlowNode, TopicGraph } from './topicGraph';

const nodeTypes = { action: ActionNode };

/** What a node says: its text in the screen's language, else the other one, else what it does. */
export function nodeText(node: FlowNode, language: Language): string {
  return node.texts[language] || node.texts[language === 'en-US' ? 'zh-CN' : 'en-US'] || node.detail;
}

/** The canvas: one node per action, laid out by dagre; Tab reaches each node, Enter or Space selects it. */
export function FlowCanvas({ graph, language, words, selected, onSelect }: { graph: TopicGraph; language: Language; words: FlowsWords; selected: string | undefined; onSelect: (key: string | undefined) => void }) {
  const laid = useMemo(() => {
    const describe = (node: FlowNode) => {
      if (node.role === 'trigger') return { label: words.triggerLabel(node.kind), text: '' };
      if (node.role === 'end') return { label: words.endNode, text: '' };
      const text = nodeText(node, language);
      return { label: `${node.kind} “${node.actionId}”${text ? `: ${text}` : ''}`, text };
    };
    const edgeLabel = (edge: FlowEdge) => (edge.kind === 'condition' ? edge.label : edge.kind === 'else' ? words.elseBranch : edge.kind === 'onError' ? words.onError : undefined);
    return layoutGraph(graph, describe, edgeLabel);
  }, [graph, language, words]);
  const [nodes, setNodes] = useState<ActionFlowNode[]>(laid.nodes);
  useEffect(() => setNodes(laid.nodes.map((n) => ({ ...n, selected: n.id === selected }))), [laid, selected]);
  const onNodesChange = useCallback(
    (changes: NodeChange<ActionFlowNode>[]) => {
      const picked = changes.find((c) => c.type === 'select' && c.selected);
      if (picked && 'id' in picked) onSelect(picked.id);
      else if (changes.some((c) => c.type === 'select')) onSelect(undefined);
      setNodes((now) => applyNodeChanges(changes, now));
    },
    [onSelect],
  );
  // Opens on the start of the flow, readable, rather than the whole of a long topic too small to read.
  const fitViewOptions = useMemo(() => ({ nodes: laid.nodes.filter((n) => n.position.y < 480).map((n) => ({ id: n.id })), minZoom: 0.6, maxZoom: 1, padding: 0.06 }), [laid]);
  const ariaLabelConfig = useMemo(
    () => ({
      'node.a11yDescription.default': words.nodeHelp,
      'node.a11yDescription.keyboardDisabled': words.nodeHelp,
      'edge.a11yDescription.default': words.edgeHelp,
      'controls.ariaLabel': words.controls,
      'controls.zoomIn.ariaLabel': words.zoomIn,
      'controls.zoomOut.ariaLabel': words.zoomOut,
      'controls.fitView.ariaLabel': words.fitView,
    }),
    [words],
  );
  return (
    <div className="flow-canvas" role="region" aria-label={words.canvas}>
      <ReactFlow
        nodes={nodes}
        edges={laid.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
        ariaLabelConfig={ariaLabelConfig}
      >
        <Controls showInteractive={false} />
        <Background />
      </ReactFlow>
    </div>
  );
}
