// The bare React Flow page bench 4 compares the app against: default nodes, no app state, same graph.
// With ?open=later it starts empty and shows the graph when the bench calls window.__benchOpen() (bench 4b).
import { ReactFlow, applyNodeChanges, type Edge, type Node, type NodeChange } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

declare global {
  interface Window {
    __BENCH_GRAPH__: { nodes: Node[]; edges: Edge[] };
    __benchOpen?: () => void;
  }
}

const later = new URLSearchParams(location.search).get("open") === "later";

// Same fit and zoom limits as the editor's canvas (src/ui/canvas/Canvas.tsx), so both pages show the graph at the same zoom.
function Bare() {
  const [nodes, setNodes] = useState<Node[]>(later ? [] : window.__BENCH_GRAPH__.nodes);
  const [edges, setEdges] = useState<Edge[]>(later ? [] : window.__BENCH_GRAPH__.edges);
  const onNodesChange = useCallback((c: NodeChange[]) => setNodes((n) => applyNodeChanges(c, n)), []);
  useEffect(() => {
    window.__benchOpen = () => {
      setNodes(window.__BENCH_GRAPH__.nodes);
      setEdges(window.__BENCH_GRAPH__.edges);
    };
  }, []);
  return (
    <div style={{ width: "100vw", height: "100vh" }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.1}
      />
    </div>
  );
}

createRoot(document.getElementById("root")!).render(<Bare />);
