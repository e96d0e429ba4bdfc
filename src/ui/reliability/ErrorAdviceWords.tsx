import type { WorkflowNode } from "../../domain/workflow";
import type { NodeError } from "../../engine/errors";
import { adviceFor, endpointOfNode } from "./error-words";

export default function ErrorAdviceWords({ error, node }: { error: NodeError; node: WorkflowNode }) {
  const advice = adviceFor(error, endpointOfNode(node));
  return advice ? <div className="hint">{advice}</div> : null;
}
