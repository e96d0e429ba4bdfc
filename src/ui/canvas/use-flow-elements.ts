import type { EdgeChange, NodeChange } from "@xyflow/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import type { Position } from "../../domain/workflow";
import { nodeById } from "../../editor/document";
import type { EditorStore } from "../../editor/types";
import { FlowEdgeCache, FlowNodeCache, asEdgeIds, asNodeIds, type FlowEdge, type FlowNode } from "./flow-elements";
import { sortNodeChanges, withLivePositions } from "./node-changes";

type Sizes = ReadonlyMap<string, { width: number; height: number }>;

/** The document as React Flow's nodes and edges, and what React Flow reports back (drags, selections, sizes). */
export interface FlowElements {
  nodes: FlowNode[];
  edges: FlowEdge[];
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  /** The sizes React Flow measured, by node id (read on a click or a key, never per frame). */
  measuredSizes(): Sizes;
}

/**
 * A drag's every pointer move only moves the dragged nodes on the canvas: the document (and everything that follows
 * it: node views' selectors, autosave, the plan) hears of the move once, when the drag ends, as one undo step.
 * `compact`: nodes are drawn zoomed out (see FlowNodeCache). `onMeasured`: React Flow measured a node anew.
 */
export function useFlowElements(editor: EditorStore, compact: boolean, onMeasured: () => void): FlowElements {
  const docNodes = useStore(editor, (s) => s.doc.nodes);
  const docEdges = useStore(editor, (s) => s.doc.edges);
  const selection = useStore(editor, (s) => s.selection);
  const nodeCache = useRef(new FlowNodeCache()).current;
  const edgeCache = useRef(new FlowEdgeCache()).current;
  const [measureTick, setMeasureTick] = useState(0);
  const live = useRef<Map<string, Position> | null>(null);
  const [liveNow, setLiveNow] = useState<ReadonlyMap<string, Position> | null>(null);
  const measuredCallback = useRef(onMeasured);
  measuredCallback.current = onMeasured;

  const selectedNodes = useMemo(() => new Set<string>(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set<string>(selection.edges), [selection.edges]);
  const built = useMemo(
    () => nodeCache.build(docNodes, selectedNodes, compact),
    // measureTick: React Flow measured a node, so its cached size changed; the cache itself never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docNodes, selectedNodes, measureTick, compact, nodeCache],
  );
  const nodes = useMemo(() => withLivePositions(built, liveNow), [built, liveNow]);
  const edges = useMemo(() => {
    const doc = editor.getState().doc;
    return edgeCache.build(docEdges, (id) => nodeById(doc, id)?.type, selectedEdges);
    // docNodes: an edge's port type comes from its nodes, read above through the editor's current doc.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docEdges, docNodes, selectedEdges, editor, edgeCache]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const st = editor.getState();
      const c = sortNodeChanges(
        changes,
        (id) => live.current?.get(id) ?? nodeById(st.doc, id)?.position,
        nodeCache.measured,
        st.selection.nodes,
      );
      if (c.dragging.length) {
        const next = new Map(live.current);
        for (const m of c.dragging) next.set(m.id, m.position);
        live.current = next;
        setLiveNow(next);
      }
      if (c.ended.length) {
        live.current = null;
        setLiveNow(null);
        st.moveNodes(c.ended);
      }
      if (c.selection) st.setSelection({ nodes: asNodeIds(c.selection) });
      if (c.measured.size > 0) {
        for (const [id, size] of c.measured) nodeCache.measured.set(id, size);
        setMeasureTick((t) => t + 1);
        measuredCallback.current();
      }
    },
    [editor, nodeCache],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const st = editor.getState();
      let sel: Set<string> | null = null;
      for (const c of changes) {
        if (c.type !== "select") continue;
        sel ??= new Set(st.selection.edges);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
      if (sel) st.setSelection({ edges: asEdgeIds(sel) });
    },
    [editor],
  );

  const measuredSizes = useCallback((): Sizes => nodeCache.measured, [nodeCache]);
  return { nodes, edges, onNodesChange, onEdgesChange, measuredSizes };
}
