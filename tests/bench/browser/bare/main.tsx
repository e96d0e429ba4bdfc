// The bare React Flow page bench 4 compares the app against: default nodes, no app state, same graph.
import { ReactFlow, applyNodeChanges, type Edge, type Node, type NodeChange } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useState } from "react";
import { createRoot } from "react-dom/client";

declare global {
  interface Window { __BENCH_GRAPH__: { nodes: Node[]; edges: Edge[] } }
}

function Bare() {
  const [nodes, setNodes] = useState<Node[]>(window.__BENCH_GRAPH__.nodes);
  const onNodesChange = useCallback((c: NodeChange[]) => setNodes((n) => applyNodeChanges(c, n)), []);
  return (
    <div style={{ width: "100vw", height: "100vh" }}>
      <ReactFlow nodes={nodes} edges={window.__BENCH_GRAPH__.edges} onNodesChange={onNodesChange} fitView minZoom={0.05} />
    </div>
  );
}

createRoot(document.getElementById("root")!).render(<Bare />);
