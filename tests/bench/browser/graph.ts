// The 1,000-node graph bench 4 shows in both pages: prompt → text-to-video pairs laid out on a grid.
export interface BenchNode {
  id: string;
  kind: "prompt" | "text-to-video";
  x: number;
  y: number;
  text: string;
}
export interface BenchEdge {
  id: string;
  source: string;
  target: string;
}

export function benchGraph(count: number): { nodes: BenchNode[]; edges: BenchEdge[] } {
  const nodes: BenchNode[] = [];
  const edges: BenchEdge[] = [];
  const cols = Math.ceil(Math.sqrt(count / 2));
  for (let pair = 0; nodes.length < count; pair++) {
    const x = (pair % cols) * 760;
    const y = Math.floor(pair / cols) * 420;
    nodes.push({ id: `p${pair}`, kind: "prompt", x, y, text: `Shot ${pair}: a paper boat on a rainy street` });
    if (nodes.length < count) {
      nodes.push({ id: `v${pair}`, kind: "text-to-video", x: x + 360, y, text: `Video ${pair}` });
      edges.push({ id: `e${pair}`, source: `p${pair}`, target: `v${pair}` });
    }
  }
  return { nodes, edges };
}

/** The same graph as a Reelflow workflow file. */
export function benchWorkflow(count: number, name = "Bench 1000") {
  const g = benchGraph(count);
  return {
    format: "reelflow/workflow",
    version: 1,
    name,
    nodes: g.nodes.map((n) =>
      n.kind === "prompt"
        ? { id: n.id, type: "prompt", position: { x: n.x, y: n.y }, data: { text: n.text } }
        : {
            id: n.id,
            type: "text-to-video",
            position: { x: n.x, y: n.y },
            data: { endpoint: "fal-ai/sora-2/text-to-video", params: { duration: 4 } },
          },
    ),
    edges: g.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: "text",
      target: e.target,
      targetHandle: "prompt",
    })),
  };
}

/** The node nearest the graph's centre: on screen once the graph is fitted, whether or not off-screen nodes are drawn. */
export function centreNodeId(count: number): string {
  const { nodes } = benchGraph(count);
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  let best = nodes[0]!;
  for (const n of nodes) if (Math.hypot(n.x - cx, n.y - cy) < Math.hypot(best.x - cx, best.y - cy)) best = n;
  return best.id;
}
