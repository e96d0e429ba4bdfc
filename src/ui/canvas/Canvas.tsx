import { ReactFlow, useReactFlow, type NodeProps } from "@xyflow/react";
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { NodeKind, Position } from "../../domain/workflow";
import { NodeView } from "../node/NodeView";
import { DetailedContext, useZoomShowsDetail } from "../node/detail-level";
import { useServices } from "../services";
import { endpointForNewNode } from "../retired/default-models";
import { DotGrid } from "./DotGrid";
import type { FlowNode } from "./flow-elements";
import { Palette } from "./Palette";
import { CanvasControls, CanvasMiniMap, useFirstFitOptions, useFitView } from "./CanvasChrome";
import { usePlacement, type Placement } from "./use-placement";
import { ConnectionRefusal } from "./ConnectionRefusal";
import { useCanvasPointer, type CanvasPointer } from "./canvas-pointer";
import { useConnecting } from "./use-connecting";
import { useFlowElements } from "./use-flow-elements";
import { useSearchBox, type SearchBox } from "./use-search-box";
import "./canvas-feedback.css";

// The search box (and its list of kinds and models) loads when it is first opened: not in the first load.
const NodeSearch = lazy(() => import("./NodeSearch").then((m) => ({ default: m.NodeSearch })));
import { estimatedViewport } from "./viewport";

// React Flow passes position and drag props to node components; the memoised NodeView only
// takes the id, so moving one node does not re-render the others (or even itself).
const nodeTypes = { reelflow: (p: NodeProps<FlowNode>) => <NodeView id={p.id} /> };
// A big graph zoomed in (detailed nodes) has only the nodes and edges in sight in the DOM: off-screen ones cost nothing
// while the view pans, and crossing into detail re-renders only those in sight. Zoomed out, every node is drawn
// (compact, cheap, mostly all in sight), which spares React Flow a visibility pass over every node per frame and a big
// graph's opening. A graph of up to BIG_GRAPH nodes keeps every node in the DOM, as it always did.
const BIG_GRAPH = 200;
// Props React Flow compares by reference: made once, so a render of the canvas (a drag's every step) changes none.
const MULTI_SELECT_KEYS = ["Meta", "Control", "Shift"];
const MIN_ZOOM = 0.1;
/** The toolbar and banner above the canvas, before the canvas is there to measure. */
const CHROME_HEIGHT = 90;

