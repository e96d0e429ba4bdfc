import {
  Background,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type NodeProps,
} from "@xyflow/react";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import type { NodeKind } from "../../domain/workflow";
import { nodeById } from "../../editor/document";
import { getDefinition } from "../../nodes/registry";
import { inputsOfNode, type ConnectionVerdict } from "../../nodes/connect";
import { NodeView } from "../node/NodeView";
import { DetailedContext, useZoomShowsDetail } from "../node/detail-level";
import { useServices } from "../services";
import { endpointForNewNode } from "../retired/default-models";
import { canvasBus } from "./canvas-bus";
import { FlowEdgeCache, FlowNodeCache, asEdgeIds, asNodeIds, type FlowNode } from "./flow-elements";
import { portFor, type CatalogEntry, type WireEnd } from "./node-catalog";
import { Palette } from "./Palette";
import { CanvasControls, CanvasMiniMap, useFirstFitOptions, useFitView } from "./CanvasChrome";
import { usePlacement } from "./use-placement";
import { ConnectionRefusal } from "./ConnectionRefusal";
import { verdictsFor, type WireEnds } from "./connection-verdicts";
import "./canvas-feedback.css";

// The search box (and its list of kinds and models) loads when it is first opened: not in the first load.
const NodeSearch = lazy(() => import("./NodeSearch").then((m) => ({ default: m.NodeSearch })));
import { estimatedViewport } from "./viewport";

// React Flow passes position and drag props to node components; the memoised NodeView only
// takes the id, so moving one node does not re-render the others (or even itself).
const nodeTypes = { reelflow: (p: NodeProps<FlowNode>) => <NodeView id={p.id} /> };

interface SearchState {
  at: { x: number; y: number };
  flowAt: { x: number; y: number };
  wire: (WireEnd & { nodeId: string; handleId: string }) | null;
}

