/**
 * Places a topic's graph for the canvas with dagre (top to bottom, branches side by side) and turns
 * it into React Flow nodes and edges. Layout only; what the nodes show is ActionNode.tsx.
 */
import dagre from '@dagrejs/dagre';
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { FlowEdge, FlowNode, TopicGraph } from './topicGraph';

/** Size of every box on the canvas (its text is cut to fit). */
export const nodeSize = { width: 230, height: 74 } as const;

/** What a canvas node carries. */
export type ActionNodeData = { readonly node: FlowNode; readonly label: string; readonly text: string };
/** A canvas node of the `action` type (every box: trigger, action, end). */
export type ActionFlowNode = Node<ActionNodeData, 'action'>;

/** Positions every node; edges get their kind as a class and their label. */
export function layoutGraph(graph: TopicGraph, describe: (node: FlowNode) => { label: string; text: string }, edgeLabel: (edge: FlowEdge) => string | undefined): { nodes: ActionFlowNode[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 46, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.key, { width: nodeSize.width, height: node.role === 'action' ? nodeSize.height : 44 });
  // A jump back (GotoAction) must not pull its target below it: it is drawn, not laid out.
  for (const edge of graph.edges) if (edge.kind !== 'goto') g.setEdge(edge.from, edge.to);
  dagre.layout(g);
  const nodes = graph.nodes.map((node): ActionFlowNode => {
    const placed = g.node(node.key);
    const height = node.role === 'action' ? nodeSize.height : 44;
    return {
      id: node.key,
      type: 'action',
      position: { x: (placed?.x ?? 0) - nodeSize.width / 2, y: (placed?.y ?? 0) - height / 2 },
      data: { node, ...describe(node) },
      ariaLabel: describe(node).label,
      draggable: false,
      connectable: false,
      selectable: node.role !== 'end',
      focusable: node.role !== 'end',
      width: nodeSize.width,
      height,
    };
  });
  const edges = graph.edges.map((edge): Edge => {
    const label = edgeLabel(edge);
    return {
      id: edge.key,
      source: edge.from,
      target: edge.to,
      type: edge.kind === 'goto' ? 'default' : 'smoothstep',
      className: `flow-edge flow-edge-${edge.kind}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      focusable: false,
      selectable: false,
      ...(label ? { label, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 3 } : {}),
    };
  });
  return { nodes, edges };
}
