// The bare React Flow page bench 4 compares the app against: default nodes, no app state, same graph.
import { ReactFlow, applyNodeChanges, type Edge, type Node, type NodeChange } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useState } from "react";
import { createRoot } from "react-dom/client";

declare global {
  interface Window { __BENCH_GRAPH__: { nodes: Node[]; edges: Edge[] } }
}

// Same fit and zoom limits as the editor's canvas (src/ui/canvas/Canvas.tsx), so both pages show the graph at the same zoom.
function Bare() {
  const [nodes, setNodes] = useState<Node[]>(window.__BENCH_GRAPH__.nodes);
  const onNodesChange = useCallback((c: NodeChange[]) => setNodes((n) => applyNodeChanges(c, n)), []);
  return (
    <div style={{ width: "100vw", height: "100vh" }}>
      <ReactFlow nodes={nodes} edges={window.__BENCH_GRAPH__.edges} onNodesChange={onNodesChange} fitView fitViewOptions={{ padding: 0.2, maxZoom: 1 }} minZoom={0.1} />
    </div>
  );
}

createRoot(document.getElementById("root")!).render(<Bare />);
