import { describe, expect, it } from "vitest";
import { withChosenTakes } from "../../src/cli/save-takes";
import { cacheKey, nodeId } from "../../src/domain/ids";
import { parseWorkflow } from "../../src/domain/parse";

describe("withChosenTakes (reelflow run --save-takes)", () => {
  it("records the take on the named generation nodes only and keeps every other field, known or not", () => {
    const parsed = parseWorkflow({
      format: "reelflow/workflow",
      version: 1,
      name: "w",
      extra: { kept: true },
      nodes: [
        { id: "p", type: "prompt", position: { x: 0, y: 0 }, data: { text: "a lake" } },
        {
          id: "v",
          type: "text-to-video",
          position: { x: 1, y: 2 },
          data: { endpoint: "fal-ai/sora-2/text-to-video", params: { duration: 4 }, note: "mine" },
        },
        {
          id: "w",
          type: "text-to-video",
          position: { x: 3, y: 4 },
          data: { endpoint: "fal-ai/sora-2/text-to-video", params: {} },
        },
      ],
      edges: [],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const take = { key: cacheKey("b".repeat(64)), variant: "x1" };
    const out = withChosenTakes(
      parsed.workflow,
      new Map([
        [nodeId("v"), take],
        [nodeId("p"), take],
      ]),
    );
    expect(out.nodes.find((n) => n.id === "v")?.data).toEqual({
      endpoint: "fal-ai/sora-2/text-to-video",
      params: { duration: 4 },
      note: "mine",
      take,
    });
    expect(out.nodes.find((n) => n.id === "w")).toBe(parsed.workflow.nodes[2]);
    expect(out.nodes.find((n) => n.id === "p")).toBe(parsed.workflow.nodes[0]);
    expect((out as unknown as { extra: unknown }).extra).toEqual({ kept: true });
  });
});
