import type { WorkflowNode } from "../../domain/workflow";
import type { NodeError } from "../../engine/errors";
import { useServices } from "../services";
import { adviceFor, endpointOfNode } from "./error-words";

export default function ErrorAdviceWords({ error, node }: { error: NodeError; node: WorkflowNode }) {
  const { settings } = useServices();
  const proxy = { proxyUrl: settings.getState().proxyUrl, pageUrl: window.location.href };
  const advice = adviceFor(error, endpointOfNode(node), proxy);
  return advice ? <div className="hint">{advice}</div> : null;
}
