// The graphs benches 4 and 4b show in both pages, laid out on a grid. "pairs" (bench 4b): prompt → text-to-video,
// 1,000 nodes and 500 edges. "chains" (bench 4, issue 18: 1,000 nodes and 750 edges, all in view at zoom 0.1):
// groups of four, prompt → text-to-video → remix ← prompt, three edges each.
export type BenchShape = "pairs" | "chains";
export type BenchKind = "prompt" | "text-to-video" | "remix";
export interface BenchNode {
  id: string;
  kind: BenchKind;
  x: number;
  y: number;
  text: string;
}
export interface BenchEdge {
  id: string;
  source: string;
  sourceHandle: "text" | "video";
  target: string;
  targetHandle: "prompt" | "video";
}

export function benchGraph(count: number, shape: BenchShape = "pairs"): { nodes: BenchNode[]; edges: BenchEdge[] } {
  const nodes: BenchNode[] = [];
  const edges: BenchEdge[] = [];
  const group: { kind: BenchKind; text: (g: number) => string; dx: number; dy: number }[] =
    shape === "pairs"
      ? [
          { kind: "prompt", text: (g) => `Shot ${g}: a paper boat on a rainy street`, dx: 0, dy: 0 },
          { kind: "text-to-video", text: (g) => `Video ${g}`, dx: 360, dy: 0 },
        ]
      : [
          { kind: "prompt", text: (g) => `Shot ${g}: a paper boat on a rainy street`, dx: 0, dy: 0 },
          { kind: "text-to-video", text: (g) => `Video ${g}`, dx: 300, dy: 0 },
          { kind: "prompt", text: (g) => `Shot ${g}: now at night`, dx: 0, dy: 150 },
          { kind: "remix", text: (g) => `Remix ${g}`, dx: 300, dy: 150 },
        ];
  // Chains: 2 × 2 blocks packed so that 1,000 nodes fit a 1280 × 800 window at zoom 0.1 (drawn compact there; at
  // zoom 1 the detailed nodes overlap, as any 1,000 nodes all in view at zoom 0.1 would).
  const [width, height] = shape === "pairs" ? [760, 420] : [660, 300];
  const groups = Math.ceil(count / group.length);
  const cols =
    shape === "pairs" ? Math.ceil(Math.sqrt(groups)) : Math.ceil(Math.sqrt((groups * 1.64 * height) / width));
  const prefixes = ["p", "v", "q", "r"];
  const ids = new Set<string>();
  for (let g = 0; nodes.length < count; g++) {
    const x = (g % cols) * width;
    const y = Math.floor(g / cols) * height;
    group.forEach((m, i) => {
      if (nodes.length >= count) return;
      const id = `${prefixes[i]}${g}`;
      ids.add(id);
      nodes.push({ id, kind: m.kind, x: x + m.dx, y: y + m.dy, text: m.text(g) });
    });
    const wire = (id: string, from: [string, BenchEdge["sourceHandle"]], to: [string, BenchEdge["targetHandle"]]) => {
      if (ids.has(from[0]) && ids.has(to[0]))
        edges.push({ id, source: from[0], sourceHandle: from[1], target: to[0], targetHandle: to[1] });
    };
    wire(`e${g}`, [`p${g}`, "text"], [`v${g}`, "prompt"]);
    if (shape === "chains") {
      wire(`f${g}`, [`v${g}`, "video"], [`r${g}`, "video"]);
      wire(`h${g}`, [`q${g}`, "text"], [`r${g}`, "prompt"]);
    }
  }
  return { nodes, edges };
}

/** The same graph as a Reelflow workflow file. */
export function benchWorkflow(count: number, shape: BenchShape = "pairs", name = "Bench 1000") {
  const g = benchGraph(count, shape);
  const dataOf = (n: BenchNode) => {
    switch (n.kind) {
      case "prompt":
        return { text: n.text };
      case "text-to-video":
        return { endpoint: "fal-ai/sora-2/text-to-video", params: { duration: 4 } };
      case "remix":
        return {};
    }
  };
  return {
    format: "reelflow/workflow",
    version: 1,
    name,
    nodes: g.nodes.map((n) => ({ id: n.id, type: n.kind, position: { x: n.x, y: n.y }, data: dataOf(n) })),
    edges: g.edges,
  };
}

/** The node nearest the graph's centre: on screen once the graph is fitted, whether or not off-screen nodes are drawn. */
export function centreNodeId(count: number, shape: BenchShape = "pairs"): string {
  const { nodes } = benchGraph(count, shape);
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  let best = nodes[0]!;
  for (const n of nodes) if (Math.hypot(n.x - cx, n.y - cy) < Math.hypot(best.x - cx, best.y - cy)) best = n;
  return best.id;
}
