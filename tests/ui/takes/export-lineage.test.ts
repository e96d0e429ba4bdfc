import { describe, expect, it } from "vitest";
import { cacheKey, endpointId, nodeId, workflowId } from "../../../src/domain/ids";
import { parseWorkflowText, serializeWorkflow } from "../../../src/domain/parse";
import type { LineageStep, Take } from "../../../src/domain/take";
import type { Workflow } from "../../../src/domain/workflow";
import { lineageFileName, lineageFileText } from "../../../src/ui/takes/lineage/export-lineage";

const wf: Workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "Cat remix",
  nodes: [
    { id: nodeId("p1"), type: "prompt", position: { x: 0, y: 0 }, data: { text: "a cat on a boat" } },
    {
      id: nodeId("t2v"),
      type: "text-to-video",
      position: { x: 300, y: 0 },
      data: {
        endpoint: endpointId("fal-ai/sora-2/text-to-video"),
        params: { duration: 8 },
        take: { key: cacheKey("k-t2v") },
      },
    },
    {
      id: nodeId("rmx"),
      type: "remix",
      position: { x: 600, y: 0 },
      data: { endpoint: endpointId("fal-ai/sora-2/video-to-video/remix"), params: { prompt: "make it night" } },
    },
  ],
  edges: [
    { id: "e1" as never, source: nodeId("p1"), sourceHandle: "text", target: nodeId("t2v"), targetHandle: "prompt" },
    { id: "e2" as never, source: nodeId("t2v"), sourceHandle: "video", target: nodeId("rmx"), targetHandle: "video" },
  ],
};

const take = (over: Partial<Take>): Take => ({
  workflowId: workflowId("w1"),
  nodeId: nodeId("t2v"),
  key: cacheKey("k-t2v"),
  variant: "",
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  params: { duration: 8, aspect_ratio: "16:9" },
  prompt: "a cat on a boat",
  inputs: [{ port: "prompt", nodeId: nodeId("p1"), key: cacheKey("k-p1"), kind: "prompt", text: "a cat on a boat" }],
  costUsd: 0.8,
  requestId: null,
  createdAt: "2026-11-25T12:00:00.000Z",
  ...over,
});

const remixTake = take({
  nodeId: nodeId("rmx"),
  key: cacheKey("k-rmx"),
  endpoint: endpointId("fal-ai/sora-2/video-to-video/remix"),
  params: {},
  prompt: "make it night",
  inputs: [{ port: "video", nodeId: nodeId("t2v"), key: cacheKey("k-t2v"), kind: "text-to-video" }],
});
const steps: LineageStep[] = [
  { kind: "take", depth: 0, port: null, take: remixTake },
  { kind: "take", depth: 1, port: "video", take: take({}) },
  {
    kind: "source",
    depth: 2,
    port: "prompt",
    input: { port: "prompt", nodeId: nodeId("p1"), key: cacheKey("k-p1"), kind: "prompt", text: "a cat on a boat" },
  },
];

describe("Export with workflow (lineage)", () => {
  it("writes the workflow with a top-level lineage field that the parser still opens and keeps", () => {
    const text = lineageFileText(
      wf,
      { nodeId: nodeId("rmx"), key: cacheKey("k-rmx") },
      steps,
      new Date("2026-11-25T13:00:00Z"),
    );
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(raw.lineage).toEqual({
      of: { nodeId: "rmx", key: "k-rmx" },
      exportedAt: "2026-11-25T13:00:00.000Z",
      steps: JSON.parse(JSON.stringify(steps)),
    });

    const parsed = parseWorkflowText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    // The graph is the same graph…
    expect(parsed.workflow.nodes.map((n) => n.id)).toEqual(["p1", "t2v", "rmx"]);
    expect(parsed.workflow.edges).toHaveLength(2);
    // …and the unknown top-level field survives a load/save round trip.
    expect((parsed.workflow as Record<string, unknown>).lineage).toEqual(raw.lineage);
    expect(JSON.parse(serializeWorkflow(parsed.workflow))).toEqual(raw);
  });

  it("leaves the open workflow itself untouched", () => {
    lineageFileText(wf, { nodeId: nodeId("rmx"), key: cacheKey("k-rmx") }, steps);
    expect("lineage" in wf).toBe(false);
  });

  it("names the file after the workflow and the node", () => {
    expect(lineageFileName(wf, nodeId("rmx"))).toBe("cat-remix-lineage-rmx.reelflow.json");
  });
});
