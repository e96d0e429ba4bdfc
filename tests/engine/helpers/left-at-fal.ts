import { contentHash, type RequestId } from "../../../src/domain/ids";
import type { PlannedGeneration } from "../../../src/engine/plan";
import type { InferenceClient, JobLedger } from "../../../src/engine/ports";

/**
 * What a tab or process that is gone left behind: `node`'s job sent to fal with `prompt`, and its ledger row
 * ("queued") holding fal's request id; the result is not stored. Resolves with the request id.
 */
export async function jobLeftAtFal(
  ports: { client: InferenceClient; ledger: JobLedger },
  node: PlannedGeneration,
  o: { prompt: string; workflowName: string; estimatedCostUsd: number },
): Promise<RequestId> {
  const id = await ports.client.submit(
    node.endpoint,
    node.adapter.buildInput(node.params, { prompt: o.prompt }, { feedsRemix: false }),
  );
  const now = new Date().toISOString();
  await ports.ledger.open({
    key: node.key,
    nodeId: node.id,
    workflowName: o.workflowName,
    endpoint: node.endpoint,
    inputHash: contentHash("h"),
    state: "queued",
    requestId: id,
    estimatedCostUsd: o.estimatedCostUsd,
    createdAt: now,
    updatedAt: now,
    params: node.params,
  });
  return id;
}
