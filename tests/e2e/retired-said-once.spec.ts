// Issue 16, item 6: a retired model is said once on its node (the marker with its date and the switch), not again
// on the model button; the Examples list marks each example that uses a retired model, worked out from the models
// its nodes run (an example added to the list without any word about it is marked too). The list reads only
// index.json, whose entries carry those models (tests/examples/examples.test.ts keeps them true to the files): no
// example file is fetched until one is opened.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findAdapter } from "../../src/nodes/registry";
import { closeExamples, expect, node, openInDemo, test } from "./fixtures";

const EXAMPLES = join(process.cwd(), "public/examples");
const index = JSON.parse(readFileSync(join(EXAMPLES, "index.json"), "utf8")) as {
  examples: { file: string; title: string }[];
};
type ExampleFile = { nodes: { type: string; data: { endpoint?: string } }[] };
const exampleFile = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as ExampleFile;
const usesRetired = (w: ExampleFile) =>
  w.nodes.some((n) => n.data.endpoint !== undefined && findAdapter(n.data.endpoint)?.retired);

test("a retired model is said once on its node; the Examples list says which examples use one", async ({ page }) => {
  // One more example, served with the list, whose title and description say nothing about Sora 2 being retired.
  const extra = {
    file: "old-sora.reelflow.json",
    title: "An old Sora clip",
    description: "One clip.",
    endpoints: ["fal-ai/sora-2/text-to-video"],
  };
  const oldSora = { ...exampleFile("single-t2v.reelflow.json"), name: "An old Sora clip" };
  await page.route("**/examples/index.json", async (route) => {
    const body = { examples: [...index.examples, extra] };
    await route.fulfill({ contentType: "application/json", body: JSON.stringify(body) });
  });
  await page.route("**/examples/old-sora.reelflow.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify(oldSora) }),
  );

  const fetched: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes("/examples/")) fetched.push(path.slice(path.indexOf("/examples/") + 1));
  });

  await openInDemo(page);
  const panel = page.getByRole("complementary", { name: "Examples panel" });
  const item = (title: string) =>
    panel.getByRole("listitem").filter({
      has: page.locator("strong", { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }),
    });
  await expect(item(extra.title).getByTestId("example-retired")).toHaveText(
    "Uses a retired model: Sora 2 (retired 2026-09-24)",
  );
  for (const e of index.examples) {
    expect(e.title, "the list says it, not the title").not.toMatch(/retired/i);
    await expect(item(e.title).getByTestId("example-retired"), e.file).toHaveCount(
      usesRetired(exampleFile(e.file)) ? 1 : 0,
    );
  }
  expect(index.examples.filter((e) => usesRetired(exampleFile(e.file))).length).toBeGreaterThan(0);
  expect(fetched, "the list is drawn from index.json alone").toEqual(["examples/index.json"]);

  await item(extra.title).getByRole("button").click();
  await closeExamples(page);
  expect(fetched).toEqual(["examples/index.json", `examples/${extra.file}`]);
  const clip = node(page, "video");
  await expect(clip.getByTestId("retired-marker")).toHaveText("Sora 2 retired 2026-09-24");
  await expect(clip.getByRole("button", { name: "Switch to Veo 3.1 Fast" })).toBeVisible();
  const said = (await clip.innerText()).match(/retired/gi) ?? [];
  expect(said, await clip.innerText()).toHaveLength(1);
  await expect(clip.getByRole("button", { name: /^Model / })).not.toHaveAccessibleName(/retired/i);
});
