import type { Edge, Node } from "@xyflow/react";
import type { EdgeId, NodeId } from "../../domain/ids";
import type { WorkflowEdge, WorkflowNode } from "../../domain/workflow";
import { getDefinition } from "../../nodes/registry";
import type { NodeDefinition } from "../../nodes/types";

export type FlowNode = Node<Record<string, never>, "reelflow">;
export type FlowEdge = Edge;

interface NodeCacheEntry {
  src: WorkflowNode;
  selected: boolean;
  w: number | undefined;
  h: number | undefined;
  flow: FlowNode;
}

const EMPTY_DATA: Record<string, never> = Object.freeze({}) as Record<string, never>;

/**
 * Turns document nodes into React Flow nodes, reusing the previous object for every node whose
 * record, selection and size did not change. React Flow then re-renders only nodes that changed
 * (a drag touches one node object per frame, not all of them).
 */
export class FlowNodeCache {
  private entries = new Map<string, NodeCacheEntry>();
  readonly measured = new Map<string, { width: number; height: number }>();

  build(nodes: readonly WorkflowNode[], selected: ReadonlySet<string>): FlowNode[] {
    const next = new Map<string, NodeCacheEntry>();
    const out: FlowNode[] = [];
    for (const n of nodes) {
      const sel = selected.has(n.id);
      const m = this.measured.get(n.id);
      const prev = this.entries.get(n.id);
      let entry: NodeCacheEntry;
      if (prev && prev.src === n && prev.selected === sel && prev.w === m?.width && prev.h === m?.height) entry = prev;
      else {
        entry = {
          src: n,
          selected: sel,
          w: m?.width,
          h: m?.height,
          flow: { id: n.id, type: "reelflow", position: n.position, data: EMPTY_DATA, selected: sel, ...(m ? { measured: m } : {}) },
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
  private entries = new Map<string, { src: WorkflowEdge; selected: boolean; portType: string | undefined; flow: FlowEdge }>();

  build(edges: readonly WorkflowEdge[], kindOf: (id: string) => WorkflowNode["type"] | undefined, selected: ReadonlySet<string>): FlowEdge[] {
    const next = new Map<string, { src: WorkflowEdge; selected: boolean; portType: string | undefined; flow: FlowEdge }>();
    const out = edges.map((e) => {
      const kind = kindOf(e.source);
      const portType = kind ? (getDefinition(kind) as NodeDefinition).outputs[e.sourceHandle]?.type : undefined;
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
                style: portType ? { stroke: `var(--port-${portType})`, strokeWidth: 2 } : undefined,
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
