// Issue 16 item 4: the Run button says why when nothing would be sent, says "simulated" in Demo mode, and the
// questions before a run are the app's own dialog (Cancel sends nothing and says so; "Send anyway" sends).
import type { Page } from "@playwright/test";
import { UNPRICED, unpricedModel } from "../cli/unpriced-model";
import {
  addFromPalette,
  closeExamples,
  expect,
  node,
  openInDemo,
  openWithProxy,
  openWorkflow,
  runAll,
  test,
  toolbarAction,
} from "./fixtures";

const runButton = (page: Page) => page.getByRole("button", { name: "Run", exact: true });
const preview = (page: Page) => page.getByTestId("run-preview");

/** Text-to-video nodes on current, priced models (no question before Run), each with its own prompt. */
function clips(tag: string, endpoints: readonly string[]) {
  return {
    format: "reelflow/workflow",
    version: 1,
    name: `Run button ${tag}`,
    nodes: endpoints.map((endpoint, i) => ({
      id: `clip${i + 1}`,
      type: "text-to-video",
      position: { x: 200, y: 40 + i * 520 },
      data: { endpoint, params: { prompt: `A kite over the dunes, shot ${i + 1} (${tag})` } },
    })),
    edges: [],
  };
}

test("empty canvas: Run says there is nothing to run and why; all cached: nothing to pay", async ({ page, fake }) => {
  await openWithProxy(page, fake.url);
  await expect(preview(page)).toHaveText(/nothing to run: add a generation node/);
  const run = runButton(page);
  await expect(run).toHaveAttribute("aria-disabled", "true");
  // Still focusable, so a keyboard user reaches it and hears why; pressing it says what to add and sends nothing.
  await run.focus();
  await page.keyboard.press("Enter");
  const why = "Nothing to run: add a generation node (Text-to-Video, Image-to-Video or Remix) from the palette.";
  await expect(page.getByText(why)).toBeVisible();
  expect(fake.requestsOf("submit")).toHaveLength(0);

  await openWorkflow(page, clips("cached", ["fal-ai/veo3.1/fast", "fal-ai/veo3.1"]));
  await expect(preview(page)).toHaveText(/2 paid · 0 cached · \$\d+\.\d\d$/);
  await expect(run).not.toHaveAttribute("aria-disabled", /.*/);
  await runAll(page);
  for (const id of ["clip1", "clip2"]) await expect(node(page, id)).toHaveAttribute("data-status", "succeeded");
  expect(fake.submittedCount()).toBe(2);

  // Everything is cached now: the button says so instead of "0 paid", and pressing it only shows those results.
  await expect(preview(page)).toHaveText(/all 2 cached: nothing to pay$/);
  await expect(run).not.toHaveAttribute("aria-disabled", /.*/);
  await runAll(page);
  for (const id of ["clip1", "clip2"]) await expect(node(page, id)).toHaveAttribute("data-status", "cached");
  expect(fake.submittedCount()).toBe(2);
});

test("Demo mode says simulated, never paid", async ({ page }) => {
  await openInDemo(page, "?demoDelay=150");
  await closeExamples(page);
  await expect(preview(page)).toHaveText(/nothing to run: add a generation node/);
  const clip = await addFromPalette(page, "Text-to-Video", "text-to-video");
  await clip.getByLabel("Prompt", { exact: true }).fill("A paper lantern drifting up (demo run button)");
  await expect(preview(page)).toHaveText(/1 simulated · 0 cached · \$0$/);
  await expect(preview(page)).not.toContainText("paid");
  // The Bill says it too: the line to send is simulated, and so is the total's count.
  await (await toolbarAction(page, "Bill")).click();
  const bill = page.getByRole("complementary", { name: "Bill panel" }).getByRole("table", { name: "Bill" });
  await expect(bill.getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText("simulated");
  await expect(bill.getByRole("rowgroup").last()).toContainText("Total: 1 simulated · 0 from cache");
  await expect(bill).not.toContainText("paid");
  await page.keyboard.press("Escape");
  await runAll(page);
  await expect(clip).toHaveAttribute("data-status", "succeeded");
  await expect(preview(page)).toHaveText(/1 cached: nothing to simulate$/);
});

test.describe("a model fal publishes no price for", () => {
  // This journey answers the question itself.
  test.use({ answerRunQuestions: false });

  test("Run asks in the app's dialog: Escape and Cancel send nothing and say so, Send anyway sends", async ({
    page,
    fake,
  }) => {
    fake.addModel(unpricedModel);
    await openWithProxy(page, fake.url);
    await openWorkflow(page, clips("unpriced", [UNPRICED]));
    await expect(preview(page)).toHaveText(/1 paid · 0 cached · price unknown$/);
    const question = page.getByRole("alertdialog", { name: "Price unknown: send anyway?" });
    const cancelled = page.getByText(
      "Nothing was sent: the run was cancelled before sending jobs whose price is unknown.",
    );

    // Escape: the question closes, nothing is sent, the app says so, and the focus is back on Run.
    await runAll(page);
    await expect(question).toBeVisible();
    await expect(question).toContainText("clip1: Unpriced Test Video");
    await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(question).toBeHidden();
    await expect(cancelled).toBeVisible();
    await expect(runButton(page)).toBeFocused();
    expect(fake.requestsOf("submit")).toHaveLength(0);

    // Cancel: the same.
    await runAll(page);
    await question.getByRole("button", { name: "Cancel" }).click();
    await expect(question).toBeHidden();
    await expect(cancelled).toBeVisible();
    expect(fake.requestsOf("submit")).toHaveLength(0);
    await expect(node(page, "clip1")).toHaveAttribute("data-status", "idle");

    // Send anyway: one job is sent and the node runs to its result.
    await runAll(page);
    await question.getByRole("button", { name: "Send anyway" }).click();
    await expect(question).toBeHidden();
    await expect(node(page, "clip1")).toHaveAttribute("data-status", "succeeded");
    expect(fake.requestsOf("submit").map((r) => r.endpoint)).toEqual([UNPRICED]);
  });
});
