// Shared set-up for the browser journeys: one fake fal per Playwright worker (in-process, real HTTP on
// 127.0.0.1, reset before every test) and small helpers that drive the app only through its accessible UI.
import { test as base, expect } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { startFakeFal } from "../fake-fal/server";
import type { FakeFal } from "../fake-fal/server";

export { expect };

/**
 * The app's question before a run sends (src/ui/run/run-questions.ts): to a retired model, or at a price fal does
 * not publish; its text starts with the question. Found by its role attribute rather than getByRole: the watcher
 * below looks for it every half second through whole journeys, and a role query walks the whole canvas each time.
 */
export const runQuestion = (page: Page) =>
  page.locator('[role="alertdialog"]').filter({ hasText: /^(Send to retired models\?|Price unknown:)/ });

/**
 * Says "Send anyway" to every run question on this page, as a person testing would: runs of the Sora 2 seed
 * workflows ask before sending to a retired model, runs of models fal publishes no price for ask too. Any other
 * question (Delete for good) is left for the test to answer.
 *
 * A watcher, as `page.on("dialog")` was for the browser's confirm, not `page.addLocatorHandler`: a locator handler
 * only runs before a Playwright action or locator assertion, and many journeys wait on the fake fal after Run
 * (`expect.poll(() => fake.jobs.length)`), which would wait behind an unanswered question. Each step waits for a
 * state (the question shown, then gone), never for time; an action that meets the question retries until it is gone.
 */
export function sayYesToRunQuestions(page: Page): void {
  const question = runQuestion(page);
  const answerEach = async () => {
    while (!page.isClosed()) {
      await question.waitFor({ state: "visible", timeout: 0 });
      // As a keyboard user answers: focus "Send anyway", press Enter. (A click first waits for the button to hold
      // still over several animation frames, which on a loaded machine added seconds to every run of a journey.)
      await question.getByRole("button", { name: "Send anyway" }).press("Enter");
      await question.waitFor({ state: "hidden", timeout: 0 });
    }
  };
  // Ends when the page closes (its pending wait then rejects).
  answerEach().catch(() => undefined);
}

export const test = base.extend<{ fake: FakeFal; answerRunQuestions: boolean }, { workerFake: FakeFal }>({
  workerFake: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: `{}` says "none".
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const fake = await startFakeFal({ port: 0 });
      await use(fake);
      await fake.close();
    },
    { scope: "worker" },
  ],
  /** `test.use({ answerRunQuestions: false })`: the test answers the run questions itself. */
  answerRunQuestions: [true, { option: true }],
  page: async ({ page, answerRunQuestions }, use) => {
    if (answerRunQuestions) sayYesToRunQuestions(page);
    await use(page);
  },
  fake: async ({ workerFake }, use) => {
    workerFake.reset();
    await use(workerFake);
  },
});

/** Opens the app (a fresh browser profile per test) and points it at `proxyUrl` in fal mode. */
export async function openWithProxy(page: Page, proxyUrl: string): Promise<void> {
  await page.goto("./");
  await page.getByRole("button", { name: "Set up a proxy" }).click();
  await setProxyUrl(page, proxyUrl);
}

export async function setProxyUrl(page: Page, proxyUrl: string): Promise<void> {
  const field = page.getByLabel("Proxy URL");
  // The panel may already be open (the welcome screen's "Set up a proxy"), or still loading its code: wait for that,
  // or the click below would close it again.
  await expect(page.getByRole("complementary", { name: "Loading panel" })).toHaveCount(0);
  if (!(await page.getByRole("complementary", { name: "Settings panel" }).isVisible()))
    await (await toolbarAction(page, "Settings")).click();
  await field.fill(proxyUrl);
  await field.press("Enter");
  await page.getByRole("button", { name: "Close settings" }).click();
  await expect(field).toBeHidden();
}

export async function openInDemo(page: Page, query = ""): Promise<void> {
  await page.goto(`./${query}`);
  await page.getByRole("button", { name: "Try the demo" }).click();
}

/** Closes the Examples panel if it is open (the demo opens it on an empty canvas), leaving the canvas clear. */
export async function closeExamples(page: Page): Promise<void> {
  const panel = page.getByRole("complementary", { name: "Examples panel" });
  // The welcome's choice opens the panel in the same step as it closes; the panel's code may still be loading.
  await expect(page.getByRole("button", { name: "Try the demo" })).toBeHidden();
  await expect(page.getByRole("complementary", { name: "Loading panel" })).toHaveCount(0);
  if (await panel.isVisible()) await panel.getByRole("button", { name: "Close examples" }).click();
  await expect(panel).toBeHidden();
}

/** The app's toolbar (nodes have headers of their own). */
export const toolbar = (page: Page) => page.getByRole("banner", { name: "Toolbar" });

/**
 * A toolbar action as a person reaches it: its button when the toolbar shows it at this width, else the item of
 * the same name in the "More actions" menu (opened here when it is closed).
 */
export async function toolbarAction(page: Page, name: string): Promise<Locator> {
  const bar = toolbar(page);
  await expect(bar.getByRole("button", { name: "Run", exact: true })).toBeVisible();
  const button = bar.getByRole("button", { name, exact: true });
  if (await button.isVisible()) return button;
  const more = bar.getByRole("button", { name: "More actions" });
  if ((await more.getAttribute("aria-expanded")) !== "true") await more.click();
  const item = page.getByRole("menu", { name: "More actions" }).getByRole("menuitem", { name, exact: true });
  await expect(item).toBeVisible();
  return item;
}

export const nodes = (page: Page) => page.locator("[data-node-id]");
export const nodeOfKind = (page: Page, kind: string) => page.locator(`[data-node-id][data-kind="${kind}"]`);

