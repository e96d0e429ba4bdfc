import { createFalInferenceClient } from "../../src/adapters/fal/client";
import { endpointId, nodeId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import { execute } from "../../src/engine/executor";
import { planWorkflow } from "../../src/engine/plan";
import { MemoryCache } from "../engine/helpers/memory-ports";
import { startFakeFal } from "../fake-fal/server";

/**
 * Benchmark 3: HTTP calls one job of a known length costs: submits, status calls (polls or
 * stream connections) and result calls, counted at the fake fal. Streaming status should keep
 * the status count independent of the job's length.
 */
export interface RequestFigures {
  jobSeconds: number;
  submit: number;
  status: number;
  stream: number;
  result: number;
  total: number;
}

export async function benchRequestsPerJob(opts: { queueMs: number; runMs: number }): Promise<RequestFigures> {
  const fake = await startFakeFal({ switches: { queueMs: opts.queueMs, runMs: opts.runMs } });
  try {
    const workflow: Workflow = {
      format: "reelflow/workflow",
      version: 1,
      name: "one job",
      edges: [],
      nodes: [
        {
          id: nodeId("v1"),
          type: "text-to-video",
          position: { x: 0, y: 0 },
          data: { endpoint: endpointId("fal-ai/sora-2/text-to-video"), params: { prompt: "a single job" } },
        },
      ],
    };
    const planned = await planWorkflow(workflow);
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
    const client = createFalInferenceClient({ proxyUrl: fake.url });
    const summary = await execute(planned.plan, { client, cache: new MemoryCache() }, { onEvent: () => undefined });
    if (!summary.ok) throw new Error("the job failed");
    const count = (k: Parameters<typeof fake.requestsOf>[0]) => fake.requestsOf(k).length;
    const figures = {
      submit: count("submit"),
      status: count("status"),
      stream: count("stream"),
      result: count("result"),
    };
    return {
      jobSeconds: (opts.queueMs + opts.runMs) / 1000,
      ...figures,
      total: figures.submit + figures.status + figures.stream + figures.result,
    };
  } finally {
    await fake.close();
  }
}
