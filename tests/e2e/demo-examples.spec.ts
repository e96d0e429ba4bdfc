// Issue 16, item 1: in Demo mode every shipped example runs to success, and so does the palette's default chain
// (Prompt → Text-to-Video → Remix, default models), each clip as long as its node asked (8, "8" or "8s").
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { addFromPalette, closeExamples, dragConnect, expect, handle, node, openInDemo, runAll, test } from "./fixtures";

const EXAMPLES = join(process.cwd(), "public/examples");
interface ExampleNode {
  id: string;
  type: string;
  data: { params?: Record<string, unknown> };
}
const index = JSON.parse(readFileSync(join(EXAMPLES, "index.json"), "utf8")) as {
  examples: { file: string; title: string }[];
};
const INPUT_KINDS = new Set(["prompt", "image", "video"]);

/** The length a node asks for, in any form its model writes it (8, "8", "8s"); null when it asks none. */
function askedSeconds(params: Record<string, unknown> | undefined): number | null {
  const v = params?.duration;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number.parseFloat(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Waits until every generation node has ended (an ending status, not merely "not running": just after Run a node
 * may not be queued yet, which once let a CI run read "queued" as done), then expects each succeeded or cached.
 */
async function expectAllDone(page: Page, ids: string[], what: string): Promise<void> {
  const statuses = () =>
    Promise.all(ids.map(async (id) => `${id}: ${await node(page, id).getAttribute("data-status")}`));
  const ended = /: (succeeded|cached|failed|skipped|cancelled)$/;
  await expect
    .poll(async () => (await statuses()).filter((s) => !ended.test(s)), {
      message: `${what}: nodes not ended`,
      timeout: 40_000,
    })
    .toEqual([]);
  expect(await statuses(), `${what}: every generation node succeeded or cached`).toEqual(
    ids.map((id) => expect.stringMatching(new RegExp(`^${id}: (succeeded|cached)$`))),
  );
}

/** The clip length the node shows under its result ("8 s"). */
async function shownSeconds(n: Locator): Promise<number> {
  const label = n.locator(".result-bar span[title='Length of the clip']");
  await expect(label).toBeVisible();
  return Number.parseFloat((await label.textContent()) ?? "");
}

test("every shipped example and the palette's default chain run to success in Demo mode, at the lengths asked", async ({
  page,
  fake,
}) => {
  // Twelve examples and a chain, one after another, each rendering its clips in real time: minutes on 2 loaded cores.
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openInDemo(page, "?demoDelay=150");

  // The palette's default chain, wired as a person would (the palette lays its nodes out left to right).
  await closeExamples(page);
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  await prompt.getByLabel("Prompt text").fill("a paper boat drifting down a rainy street");
  const t2v = await addFromPalette(page, "Text-to-Video", "text-to-video");
  const remix = await addFromPalette(page, "Remix", "remix");
  await dragConnect(page, handle(prompt, "source", "text"), handle(t2v, "target", "prompt"));
  await dragConnect(page, handle(t2v, "source", "video"), handle(remix, "target", "video"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await remix.getByLabel("Prompt", { exact: true }).fill("make it a snowy night with falling snow");
  await runAll(page);
  const chainIds = await Promise.all([t2v, remix].map(async (n) => (await n.getAttribute("data-node-id")) ?? ""));
  await expectAllDone(page, chainIds, "default chain");
  const t2vSeconds = await shownSeconds(t2v);
  expect(t2vSeconds, "the default Text-to-Video clip is longer than the demo's stand-in 1.5 s").toBeGreaterThan(2);
  // An edit with no length of its own is as long as its source.
  expect(Math.abs((await shownSeconds(remix)) - t2vSeconds)).toBeLessThanOrEqual(0.5);

  const examplesButton = page.getByRole("button", { name: "Examples", exact: true });
  for (const example of index.examples) {
    const workflow = JSON.parse(readFileSync(join(EXAMPLES, example.file), "utf8")) as {
      name: string;
      nodes: ExampleNode[];
    };
    if ((await examplesButton.getAttribute("aria-pressed")) !== "true") await examplesButton.click();
    const panel = page.getByRole("complementary", { name: "Examples panel" });
    await panel
      .getByRole("button")
      .filter({
        has: page.locator("strong", {
          hasText: new RegExp(`^${example.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
        }),
      })
      .click();
    // The example is open once the panel has closed behind it: the last example's nodes may share these ids.
    await expect(panel).toBeHidden();
    await expect(page.getByLabel("Workflow name")).toHaveValue(workflow.name);
    for (const n of workflow.nodes) await expect(node(page, n.id)).toBeVisible();
    const generation = workflow.nodes.filter((n) => !INPUT_KINDS.has(n.type));
    await runAll(page);
    await expectAllDone(
      page,
      generation.map((n) => n.id),
      example.title,
    );
    for (const n of generation) {
      const asked = askedSeconds(n.data.params);
      if (asked === null) continue;
      const shown = await shownSeconds(node(page, n.id));
      expect(
        Math.abs(shown - asked),
        `${example.title} / ${n.id}: asked ${asked} s, shown ${shown} s`,
      ).toBeLessThanOrEqual(0.5);
    }
  }
  expect(fake.requests).toEqual([]);
  expect(errors).toEqual([]);
});