/** Adds a node with the palette and returns its root element (the newest node of that kind). */
export async function addFromPalette(page: Page, title: string, kind: string): Promise<Locator> {
  const before = await nodeOfKind(page, kind).count();
  const palette = page.getByRole("navigation", { name: "Node palette" });
  // A collapsed palette (the person's choice, or a phone's default) is opened first.
  const show = palette.getByRole("button", { name: "Show node palette" });
  if (await show.isVisible()) await show.click();
  // Exact: "Add Image" must not also find "Add Image Edit" and "Add Image-to-Video".
  await palette.getByRole("button", { name: `Add ${title}`, exact: true }).click();
  await expect(nodeOfKind(page, kind)).toHaveCount(before + 1);
  return nodeOfKind(page, kind).nth(before);
}

/** React Flow handle of a node: `source` handles are outputs, `target` handles inputs. */
export const handle = (node: Locator, type: "source" | "target", id: string) =>
  node.locator(`.react-flow__handle.${type}[data-handleid="${id}"]`);

/** Drags a wire from one handle to another with the mouse, as a person would. */
export async function dragConnect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("handle not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Moves a node by dragging its header, so nodes added at the same spot do not overlap. */
export async function moveNode(page: Page, node: Locator, dx: number, dy: number): Promise<void> {
  const header = node.locator("header .title");
  const box = await header.boundingBox();
  if (!box) throw new Error("node header not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx / 2, box.y + box.height / 2 + dy / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { steps: 4 });
  await page.mouse.up();
}

/** An Image node from the palette, moved by (dx, dy) from where it landed, holding this URL. */
export async function imageSource(page: Page, url: string, dx: number, dy: number): Promise<Locator> {
  const image = await addFromPalette(page, "Image", "image");
  await moveNode(page, image, dx, dy);
  await image.getByLabel("Image URL").fill(url);
  await image.getByLabel("Image URL").press("Enter");
  return image;
}

/** Waits until the node's <video> has data and its playback position moves. */
export async function expectVideoPlays(node: Locator): Promise<void> {
  const video = node.locator("video");
  await expect(video).toBeVisible();
  // Polls a word, so a failure shows what the element is doing (its readyState, or its media error).
  await expect
    .poll(
      () =>
        video.evaluate((v: HTMLVideoElement) =>
          v.readyState >= 2
            ? "has data"
            : v.error
              ? `error ${v.error.code} ${v.error.message}`
              : `readyState ${v.readyState}, src ${v.currentSrc.slice(0, 40)}`,
        ),
      { message: "video has data" },
    )
    .toBe("has data");
  await video.evaluate((v: HTMLVideoElement) => v.play().catch(() => undefined));
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect
    .poll(
      () => video.evaluate((v: HTMLVideoElement, start: number) => (v.currentTime !== start || v.ended ? 1 : 0), t0),
      { message: "video plays" },
    )
    .toBe(1);
}

/** Opens a workflow through "Open workflow" and the browser's file picker, as a person would. */
export async function openWorkflow(page: Page, workflow: object, fileName = "journey.reelflow.json"): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await (await toolbarAction(page, "Open workflow")).click();
  await (
    await chooser
  ).setFiles({ name: fileName, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(workflow)) });
  const ids = (workflow as { nodes?: { id: string }[] }).nodes?.map((n) => n.id) ?? [];
  for (const id of ids) await expect(page.locator(`[data-node-id="${id}"]`)).toBeVisible();
}

export const node = (page: Page, id: string) => page.locator(`[data-node-id="${id}"]`);
export const runAll = (page: Page) => page.getByRole("button", { name: "Run", exact: true }).click();

/** Prompt → Sora 2 text-to-video → Sora remix, plus an unrelated text-to-video with its own prompt. */
export function soraChain(tag: string) {
  return {
    format: "reelflow/workflow",
    version: 1,
    name: `Journey ${tag}`,
    nodes: [
      { id: "prompt", type: "prompt", position: { x: 0, y: 0 }, data: { text: `A cat on a skateboard (${tag})` } },
      {
        id: "video",
        type: "text-to-video",
        position: { x: 340, y: 0 },
        data: { endpoint: "fal-ai/sora-2/text-to-video", params: { aspect_ratio: "16:9", duration: 4 } },
      },
      {
        id: "remix",
        type: "remix",
        position: { x: 700, y: 0 },
        data: { endpoint: "fal-ai/sora-2/video-to-video/remix", params: { prompt: `Make it neon at night (${tag})` } },
      },
      {
        id: "other",
        type: "text-to-video",
        position: { x: 340, y: 520 },
        data: {
          endpoint: "fal-ai/sora-2/text-to-video",
          params: { prompt: `A lighthouse in a storm (${tag})`, duration: 4 },
        },
      },
    ],
    edges: [
      { id: "e-prompt", source: "prompt", sourceHandle: "text", target: "video", targetHandle: "prompt" },
      { id: "e-video", source: "video", sourceHandle: "video", target: "remix", targetHandle: "video" },
    ],
  };
}

/** One Sora 2 text-to-video node with its prompt typed in. */
export function singleVideo(tag: string) {
  return {
    format: "reelflow/workflow",
    version: 1,
    name: `Single ${tag}`,
    nodes: [
      {
        id: "clip",
        type: "text-to-video",
        position: { x: 200, y: 40 },
        data: {
          endpoint: "fal-ai/sora-2/text-to-video",
          params: { prompt: `A hot air balloon over hills (${tag})`, duration: 4 },
        },
      },
    ],
    edges: [],
  };
}