export function Canvas() {
  const { editor } = useServices();
  const wrapper = useRef<HTMLDivElement>(null);
  const detailed = useZoomShowsDetail();
  const pointer = useCanvasPointer(wrapper);
  const refuse = useRefusal(pointer);
  const placementMeasured = useRef<() => void>(() => {});
  const elements = useFlowElements(editor, !detailed, () => placementMeasured.current());
  const placement = usePlacement(wrapper, elements.measuredSizes, editor);
  placementMeasured.current = placement.measured;
  const addAt = useAddNode();
  const search = useSearchBox(editor, pointer, placement, addAt, refuse);
  const connecting = useConnecting(editor, refuse, search.openAt);
  const view = useViewSetup(wrapper, placement);
  useCanvasRequests(wrapper, pointer, placement, search, view.fitView);
  const onDrop = useDropOnCanvas(pointer, placement, addAt);
  const onAdd = useCallback(
    (kind: NodeKind) => placement.added(addAt(kind, placement.forPalette(kind))),
    [addAt, placement],
  );

  return (
    <div
      className="canvas"
      ref={wrapper}
      onPointerMove={pointer.track}
      onPointerUp={pointer.track}
      onDoubleClick={(e) => {
        if ((e.target as HTMLElement).classList.contains("react-flow__pane"))
          search.openAt({ x: e.clientX, y: e.clientY }, null);
      }}
      onDragOver={allowDrop}
      onDrop={onDrop}
    >
      <DetailedContext.Provider value={detailed}>
        <ReactFlow<FlowNode>
          nodes={elements.nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          onNodesChange={elements.onNodesChange}
          onEdgesChange={elements.onEdgesChange}
          onConnect={connecting.onConnect}
          onConnectEnd={connecting.onConnectEnd}
          isValidConnection={connecting.isValidConnection}
          onMoveStart={view.onMoveStart}
          onConnectStart={view.onGrab}
          onNodeDragStart={view.onGrab}
          colorMode="system"
          fitView
          fitViewOptions={view.firstFit}
          minZoom={MIN_ZOOM}
          onlyRenderVisibleElements={detailed && elements.nodes.length > BIG_GRAPH}
          zoomOnDoubleClick={false}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          defaultViewport={view.initialViewport}
        >
          {/* Zoomed out, the 20 px dot grid is finer than a few screen pixels: not drawn. */}
          {detailed && <DotGrid gap={20} />}
          <CanvasMiniMap />
          <CanvasControls onFit={view.fitByButton} />
          <ConnectionRefusal verdictOf={connecting.verdictOf} />
        </ReactFlow>
      </DetailedContext.Provider>
      <Palette onAdd={onAdd} />
      {search.state && (
        <Suspense fallback={null}>
          <NodeSearch at={search.state.at} wire={search.state.wire} onPick={search.pick} onClose={search.close} />
        </Suspense>
      )}
    </div>
  );
}

/** A refusal (a wire the editor would not connect) said in a toast by the pointer. */
function useRefusal(pointer: CanvasPointer): (reason: string) => void {
  const { toasts } = useServices();
  return useCallback(
    (reason: string) => {
      const p = pointer.last();
      toasts.getState().show(reason, { tone: "error", at: { x: p.x + 12, y: p.y + 12 } });
    },
    [pointer, toasts],
  );
}

/** Adds a node of this kind at a flow position, with the model chosen in settings unless `endpoint` names one. */
function useAddNode() {
  const { editor, settings } = useServices();
  return useCallback(
    (kind: NodeKind, flowAt: Position, endpoint?: string) => {
      const chosen = endpointForNewNode(kind, endpoint, settings.getState().defaultModels);
      return editor.getState().addNode(kind, flowAt, chosen ? { endpoint: chosen } : undefined);
    },
    [editor, settings],
  );
}

/** The view's first place and fit, the Fit View button, and what ends the view following a new node. */
function useViewSetup(wrapper: RefObject<HTMLDivElement | null>, placement: Placement) {
  const { editor } = useServices();
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
    estimatedViewport(editor.getState().doc.nodes, window.innerWidth, window.innerHeight - CHROME_HEIGHT),
  );
  // Fits leave room for the palette and the minimap, so no node is drawn under them.
  const firstFit = useFirstFitOptions(
    editor.getState().doc.nodes,
    window.innerWidth,
    window.innerHeight - CHROME_HEIGHT,
  );
  const fitView = useFitView(wrapper);
  // The Fit View button has nothing to do once the fit is asked for: its promise (the view arrived) is not awaited.
  const fitByButton = useCallback(() => void fitView(), [fitView]);
  return { onMoveStart, onGrab, initialViewport, firstFit, fitView, fitByButton };
}

/** Requests from outside the canvas (keyboard, menus): open the search box, fit or prepare the view, reveal, paste. */
function useCanvasRequests(
  wrapper: RefObject<HTMLDivElement | null>,
  pointer: CanvasPointer,
  placement: Placement,
  search: SearchBox,
  fitView: () => Promise<boolean>,
) {
  const flow = useReactFlow();
  const canvasBus = useServices().views.canvas;
  const { openAt } = search;
  useEffect(() => {
    const fit = () => requestAnimationFrame(() => void fitView());
    const prepare = (nodes: readonly { position: Position }[]) => {
      const r = wrapper.current?.getBoundingClientRect();
      void flow.setViewport(estimatedViewport(nodes, r?.width ?? 1200, r?.height ?? 700));
    };
    const offs = [
      canvasBus.on("open-search", () => openAt(pointer.pointerOrCentre(), null)),
      canvasBus.on("fit-view", fit),
      canvasBus.on("prepare-view", prepare),
      canvasBus.on("reveal", (ids) => placement.reveal(ids)),
    ];
    return () => offs.forEach((off) => off());
  }, [canvasBus, fitView, flow, openAt, placement, pointer, wrapper]);

  useEffect(
    () => canvasBus.providePastePosition(() => pointer.toFlow(pointer.pointerOrCentre())),
    [canvasBus, pointer],
  );
}

/** A kind dragged from the palette adds a node there; a file dropped goes to whoever opens files. */
function useDropOnCanvas(
  pointer: CanvasPointer,
  placement: Placement,
  addAt: (kind: NodeKind, flowAt: Position) => string,
) {
  const canvasBus = useServices().views.canvas;
  return useCallback(
    (e: React.DragEvent) => {
      const kind = e.dataTransfer.getData("application/x-reelflow-kind");
      const at = pointer.toFlow({ x: e.clientX, y: e.clientY });
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
    [addAt, canvasBus, placement, pointer],
  );
}

function allowDrop(e: React.DragEvent) {
  if ([...e.dataTransfer.types].some((t) => t === "application/x-reelflow-kind" || t === "Files")) {
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }
}
