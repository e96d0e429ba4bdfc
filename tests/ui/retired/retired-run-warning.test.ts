import { describe, expect, it } from "vitest";
import { RETIRED_WARNING_START } from "../../../src/ui/retired/retired-warning";
import { confirmingRunner, textToVideoWorkflow } from "../harness";

const node = (id: string, endpoint: string) => ({ id, endpoint });
const workflow = textToVideoWorkflow;
const setUp = confirmingRunner;

describe("Run warns before sending to retired models", () => {
  it("names the retired nodes and sends nothing when declined", async () => {
    const t = setUp(
      workflow([node("t2v-1", "fal-ai/sora-2/text-to-video"), node("t2v-2", "fal-ai/veo3.1/fast")]),
      false,
    );
    await t.runner.runAll();
    expect(t.asked).toHaveLength(1);
    expect(t.asked[0]?.startsWith(RETIRED_WARNING_START)).toBe(true);
    expect(t.asked[0]).toContain("t2v-1");
    expect(t.asked[0]).not.toContain("t2v-2");
    expect(t.ports()).toBe(0);
    expect(t.said.join(" ")).toContain("Nothing was sent");
  });

  it("goes on when accepted", async () => {
    const t = setUp(workflow([node("t2v-1", "fal-ai/sora-2/text-to-video")]), true);
    await t.runner.runAll();
    expect(t.asked).toHaveLength(1);
    expect(t.ports()).toBe(1);
  });

  it("does not ask for current models, nor in demo mode", async () => {
    const current = setUp(workflow([node("t2v-2", "fal-ai/veo3.1")]), false);
    await current.runner.runAll();
    expect(current.asked).toHaveLength(0);
    expect(current.ports()).toBe(1);
    const demo = setUp(workflow([node("t2v-1", "fal-ai/sora-2/text-to-video")]), false, true);
    await demo.runner.runAll();
    expect(demo.asked).toHaveLength(0);
    expect(demo.ports()).toBe(1);
  });
});
