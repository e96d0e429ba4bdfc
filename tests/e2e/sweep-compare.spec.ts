// Issue 9 in Chromium against the fake fal: a sweep of three durations billed before it runs, sent as
// exactly three jobs, filed as three takes at the billed cost; two takes compared, playing in sync,
// with the swept param in their differences; the lineage of a take exported with the workflow.
import { readFile } from "node:fs/promises";
import { expect, openWithProxy, openWorkflow, runAll, soraChain, test, toolbarAction } from "./fixtures";

const workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "Sweep journey",
  nodes: [
    { id: "idea", type: "prompt", position: { x: 0, y: 40 }, data: { text: "A paper boat on a rainy street" } },
    {
      id: "clip",
      type: "text-to-video",
      position: { x: 340, y: 40 },
      data: { endpoint: "fal-ai/sora-2/text-to-video", params: { duration: 4 } },
    },
  ],
  edges: [{ id: "e1", source: "idea", sourceHandle: "text", target: "clip", targetHandle: "prompt" }],
};

const dollars = (text: string | null) => Number(/\$(\d+\.\d\d)/.exec(text ?? "")?.[1] ?? NaN);

test("sweep three durations: bill first, three jobs, three takes at the billed cost; compare two in sync; lineage export", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, workflow);

  await page.getByTestId("sweep-clip").click();
  const dialog = page.getByTestId("sweep-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Param to sweep")).toHaveValue("duration");
  for (const d of ["4", "8", "12"]) await dialog.getByTestId(`sweep-value-${d}`).check();

  // The bill before anything is sent: a paid line per value and the total.
  const lines = dialog.getByTestId("sweep-line");
  await expect(lines).toHaveCount(3);
  await expect(dialog.locator('[data-testid="sweep-line"][data-status="paid"]')).toHaveCount(3);
  await expect(lines.nth(0)).toContainText("$0.40");
  await expect(lines.nth(1)).toContainText("$0.80");
  await expect(lines.nth(2)).toContainText("$1.20");
  await expect(dialog.getByTestId("sweep-total")).toHaveText("$2.40");
  expect(fake.requestsOf("submit")).toHaveLength(0);

  // Sora 2 is retired: the run asks first (the fixture says yes), then sends the three jobs.
  await dialog.getByTestId("sweep-run").click();
  await expect(dialog.getByTestId("sweep-outcome")).toContainText("3 takes filed on clip", { timeout: 60_000 });
  const submits = fake.requestsOf("submit").filter((r) => r.status === 200);
  expect(submits).toHaveLength(3);
  expect(submits.map((s) => (s.body as { duration: unknown }).duration).sort((a, b) => Number(a) - Number(b))).toEqual([
    4, 8, 12,
  ]);
  expect(submits.every((s) => (s.body as { prompt: unknown }).prompt === "A paper boat on a rainy street")).toBe(true);
  await dialog.getByRole("button", { name: "Close sweep" }).click();
  await expect(dialog).toBeHidden();

  // Three takes on the node, costing what the bill said.
  const takes = page.locator('[data-testid^="take-clip-"]');
  await expect(takes).toHaveCount(3);
  const costs = await Promise.all([0, 1, 2].map((i) => page.getByTestId(`take-clip-${i}`).getAttribute("aria-label")));
  expect(costs.map(dollars).sort((a, b) => a - b)).toEqual([0.4, 0.8, 1.2]);
  // The spend ledger agrees: $2.40 for this workflow.
  await (await toolbarAction(page, "Spend")).click();
  await expect(page.getByRole("table", { name: "Totals per workflow" })).toContainText("$2.40");
  await page.getByRole("button", { name: "Close spend" }).click();

  // Compare two takes: both play, one pause stops both, and the swept param is what differs.
  // Ticked from the keyboard: the node grows as its result video and the thumbnails load, and a
  // click aimed before that shift can land on its neighbour.
  for (const i of [0, 1]) {
    const tick = page.getByTestId(`compare-toggle-clip-${i}`);
    await tick.focus();
    await page.keyboard.press("Space");
    await expect(tick).toBeChecked();
  }
  await page.getByTestId("compare-open").click();
  const compare = page.getByTestId("compare-dialog");
  await expect(compare).toBeVisible();
  const videos = compare.getByTestId("compare-video");
  await expect(videos).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await expect
      .poll(() => videos.nth(i).evaluate((v: HTMLVideoElement) => v.readyState), { message: `video ${i} has data` })
      .toBeGreaterThanOrEqual(2);
  }
  await compare.getByRole("button", { name: "Play all" }).click();
  for (let i = 0; i < 2; i++) {
    await expect
      .poll(
        () =>
          videos
            .nth(i)
            .evaluate((v: HTMLVideoElement) =>
              !v.paused && v.currentTime > 0 ? "playing" : `paused=${v.paused} t=${v.currentTime}`,
            ),
        { message: `video ${i} plays` },
      )
      .toBe("playing");
  }
  await compare.getByRole("button", { name: "Pause all" }).click();
  await expect
    .poll(() => videos.evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).paused)))
    .toEqual([true, true]);
  // Still paused a moment later: the group's timer does not start them again.
  await page.waitForTimeout(600);
  expect(await videos.evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).paused))).toEqual([true, true]);
  const durationRow = compare.locator('[data-testid="compare-diff-row"][data-param="duration"]');
  await expect(durationRow).toBeVisible();
  await expect(compare.locator('[data-testid="compare-diff-row"]')).toHaveCount(1);
  await compare.getByRole("button", { name: "Close compare" }).click();
  await expect(compare).toBeHidden();

  // Lineage of a take: the take and the prompt that made it; exported with the workflow.
  // From the keyboard too: the strip sits low on the node, where the compare bar may float over it.
  await page.getByTestId("lineage-clip-2").focus();
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("lineage-panel");
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-testid="lineage-step"][data-kind="take"]')).toHaveCount(1);
  await expect(panel.locator('[data-testid="lineage-step"][data-kind="source"]')).toContainText(
    "A paper boat on a rainy street",
  );
  const download = page.waitForEvent("download");
  await panel.getByTestId("lineage-export").click();
  const file = await download;
  const saved = JSON.parse(await readFile(await file.path(), "utf8")) as {
    nodes: unknown[];
    lineage: { of: { nodeId: string }; steps: { kind: string }[] };
  };
  expect(saved.nodes).toHaveLength(2);
  expect(saved.lineage.of.nodeId).toBe("clip");
  expect(saved.lineage.steps.map((s) => s.kind)).toEqual(["take", "source"]);
});

test("lineage of a remix: the remix, the Sora video it changed and the prompt behind that video", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, soraChain("lineage"));
  await runAll(page);
  await expect(page.getByTestId("take-remix-0")).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("lineage-remix-0").focus();
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("lineage-panel");
  const steps = panel.getByTestId("lineage-step");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toHaveAttribute("data-kind", "take");
  await expect(steps.nth(0)).toContainText("Remix of remix");
  await expect(steps.nth(0)).toContainText("Make it neon at night (lineage)");
  await expect(steps.nth(1)).toHaveAttribute("data-kind", "take");
  await expect(steps.nth(1)).toContainText("Take of video");
  await expect(steps.nth(2)).toHaveAttribute("data-kind", "source");
  await expect(steps.nth(2)).toContainText("A cat on a skateboard (lineage)");
  await page.getByRole("button", { name: "Close lineage" }).click();
  await expect(panel).toBeHidden();
});
