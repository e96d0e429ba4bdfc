import { describe, expect, it } from "vitest";
import { endpointId, nodeId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { createRunController } from "../../../src/ui/run/run-controller";
import { createRunStore } from "../../../src/ui/run/run-store";
import { UNKNOWN_PRICE_WARNING_START } from "../../../src/ui/run/unknown-price-warning";
import { memoryCache } from "../harness";

const node = (id: string, endpoint: string) => ({
  id: nodeId(id),
  type: "text-to-video" as const,
  position: { x: 0, y: 0 },
  data: { endpoint: endpointId(endpoint), params: { prompt: `a kite (${id})` } },
});
const workflow = (nodes: ReturnType<typeof node>[]): Workflow => ({ format: "reelflow/workflow", version: 1, name: "w", nodes, edges: [] });

function setUp(w: Workflow, answer: boolean) {
  const asked: string[] = [];
  const said: string[] = [];
  let portsAsked = 0;
  const runner = createRunController(
    createRunStore(),
    {
      simulated: () => false,
      cache: async () => memoryCache(),
      ports: async () => {
        portsAsked++;
        throw new Error("no ports in this test");
      },
    },
    () => w,
    { say: (m) => said.push(m), confirm: (m) => (asked.push(m), answer) },
  );
  return { runner, asked, said, ports: () => portsAsked };
}

describe("Run asks before sending jobs whose price fal does not publish", () => {
  it("names the unpriced nodes and sends nothing when declined", async () => {
    const t = setUp(workflow([node("fast", "fal-ai/veo3.1/fast"), node("std", "fal-ai/veo3.1")]), false);
    await t.runner.runAll();
    expect(t.asked).toHaveLength(1);
    expect(t.asked[0]?.startsWith(UNKNOWN_PRICE_WARNING_START)).toBe(true);
    expect(t.asked[0]).toContain("fast: Veo 3.1");
    expect(t.asked[0]).not.toContain("std");
    expect(t.ports()).toBe(0);
    expect(t.said.join(" ")).toContain("Nothing was sent");
  });

  it("goes on when accepted, and never asks when every price is known", async () => {
    const accepted = setUp(workflow([node("fast", "fal-ai/veo3.1/fast")]), true);
    await accepted.runner.runAll();
    expect(accepted.ports()).toBe(1);
    const priced = setUp(workflow([node("std", "fal-ai/veo3.1")]), false);
    await priced.runner.runAll();
    expect(priced.asked).toHaveLength(0);
    expect(priced.ports()).toBe(1);
  });
});
