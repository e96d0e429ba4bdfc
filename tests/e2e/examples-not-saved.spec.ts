// Issue 16, item 9: browsing examples adds no saved workflow until one is edited or run. The example open now
// is still what a reload shows; an edit (kept also when undone) or a run adds it to the Workflows list.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, nodes, openInDemo, runAll, test } from "./fixtures";

const EXAMPLES = join(process.cwd(), "public/examples");
const index = JSON.parse(readFileSync(join(EXAMPLES, "index.json"), "utf8")) as {
  examples: { file: string; title: string }[];
};
const example = (file: string) =>
  JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as {
    name: string;
    nodes: { id: string; type: string; data: { text?: string } }[];
  };

async function openExample(page: Page, title: string): Promise<void> {
  const toggle = page.getByRole("button", { name: "Examples", exact: true });
  const panel = page.getByRole("complementary", { name: "Examples panel" });
  // Pressed until the panel shows (it loads on demand), whatever state the toggle was left in.
  await expect(async () => {
    if (!(await panel.isVisible())) await toggle.click();
    await expect(panel).toBeVisible({ timeout: 5000 });
  }).toPass();
  await panel
    .getByRole("button")
    .filter({ has: page.getByText(title, { exact: true }) })
    .click();
  await expect(panel).toBeHidden();
}

async function savedNames(page: Page): Promise<string[]> {
  const toggle = page.getByRole("button", { name: "Workflows", exact: true });
  const panel = page.getByRole("complementary", { name: "Workflows panel" });
  await expect(async () => {
    if (!(await panel.isVisible())) await toggle.click();
    await expect(panel).toBeVisible({ timeout: 5000 });
  }).toPass();
  const list = panel.getByRole("list", { name: "Workflow list" });
  await expect(list.getByRole("listitem").first()).toBeVisible();
  const names = await list
    .getByRole("button", { name: /^Open / })
    .evaluateAll((els) => els.map((e) => (e.textContent ?? "").replace(/ \(open\)$/, "")));
  await panel.getByRole("button", { name: "Close workflows" }).click();
  await expect(panel).toBeHidden();
  return names;
}

test("browsing examples adds no workflow until one is edited or run; a reload shows the one open", async ({ page }) => {
  await openInDemo(page, "?demoDelay=150");
  const before = await savedNames(page);
  const browsed = index.examples.slice(0, 5);
  for (const e of browsed) {
    await openExample(page, e.title);
    await expect(page.getByLabel("Workflow name")).toHaveValue(example(e.file).name);
  }
  expect(await savedNames(page)).toEqual(before);

  // A reload right after opening shows the example still, unsaved.
  const last = example(browsed[browsed.length - 1]?.file ?? "");
  await page.reload();
  await expect(page.getByLabel("Workflow name")).toHaveValue(last.name);
  await expect(nodes(page)).toHaveCount(last.nodes.length);
  expect(await savedNames(page)).toEqual(before);

  // An edit keeps it; undoing the edit goes back to the opened text and it stays kept.
  const textToVideo = index.examples.find((e) => e.file === "text-to-video.reelflow.json");
  if (!textToVideo) throw new Error("no text-to-video example");
  await openExample(page, textToVideo.title);
  const promptNode = example(textToVideo.file).nodes.find((n) => n.type === "prompt");
  const text = page.locator(`[data-node-id="${promptNode?.id}"]`).getByLabel("Prompt text");
  await expect(text).toHaveValue(promptNode?.data.text ?? "");
  await text.fill("My own idea");
  await text.blur();
  await expect.poll(() => savedNames(page)).toEqual([example(textToVideo.file).name, ...before]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(text).toHaveValue(promptNode?.data.text ?? "");
  await expect(page.getByRole("button", { name: "Redo" })).toBeEnabled();
  expect(await savedNames(page)).toEqual([example(textToVideo.file).name, ...before]);

  // A run keeps it too, unedited.
  const pro = index.examples.find((e) => e.file === "pro-1080p.reelflow.json");
  if (!pro) throw new Error("no pro-1080p example");
  await openExample(page, pro.title);
  await runAll(page);
  const generation = example(pro.file).nodes.filter((n) => n.type === "text-to-video");
  for (const n of generation)
    await expect(page.locator(`[data-node-id="${n.id}"]`)).toHaveAttribute("data-status", "succeeded");
  await expect
    .poll(() => savedNames(page))
    .toEqual([example(pro.file).name, example(textToVideo.file).name, ...before]);
});
