import { describe, expect, it } from "vitest";
import { nodeId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { confirmingRunner, textToVideoWorkflow } from "../harness";

const onlyAPrompt: Workflow = {
  ...textToVideoWorkflow([]),
  nodes: [{ id: nodeId("p"), type: "prompt", position: { x: 0, y: 0 }, data: { text: "a fox" } }],
};

describe("Run with no generation node says why nothing happens", () => {
  it("on an empty canvas and on a graph of prompts only: sends nothing, asks nothing, says what to add", async () => {
    for (const w of [textToVideoWorkflow([]), onlyAPrompt]) {
      for (const simulated of [false, true]) {
        const t = confirmingRunner(w, true, simulated);
        await t.runner.runAll();
        expect(t.ports()).toBe(0);
        expect(t.asked).toHaveLength(0);
        expect(t.said).toEqual([
          "Nothing to run: add a generation node (Text-to-Video, Image-to-Video or Remix) from the palette.",
        ]);
      }
    }
  });

  it("still runs a graph with a generation node", async () => {
    const t = confirmingRunner(textToVideoWorkflow([{ id: "a", endpoint: "fal-ai/veo3.1" }]), true);
    await t.runner.runAll();
    expect(t.ports()).toBe(1);
    expect(t.said).toEqual([expect.stringContaining("The run stopped")]);
  });
});