export function Canvas() {
  const { editor, toasts, settings } = useServices();
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const docNodes = useStore(editor, (s) => s.doc.nodes);
  const docEdges = useStore(editor, (s) => s.doc.edges);
  const selection = useStore(editor, (s) => s.selection);
  const detailed = useZoomShowsDetail();
  const nodeCache = useRef(new FlowNodeCache()).current;
  const edgeCache = useRef(new FlowEdgeCache()).current;
  const [measureTick, setMeasureTick] = useState(0);
  const [search, setSearch] = useState<SearchState | null>(null);
  const lastPointer = useRef({ x: 0, y: 0 });
  // Asked by React Flow for the handle under a dragged wire (each pointer move of a connection drag only).
  const verdictOf = useMemo(() => verdictsFor(() => editor.getState().doc), [editor]);
  const isValidConnection = useCallback((wire: WireEnds) => verdictOf(wire).ok, [verdictOf]);
  const measuredSizes = useCallback(() => nodeCache.measured, [nodeCache]);
  const placement = usePlacement(wrapper, measuredSizes, editor);
  // A pan or zoom by hand (an event; the view's own glides have none) ends the view following a new node.
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => event && placement.viewMovedByHand(),
    [placement],
  );
  // A wire or a node grabbed by hand ends it too: the view must not glide away under the pointer mid-drag.
  const onGrab = useCallback(() => placement.viewMovedByHand(), [placement]);
  // Start at the zoom the fitted graph will have: a big graph then mounts as compact nodes instead of
  // first mounting every field of every node at zoom 1 (seconds of layout for hundreds of nodes).
  const [initialViewport] = useState(() =>
    estimatedViewport(editor.getState().doc.nodes, window.innerWidth, window.innerHeight - 90),
  );
  // Fits leave room for the palette and the minimap, so no node is drawn under them.
  const firstFit = useFirstFitOptions(editor.getState().doc.nodes, window.innerWidth, window.innerHeight - 90);
  const fitView = useFitView(wrapper);
  // The Fit View button has nothing to do once the fit is asked for: its promise (the view arrived) is not awaited.
  const fitByButton = useCallback(() => void fitView(), [fitView]);

  const selectedNodes = useMemo(() => new Set<string>(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set<string>(selection.edges), [selection.edges]);
  const nodes = useMemo(
    () => nodeCache.build(docNodes, selectedNodes, !detailed),
    // measureTick: React Flow measured a node, so its cached size changed; the cache itself never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docNodes, selectedNodes, measureTick, detailed, nodeCache],
  );
  const edges = useMemo(() => {
    const doc = editor.getState().doc;
    return edgeCache.build(docEdges, (id) => nodeById(doc, id)?.type, selectedEdges);
    // docNodes: an edge's port type comes from its nodes, read above through the editor's current doc.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docEdges, docNodes, selectedEdges, editor, edgeCache]);

  const toScreen = useCallback((clientX: number, clientY: number) => {
    const r = wrapper.current?.getBoundingClientRect();
    return { x: clientX - (r?.left ?? 0), y: clientY - (r?.top ?? 0) };
  }, []);
  const viewCenter = useCallback(() => {
    const r = wrapper.current?.getBoundingClientRect();
    const cx = (r?.left ?? 0) + (r?.width ?? 800) / 2;
    const cy = (r?.top ?? 0) + (r?.height ?? 600) / 2;
    return { client: { x: cx, y: cy }, flow: flow.screenToFlowPosition({ x: cx, y: cy }) };
  }, [flow]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const st = editor.getState();
      const dragging: { id: NodeId; position: { x: number; y: number } }[] = [];
      const ended: { id: NodeId; position: { x: number; y: number } }[] = [];
      let sel: Set<string> | null = null;
      let measuredChanged = false;
      for (const c of changes) {
        switch (c.type) {
          case "position": {
            const pos = c.position ?? nodeById(st.doc, c.id)?.position;
            if (!pos) break;
            (c.dragging ? dragging : ended).push({ id: c.id as NodeId, position: pos });
            break;
          }
          case "dimensions":
            if (c.dimensions) {
              const prev = nodeCache.measured.get(c.id);
              if (!prev || prev.width !== c.dimensions.width || prev.height !== c.dimensions.height) {
                nodeCache.measured.set(c.id, c.dimensions);
                measuredChanged = true;
              }
            }
            break;
          case "select":
            sel ??= new Set(st.selection.nodes);
            if (c.selected) sel.add(c.id);
            else sel.delete(c.id);
            break;
          case "remove":
          case "add":
          case "replace":
            // Deleting and adding go through editor commands (keyboard, palette), never through here.
            break;
          default: {
            const _: never = c;
            void _;
          }
        }
      }
      if (dragging.length) st.dragNodes(dragging);
      if (ended.length) st.moveNodes(ended);
      if (sel) st.setSelection({ nodes: asNodeIds(sel) });
      if (measuredChanged) {
        setMeasureTick((t) => t + 1);
        placement.measured();
      }
    },
    [editor, nodeCache, placement],
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

  const refuse = useCallback(
    (reason: string) => {
      const at = toScreen(lastPointer.current.x, lastPointer.current.y);
      const r = wrapper.current?.getBoundingClientRect();
      toasts
        .getState()
        .show(reason, { tone: "error", at: { x: at.x + (r?.left ?? 0) + 12, y: at.y + (r?.top ?? 0) + 12 } });
    },
    [toScreen, toasts],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      const r = editor.getState().connect({
        source: c.source as NodeId,
        sourceHandle: c.sourceHandle,
        target: c.target as NodeId,
        targetHandle: c.targetHandle,
      });
      if (!r.ok) refuse(r.reason);
    },
    [editor, refuse],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.toHandle) {
        // Dropped on a handle that refused the wire (React Flow then skips onConnect): the reason stays a while.
        if (state.isValid === false) refuseDrop(state, verdictOf, refuse);
        return;
      }
      if (!state.fromHandle || !state.fromNode) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      if (!point) return;
      const fromNode = nodeById(editor.getState().doc, state.fromNode.id);
      const handleId = state.fromHandle.id;
      if (!fromNode || !handleId) return;
      const def = getDefinition<NodeKind>(fromNode.type);
      const from = state.fromHandle.type;
      const type = from === "source" ? def.outputs[handleId]?.type : inputsOfNode(fromNode)[handleId]?.type;
      if (!type) return;
      setSearch({
        at: toScreen(point.clientX, point.clientY),
        flowAt: flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        wire: { from, type, nodeId: fromNode.id, handleId },
      });
    },
    [editor, flow, refuse, toScreen, verdictOf],
  );

  const addAt = useCallback(
    (kind: NodeKind, flowAt: { x: number; y: number }, endpoint?: string) => {
      // The model chosen in settings for new nodes, unless the palette search asked for one.
      const chosen = endpointForNewNode(kind, endpoint, settings.getState().defaultModels);
      return editor.getState().addNode(kind, flowAt, chosen ? { endpoint: chosen } : undefined);
    },
    [editor, settings],
  );

  const pick = useCallback(
    (entry: CatalogEntry) => {
      const s = search;
      setSearch(null);
      if (!s) return;
      const id = addAt(entry.kind, placement.near(entry.kind, s.flowAt), entry.endpoint);
      placement.added(id);
      if (!s.wire) return;
      const port = portFor(entry.kind, s.wire);
      if (!port) return;
      const w = s.wire;
      const r = editor
        .getState()
        .connect(
          w.from === "source"
            ? { source: w.nodeId as NodeId, sourceHandle: w.handleId, target: id, targetHandle: port }
            : { source: id, sourceHandle: port, target: w.nodeId as NodeId, targetHandle: w.handleId },
        );
      if (!r.ok) refuse(r.reason);
    },
    [addAt, editor, placement, refuse, search],
  );

  // Requests from outside the canvas (keyboard, menus): open the search box, fit the view, paste.
  useEffect(() => {
    const openSearch = () => {
      const c = viewCenter();
      const p = lastPointer.current;
      const r = wrapper.current?.getBoundingClientRect();
      const inside = r && p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom;
      const client = inside ? p : c.client;
      setSearch({ at: toScreen(client.x, client.y), flowAt: flow.screenToFlowPosition(client), wire: null });
    };
    const fit = () => requestAnimationFrame(() => void fitView());
    const prepare = (nodes: readonly { position: { x: number; y: number } }[]) => {
      const r = wrapper.current?.getBoundingClientRect();
      void flow.setViewport(estimatedViewport(nodes, r?.width ?? 1200, r?.height ?? 700));
    };
    const offs = [
      canvasBus.on("open-search", openSearch),
      canvasBus.on("fit-view", fit),
      canvasBus.on("prepare-view", prepare),
      canvasBus.on("reveal", (ids) => placement.reveal(ids)),
    ];
    return () => offs.forEach((off) => off());
  }, [fitView, flow, placement, toScreen, viewCenter]);

  useEffect(() => {
    canvasBus.pastePosition = () => {
      const p = lastPointer.current;
      const r = wrapper.current?.getBoundingClientRect();
      const inside = r && p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom;
      return inside ? flow.screenToFlowPosition(p) : viewCenter().flow;
    };
  }, [flow, viewCenter]);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const kind = e.dataTransfer.getData("application/x-reelflow-kind");
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      if (kind) {
        e.preventDefault();
        placement.added(addAt(kind as NodeKind, placement.near(kind as NodeKind, at)));
        return;
      }
      const file = e.dataTransfer.files[0];
      if (file) {
        e.preventDefault();
        canvasBus.emit("file-dropped", { file, at });
      }
    },
    [addAt, flow, placement],
  );

  return (
    <div
      className="canvas"
      ref={wrapper}
      onPointerMove={(e) => {
        lastPointer.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerUp={(e) => {
        lastPointer.current = { x: e.clientX, y: e.clientY };
      }}
      onDoubleClick={(e) => {
        if (!(e.target as HTMLElement).classList.contains("react-flow__pane")) return;
        setSearch({
          at: toScreen(e.clientX, e.clientY),
          flowAt: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }),
          wire: null,
        });
      }}
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].some((t) => t === "application/x-reelflow-kind" || t === "Files")) {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={onDrop}
    >
      <DetailedContext.Provider value={detailed}>
        <ReactFlow<FlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onMoveStart={onMoveStart}
          onConnectStart={onGrab}
          onNodeDragStart={onGrab}
          colorMode="system"
          fitView
          fitViewOptions={firstFit}
          minZoom={0.1}
          zoomOnDoubleClick={false}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control", "Shift"]}
          defaultViewport={initialViewport}
        >
          {/* Zoomed out, the 20 px dot grid is finer than a few screen pixels: not drawn (one less full-view raster per pan frame). */}
          {detailed && <Background gap={20} />}
          <CanvasMiniMap />
          <CanvasControls onFit={fitByButton} />
          <ConnectionRefusal verdictOf={verdictOf} />
        </ReactFlow>
      </DetailedContext.Provider>
      <Palette onAdd={(kind) => placement.added(addAt(kind, placement.forPalette(kind)))} />
      {search && (
        <Suspense fallback={null}>
          <NodeSearch at={search.at} wire={search.wire} onPick={pick} onClose={() => setSearch(null)} />
        </Suspense>
      )}
    </div>
  );
}

/** A wire dropped on a handle that refused it: says why, as a refused onConnect did before the drag showed it. */
function refuseDrop(
  state: FinalConnectionState,
  verdictOf: (w: WireEnds) => ConnectionVerdict,
  refuse: (reason: string) => void,
): void {
  const { fromHandle: from, toHandle: to } = state;
  if (!from || !to || from.type === to.type) return;
  const [out, into] = from.type === "source" ? [from, to] : [to, from];
  const verdict = verdictOf({ source: out.nodeId, sourceHandle: out.id, target: into.nodeId, targetHandle: into.id });
  if (!verdict.ok) refuse(verdict.reason);
}
