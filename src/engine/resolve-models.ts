import type { EndpointId } from "../domain/ids";
import { isGenerationNode, type Workflow } from "../domain/workflow";
import { findAdapter } from "../nodes/registry";
import type { ModelCatalogue } from "./ports";

/**
 * The async step before a plan: planning is synchronous and reads models through `findAdapter`, so the models a
 * workflow names that this process does not know yet (not curated, not resolved from fal's catalogue) are looked
 * up first. A node without `data.endpoint` runs its kind's file default, which is curated.
 */

/** Endpoints of the workflow's generation nodes that `findAdapter` does not know yet, each once, in node order. */
export function endpointsToResolve(workflow: Pick<Workflow, "nodes">): EndpointId[] {
  const out = new Set<EndpointId>();
  for (const node of workflow.nodes) {
    if (!isGenerationNode(node)) continue;
    const endpoint = node.data.endpoint;
    if (typeof endpoint === "string" && endpoint !== "" && findAdapter(endpoint) === undefined) out.add(endpoint);
  }
  return [...out];
}

/**
 * Makes every model the workflow names known to `findAdapter`, or marked unavailable with a reason (the plan
 * then reports it on the node). Resolves at once when there is nothing to look up.
 */
export async function resolveModels(
  workflow: Pick<Workflow, "nodes">,
  catalogue: ModelCatalogue,
  signal?: AbortSignal,
): Promise<void> {
  const endpoints = endpointsToResolve(workflow);
  if (endpoints.length === 0) return;
  await catalogue.ensure(endpoints, signal);
}
