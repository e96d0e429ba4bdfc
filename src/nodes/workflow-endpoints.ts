import { isGenerationNode, type Workflow } from "../domain/workflow";
import { FILE_DEFAULT_ENDPOINTS } from "./registry";

/**
 * The models a workflow's generation nodes run, as the file names them (a node without one runs its kind's file
 * default): each endpoint once, in node order. public/examples/index.json carries this for each example, so the
 * Examples list can mark the ones on a retired model without reading every file.
 */
export function endpointsOf(workflow: Workflow): string[] {
  const seen = new Set<string>();
  for (const node of workflow.nodes)
    if (isGenerationNode(node)) seen.add(node.data.endpoint ?? FILE_DEFAULT_ENDPOINTS[node.type]);
  return [...seen];
}
