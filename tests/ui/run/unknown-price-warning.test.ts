import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN_PRICE_WARNING_START } from "../../../src/ui/run/unknown-price-warning";
import { forgetUnpricedModel, registerUnpricedModel, UNPRICED_T2V } from "../../nodes/models/unpriced";
import { confirmingRunner, textToVideoWorkflow } from "../harness";

const node = (id: string, endpoint: string) => ({ id, endpoint });
const workflow = textToVideoWorkflow;
const setUp = confirmingRunner;
// Every curated model is priced: the unpriced one is a catalogue model.
beforeAll(registerUnpricedModel);
afterAll(forgetUnpricedModel);

describe("Run asks before sending jobs whose price fal does not publish", () => {
  it("names the unpriced nodes and sends nothing when declined", async () => {
    const t = setUp(workflow([node("fast", UNPRICED_T2V), node("std", "fal-ai/veo3.1")]), false);
    await t.runner.runAll();
    expect(t.asked).toHaveLength(1);
    expect(t.asked[0]?.startsWith(UNKNOWN_PRICE_WARNING_START)).toBe(true);
    expect(t.asked[0]).toContain("fast: Unpriced Video");
    expect(t.asked[0]).not.toContain("std");
    expect(t.ports()).toBe(0);
    expect(t.said.join(" ")).toContain("Nothing was sent");
  });

  it("goes on when accepted, and never asks when every price is known", async () => {
    const accepted = setUp(workflow([node("fast", UNPRICED_T2V)]), true);
    await accepted.runner.runAll();
    expect(accepted.ports()).toBe(1);
    const priced = setUp(workflow([node("std", "fal-ai/veo3.1")]), false);
    await priced.runner.runAll();
    expect(priced.asked).toHaveLength(0);
    expect(priced.ports()).toBe(1);
  });
});
