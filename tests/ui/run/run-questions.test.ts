import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQuestion } from "../../../src/ui/run/run-questions";
import { forgetUnpricedModel, registerUnpricedModel, UNPRICED_T2V } from "../../nodes/models/unpriced";
import { confirmingRunner, textToVideoWorkflow } from "../harness";

beforeAll(registerUnpricedModel);
afterAll(forgetUnpricedModel);

/** The question a run of this workflow asks first, as the app's dialog shows it. */
async function firstQuestion(endpoint: string) {
  const t = confirmingRunner(textToVideoWorkflow([{ id: "clip", endpoint }]), false);
  await t.runner.runAll();
  expect(t.asked).toHaveLength(1);
  expect(t.ports()).toBe(0);
  const [message, kind] = [t.asked[0], t.kinds[0]];
  if (message === undefined || kind === undefined) throw new Error("no question asked");
  return { question: runQuestion(message, kind), said: t.said };
}

describe("questions before a run, in the app's dialog", () => {
  it("a retired model: the question is the title, the nodes are the body, 'Send anyway' is the default", async () => {
    const { question, said } = await firstQuestion("fal-ai/sora-2/text-to-video");
    expect(question.title).toBe("Send to retired models?");
    expect(question.body).toMatch(/^• clip: Sora 2.*, retired 2026-09-24\n/);
    expect(question.body).toContain("nothing is charged for a refusal");
    expect(question.confirmLabel).toBe("Send anyway");
    // Its price is known and fal refuses a retired model at no charge: Enter may send.
    expect(question.defaultChoice).toBe("confirm");
    expect(said).toEqual(["Nothing was sent: the run was cancelled before sending to retired models."]);
  });

  it("an unknown price: Cancel is the default, as the CLI's [y/N]", async () => {
    const { question, said } = await firstQuestion(UNPRICED_T2V);
    expect(question.title).toBe("Price unknown: send anyway?");
    expect(question.body).toBe(
      "fal publishes no price for this model, so this run's cost cannot be estimated.\n• clip: Unpriced Video",
    );
    expect(question.confirmLabel).toBe("Send anyway");
    expect(question.defaultChoice).toBe("cancel");
    expect(said).toEqual(["Nothing was sent: the run was cancelled before sending jobs whose price is unknown."]);
  });
});
