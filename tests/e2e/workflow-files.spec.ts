// issue 5 in the browser: files in and out, a bad file refused in words, autosave across reload, the examples.
import { readFileSync } from "node:fs";
import { expect, nodes, openInDemo, openWorkflow, singleVideo, soraChain, test, toolbarAction } from "./fixtures";
import { waitForSavedWorkflow } from "./saved-rows";

test("Save workflow writes a .reelflow.json that opens back the same, unknown fields kept", async ({ page }) => {
  // The download path, as in browsers without the File System Access API (its save dialog has its own test).
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await openInDemo(page);
  const original = { ...soraChain("save"), "x-note": "kept by a newer Reelflow" };
  (original.nodes[0] as Record<string, unknown>)["x-color"] = "teal";
  await openWorkflow(page, original);

  const download = page.waitForEvent("download");
  await (await toolbarAction(page, "Save workflow")).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.reelflow\.json$/);
  const saved = JSON.parse(readFileSync((await file.path()) ?? "", "utf8")) as Record<string, unknown> & {
    nodes: Record<string, unknown>[];
  };
  expect(saved).toMatchObject({
    format: "reelflow/workflow",
    version: 1,
    name: original.name,
    "x-note": "kept by a newer Reelflow",
  });
  expect(saved.nodes.map((n) => n.id)).toEqual(original.nodes.map((n) => n.id));
  expect(saved.nodes[0]).toMatchObject({ "x-color": "teal", data: original.nodes[0]?.data });
  expect(JSON.stringify(saved)).not.toContain("proxy");

  await openWorkflow(page, singleVideo("other"));
  await openWorkflow(page, saved);
  await expect(nodes(page)).toHaveCount(original.nodes.length);
});

test("a bad file is refused with a message naming the problem, and the open workflow is untouched", async ({
  page,
}) => {
  await openInDemo(page);
  await openWorkflow(page, soraChain("bad"));
  await expect(nodes(page)).toHaveCount(4);

  const open = async (name: string, content: string) => {
    const chooser = page.waitForEvent("filechooser");
    await (await toolbarAction(page, "Open workflow")).click();
    await (await chooser).setFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  };
  await open("broken.reelflow.json", "{ not json");
  await expect(page.getByRole("alert").filter({ hasText: "broken.reelflow.json" })).toBeVisible();
  await open("future.reelflow.json", JSON.stringify({ ...soraChain("future"), version: 99 }));
  await expect(page.getByRole("alert").filter({ hasText: "future.reelflow.json" })).toContainText(/version|newer/i);
  await expect(nodes(page)).toHaveCount(4);
  await expect(page.getByLabel("Workflow name")).toHaveValue("Journey bad");
});

test("a workflow file dropped on the canvas opens", async ({ page }) => {
  await openInDemo(page);
  const text = JSON.stringify(singleVideo("dropped"));
  const data = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "dropped.reelflow.json", { type: "application/json" }));
    return dt;
  }, text);
  const pane = page.locator(".canvas");
  await pane.dispatchEvent("dragover", { dataTransfer: data });
  await pane.dispatchEvent("drop", { dataTransfer: data });
  await expect(page.locator('[data-node-id="clip"]')).toBeVisible();
  await expect(page.getByLabel("Workflow name")).toHaveValue("Single dropped");
});

test("autosave: an edit survives a reload", async ({ page }) => {
  await openInDemo(page);
  await openWorkflow(page, soraChain("autosave"));
  const text = page.locator('[data-node-id="prompt"]').getByLabel("Prompt text");
  await text.fill("Typed just before the reload");
  await text.blur();
  // Reload once autosave has written the edit (a loaded machine may take longer than the promised second).
  await waitForSavedWorkflow(page, "Typed just before the reload");
  await page.reload();
  await expect(page.locator('[data-node-id="prompt"]').getByLabel("Prompt text")).toHaveValue(
    "Typed just before the reload",
  );
});

test("every listed example opens without errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openInDemo(page);
  const index = (await (await page.request.get("examples/index.json")).json()) as {
    examples: { file: string; title: string }[];
  };
  expect(index.examples.length).toBeGreaterThanOrEqual(5);
  for (const ex of index.examples) {
    const wf = (await (await page.request.get(`examples/${ex.file}`)).json()) as { name: string; nodes: unknown[] };
    const panel = page.getByRole("complementary", { name: "Examples panel" });
    // The Examples button toggles the panel, which "Try the demo" opens by itself on an empty canvas.
    const toggle = page.getByRole("button", { name: "Examples", exact: true });
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    await panel
      .getByRole("button")
      .filter({ has: page.getByText(ex.title, { exact: true }) })
      .click();
    // Opened once the panel has closed behind it; until then the toggle still reads pressed for the next round.
    await expect(panel, ex.file).toBeHidden();
    await expect(page.getByLabel("Workflow name"), ex.file).toHaveValue(wf.name);
    await expect(nodes(page), ex.file).toHaveCount(wf.nodes.length);
    await expect(page.getByRole("alert"), ex.file).toHaveCount(0);
    await expect(page.locator("[data-node-id]").getByTestId("node-problems"), ex.file).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});
