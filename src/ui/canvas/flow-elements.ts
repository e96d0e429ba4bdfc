import type { Edge, Node, NodeHandle } from "@xyflow/react";
import type { EdgeId, NodeId } from "../../domain/ids";
import type { NodeKind, WorkflowEdge, WorkflowNode } from "../../domain/workflow";
import { getDefinition } from "../../nodes/registry";
import { compactNodeHandles, compactNodeSize } from "../node/compact-size";

export type FlowNode = Node<Record<string, never>, "reelflow">;
export type FlowEdge = Edge;

interface NodeCacheEntry {
  src: WorkflowNode;
  selected: boolean;
  w: number | undefined;
  h: number | undefined;
  /** The size handed to React Flow before it measured the node (compact nodes only), kept until it measures one. */
  guess: { width: number; height: number } | undefined;
  /** Whether the compact view's handle places went with the guess (only while the node is drawn compact). */
  withHandles: boolean;
  flow: FlowNode;
}

const EMPTY_DATA: Record<string, never> = Object.freeze({});

/**
 * Turns document nodes into React Flow nodes, reusing the previous object for every node whose
 * record, selection and size did not change. React Flow then re-renders only nodes that changed
 * (a drag touches one node object per frame, not all of them).
 */
export class FlowNodeCache {
  private entries = new Map<string, NodeCacheEntry>();
  readonly measured = new Map<string, { width: number; height: number }>();

  /**
   * `compact`: the canvas draws compact node views (zoomed out). A node first built then gets its compact size as
   * `measured`, so React Flow shows it at once instead of hiding it until a ResizeObserver pass has measured every
   * node, reported every size through onNodesChange and re-rendered all of them with it. React Flow still measures
   * each node once when it first observes it (that pass corrects any handle place given here), but with the sizes
   * already right it reports no change. Only a node React Flow has never seen gets such a guess: one it measured in
   * another layout is not observed afresh, and would keep that layout's handle places if the size said nothing
   * changed. When the guess is wrong, React Flow reports the real size like for any other node.
   */
  build(nodes: readonly WorkflowNode[], selected: ReadonlySet<string>, compact = false): FlowNode[] {
    const next = new Map<string, NodeCacheEntry>();
    const out: FlowNode[] = [];
    for (const n of nodes) {
      const sel = selected.has(n.id);
      const m = this.measured.get(n.id);
      const prev = this.entries.get(n.id);
      const guess = m ? undefined : prev ? prev.guess : compact ? compactNodeSize(n.type) : undefined;
      const withHandles = !!guess && compact;
      let entry: NodeCacheEntry;
      if (
        prev &&
        prev.src === n &&
        prev.selected === sel &&
        prev.w === m?.width &&
        prev.h === m?.height &&
        prev.guess === guess &&
        prev.withHandles === withHandles
      )
        entry = prev;
      else {
        const size = m ?? guess;
        entry = {
          src: n,
          selected: sel,
          w: m?.width,
          h: m?.height,
          guess,
          withHandles,
          flow: {
            id: n.id,
            type: "reelflow",
            position: n.position,
            data: EMPTY_DATA,
            selected: sel,
            ...(size ? { measured: size } : {}),
            // With its size, React Flow would skip measuring the handles too; given only while the node is compact.
            ...(withHandles ? { handles: compactNodeHandles(n.type) as NodeHandle[] } : {}),
          },
        };
      }
      next.set(n.id, entry);
      out.push(entry.flow);
    }
    this.entries = next;
    for (const id of this.measured.keys()) if (!next.has(id)) this.measured.delete(id);
    return out;
  }
}

/** Edges coloured by what flows along them (text, image, video); unchanged edges keep their object. */
export class FlowEdgeCache {
  private entries = new Map<
    string,
    { src: WorkflowEdge; selected: boolean; portType: string | undefined; flow: FlowEdge }
  >();

  build(
    edges: readonly WorkflowEdge[],
    kindOf: (id: string) => WorkflowNode["type"] | undefined,
    selected: ReadonlySet<string>,
  ): FlowEdge[] {
    const next = new Map<
      string,
      { src: WorkflowEdge; selected: boolean; portType: string | undefined; flow: FlowEdge }
    >();
    const out = edges.map((e) => {
      const kind = kindOf(e.source);
      const portType = kind ? getDefinition<NodeKind>(kind).outputs[e.sourceHandle]?.type : undefined;
      const sel = selected.has(e.id);
      const prev = this.entries.get(e.id);
      const entry =
        prev && prev.src === e && prev.selected === sel && prev.portType === portType
          ? prev
          : {
              src: e,
              selected: sel,
              portType,
              flow: {
                id: e.id,
                source: e.source,
                sourceHandle: e.sourceHandle,
                target: e.target,
                targetHandle: e.targetHandle,
                selected: sel,
                className: portType ? `edge-${portType}` : undefined,
                // Inline, the port's colour beats React Flow's grey for a selected or focused edge; the width is
                // canvas-feedback.css's (wider when selected).
                style: portType ? { stroke: `var(--port-${portType})` } : undefined,
              } satisfies FlowEdge,
            };
      next.set(e.id, entry);
      return entry.flow;
    });
    this.entries = next;
    return out;
  }
}

export const asNodeIds = (ids: Iterable<string>) => [...ids] as NodeId[];
export const asEdgeIds = (ids: Iterable<string>) => [...ids] as EdgeId[];
