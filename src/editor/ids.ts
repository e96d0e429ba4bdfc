import { edgeId, nodeId, type EdgeId, type NodeId } from "../domain/ids";
import type { NodeKind, Workflow } from "../domain/workflow";

/** Short prefixes so ids read well in files, logs and the CLI ("t2v-3", "prompt-1"). */
export const NODE_ID_PREFIX: { [K in NodeKind]: string } = {
  prompt: "prompt",
  image: "image",
  video: "video",
  "text-to-video": "t2v",
  "image-to-video": "i2v",
  remix: "remix",
  "text-to-image": "t2i",
  "image-edit": "edit",
};

/** Allocates ids that are unique in one document, counting up per kind. */
export class NodeIdAllocator {
  private readonly taken: Set<string>;
  private readonly next = new Map<string, number>();

  constructor(doc: Pick<Workflow, "nodes">) {
    this.taken = new Set(doc.nodes.map((n) => n.id));
    for (const id of this.taken) {
      const m = /^(.*)-(\d+)$/.exec(id);
      if (m?.[1] && m[2]) this.next.set(m[1], Math.max(this.next.get(m[1]) ?? 1, Number(m[2]) + 1));
    }
  }

  allocate(kind: NodeKind): NodeId {
    const prefix = NODE_ID_PREFIX[kind];
    let n = this.next.get(prefix) ?? 1;
    while (this.taken.has(`${prefix}-${n}`)) n++;
    const id = `${prefix}-${n}`;
    this.next.set(prefix, n + 1);
    this.taken.add(id);
    return nodeId(id);
  }
}

/** One edge per input, so source + input names an edge uniquely; a suffix handles odd imported ids. */
export function edgeIdFor(
  doc: Pick<Workflow, "edges">,
  e: { source: string; sourceHandle: string; target: string; targetHandle: string },
): EdgeId {
  const base = `e-${e.source}.${e.sourceHandle}-${e.target}.${e.targetHandle}`;
  const taken = new Set<string>(doc.edges.map((x) => x.id));
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return edgeId(id);
}
