// The retired-model journey: an old Sora 2 workflow opens with its model marked retired; Run asks first;
// fal answers 404 (model gone); one click moves the node to the successor keeping the prompt; undo goes back.
import { findAdapter } from "../../src/nodes/registry";
import { expect, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";

// This journey reads and answers the question itself.
test.use({ answerRunQuestions: false });

test("Sora workflow: retired marker, run warns, 404 says the model is gone, switch keeps the prompt, undo returns", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  const workflow = singleVideo("retired");
  const prompt = workflow.nodes[0]?.data.params.prompt ?? "";
  await openWorkflow(page, workflow);
  const clip = node(page, "clip");
  await expect(clip.getByTestId("retired-marker")).toHaveText("Sora 2 retired 2026-09-24");

  fake.set({ rejectSubmit: { status: 404, body: { detail: "Application 'sora-2' not found" } } });
  await runAll(page);
  // The app's own dialog asks first, naming the node; nothing is sent until it is answered.
  const question = page.getByRole("alertdialog", { name: "Send to retired models?" });
  await expect(question).toContainText("clip: Sora 2, retired 2026-09-24");
  expect(fake.requestsOf("submit")).toHaveLength(0);
  await question.getByRole("button", { name: "Send anyway" }).click();
  await expect(clip).toHaveAttribute("data-status", "failed");
  await expect(clip.getByTestId("model-gone")).toContainText("the model is gone");

  const successor = findAdapter(findAdapter("fal-ai/sora-2/text-to-video")?.retired?.successor ?? "");
  if (!successor) throw new Error("Sora 2 has no known successor");
  await clip.getByRole("button", { name: `Switch to ${successor.label}` }).click();
  await expect(clip.getByTestId("retired-marker")).toHaveCount(0);
  await expect(clip.getByRole("button", { name: /^Model / })).toHaveAttribute("data-endpoint", successor.endpoint);
  await expect(clip.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(clip.getByRole("button", { name: /^Model / })).toHaveAttribute(
    "data-endpoint",
    "fal-ai/sora-2/text-to-video",
  );
  await expect(clip.getByTestId("retired-marker")).toBeVisible();
  await expect(clip.getByLabel("Prompt", { exact: true })).toHaveValue(prompt);
});
