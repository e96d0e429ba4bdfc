// Takes in the browser (issue 9): a node keeps every result as a take; the chosen take is what a downstream
// remix receives; "New take" is paid on purpose and says so first; a pinned node never re-runs, survives a
// reload, and says when it is stale against its inputs.
import type { Page } from "@playwright/test";
import { expect, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";
import { badge, jobAtFal, QUICK } from "./faults/helpers";
import type { FakeFal } from "../fake-fal/server";

/** Prompt → Sora 2 text-to-video → Sora remix. */
function chain(tag: string) {
  return {
    format: "reelflow/workflow",
    version: 1,
    name: `Takes ${tag}`,
    nodes: [
      { id: "prompt", type: "prompt", position: { x: 0, y: 0 }, data: { text: `A paper boat on a river (${tag})` } },
      {
        id: "video",
        type: "text-to-video",
        position: { x: 340, y: 0 },
        data: { endpoint: "fal-ai/sora-2/text-to-video", params: { aspect_ratio: "16:9", duration: 4 } },
      },
      {
        id: "remix",
        type: "remix",
        position: { x: 760, y: 0 },
        data: { endpoint: "fal-ai/sora-2/video-to-video/remix", params: { prompt: `Make it snow (${tag})` } },
      },
    ],
    edges: [
      { id: "e-prompt", source: "prompt", sourceHandle: "text", target: "video", targetHandle: "prompt" },
      { id: "e-video", source: "video", sourceHandle: "video", target: "remix", targetHandle: "video" },
    ],
  };
}

// Video nodes with a result are tall: a tall window keeps their take strips on screen (React Flow clips what is not).
test.use({ viewport: { width: 1280, height: 1500 } });

const T2V = "fal-ai/sora-2/text-to-video";
const REMIX = "fal-ai/sora-2/video-to-video/remix";

/** Accepted submits at the fake fal, oldest first. */
const accepted = (fake: FakeFal) => fake.requestsOf("submit").filter((r) => r.status === 200);
/** Sora's video id of the job a submit made. */
const videoIdOf = (fake: FakeFal, requestId: string | null) =>
  fake.jobs.find((j) => j.requestId === requestId)?.videoId;

async function waitIdle(page: Page) {
  await expect(page.getByRole("button", { name: "Stop" })).toBeDisabled({ timeout: 60_000 });
}

/** The open workflow as autosave stored it in IndexedDB (read with the browser's own API). */
async function savedDoc(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open("reelflow");
        open.onerror = () => reject(open.error ?? new Error("IndexedDB would not open reelflow"));
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction("workflows").objectStore("workflows").getAll();
          req.onerror = () => reject(req.error ?? new Error("IndexedDB would not read the workflows"));
          req.onsuccess = () => {
            db.close();
            resolve(
              (req.result as { doc: string; updatedAt: string }[]).sort((a, b) =>
                b.updatedAt.localeCompare(a.updatedAt),
              )[0]?.doc ?? "",
            );
          };
        };
      }),
  );
}

test("choosing a take changes what the remix receives; new take is billed as paid on purpose; switching back is served from the cache", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, chain("choose"));

  // First take of the text-to-video only.
  await node(page, "video").getByRole("button", { name: "Run up to here" }).click();
  await expect(node(page, "video")).toHaveAttribute("data-status", "succeeded");
  await waitIdle(page);
  await expect(page.getByTestId("take-video-0")).toHaveAttribute("data-chosen", "true");
  expect(accepted(fake).map((r) => r.endpoint)).toEqual([T2V]);
  const firstVideo = videoIdOf(fake, accepted(fake)[0]!.requestId);
  // fal gave no thumbnail (the fake sends null): the strip shows a frame drawn from the stored video.
  await expect(page.getByTestId("take-video-0").locator("img")).toBeVisible();
  expect(
    await page
      .getByTestId("take-video-0")
      .locator("img")
      .evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);

  // New take: its bill first, which says it is paid on purpose, then Send.
  await page.getByTestId("new-take-video").click();
  await expect(page.getByTestId("new-take-bill-video")).toContainText("new take: paid on purpose");
  await expect(page.getByTestId("new-take-bill-video")).toContainText("$0.40");
  await page.getByTestId("new-take-bill-video").getByRole("button", { name: "Send" }).click();
  await expect.poll(() => accepted(fake).length).toBe(2);
  await waitIdle(page);
  expect(accepted(fake)[1]?.endpoint).toBe(T2V);
  const secondVideo = videoIdOf(fake, accepted(fake)[1]!.requestId);
  expect(secondVideo).not.toBe(firstVideo);
  // The new take is the chosen one now.
  await expect(page.getByTestId("take-video-1")).toHaveAttribute("data-chosen", "true");
  await expect(page.getByTestId("take-video-0")).toHaveAttribute("data-chosen", "false");

  // Choose the first take again, run: the remix sent to fal is made from the first take's video.
  await page.getByTestId("take-video-0").click();
  await expect(page.getByTestId("take-video-0")).toHaveAttribute("data-chosen", "true");
  await runAll(page);
  await expect.poll(() => accepted(fake).length).toBe(3);
  await waitIdle(page);
  const remix1 = accepted(fake)[2]!;
  expect(remix1.endpoint).toBe(REMIX);
  expect(remix1.body).toMatchObject({ video_id: firstVideo });
  await expect(node(page, "video")).toHaveAttribute("data-status", "cached");
  await expect(node(page, "remix")).toHaveAttribute("data-status", "succeeded");

  // The second take: its remix is made once, from the second video.
  await page.getByTestId("take-video-1").click();
  await expect(page.getByTestId("take-video-1")).toHaveAttribute("data-chosen", "true");
  await runAll(page);
  await expect.poll(() => accepted(fake).length).toBe(4);
  await waitIdle(page);
  expect(accepted(fake)[3]).toMatchObject({ endpoint: REMIX, body: { video_id: secondVideo } });
  await expect(page.getByTestId("take-remix-1")).toBeVisible();

  // Back to the first take: the remix made from it comes from the cache, nothing is sent.
  await page.getByTestId("take-video-0").click();
  await expect(page.getByTestId("take-video-0")).toHaveAttribute("data-chosen", "true");
  await runAll(page);
  await expect(node(page, "remix")).toHaveAttribute("data-status", "cached");
  await expect(node(page, "video")).toHaveAttribute("data-status", "cached");
  await waitIdle(page);
  expect(accepted(fake)).toHaveLength(4);
  // The remix's strip marks the remix of the first take (its first take) as the one flowing.
  await expect(page.getByTestId("take-remix-0")).toHaveAttribute("data-chosen", "true");
});

test("pin survives an upstream edit and a reload: stale marker, never re-run, downstream gets the pinned take", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, chain("pin"));
  await runAll(page);
  await expect(node(page, "remix")).toHaveAttribute("data-status", "succeeded");
  await waitIdle(page);
  expect(accepted(fake).map((r) => r.endpoint)).toEqual([T2V, REMIX]);
  const pinnedVideo = videoIdOf(fake, accepted(fake)[0]!.requestId);

  const pin = page.getByTestId("pin-video");
  await expect(pin).toHaveAttribute("aria-pressed", "false");
  await pin.click();
  await expect(pin).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("stale-video")).toHaveCount(0);

  // Edit what feeds the pinned node.
  const text = node(page, "prompt").getByLabel("Prompt text");
  await text.fill("A paper boat in a storm");
  await text.blur();
  await expect(page.getByTestId("stale-video")).toBeVisible();
  await expect.poll(() => savedDoc(page)).toContain("A paper boat in a storm");
  expect(await savedDoc(page)).toMatch(/"pinned":\s*true/);

  await page.reload();
  await expect(node(page, "video")).toBeVisible();
  await expect(page.getByTestId("pin-video")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("stale-video")).toBeVisible();
  await expect(node(page, "prompt").getByLabel("Prompt text")).toHaveValue("A paper boat in a storm");

  // Run: nothing is sent for the pinned node, and the remix still is the one made from the pinned take.
  await runAll(page);
  await expect(node(page, "video")).toHaveAttribute("data-status", "cached");
  await expect(node(page, "remix")).toHaveAttribute("data-status", "cached");
  await waitIdle(page);
  expect(accepted(fake)).toHaveLength(2);

  // A new remix prompt makes the remix run again: from the pinned take's video, the text-to-video is not sent.
  const remixPrompt = node(page, "remix").getByLabel("Prompt", { exact: true });
  await remixPrompt.fill("Make it rain");
  await remixPrompt.blur();
  await runAll(page);
  await expect.poll(() => accepted(fake).length).toBe(3);
  await waitIdle(page);
  expect(accepted(fake)[2]).toMatchObject({ endpoint: REMIX, body: { video_id: pinnedVideo, prompt: "Make it rain" } });
  await expect(node(page, "video")).toHaveAttribute("data-status", "cached");
  await expect(page.getByTestId("stale-video")).toBeVisible();
});

test("reload mid-job: the job the start-up resume finishes is filed and is the node's chosen take", async ({
  page,
  fake,
}) => {
  fake.set({ ...QUICK, queueMs: 120_000 });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("resumed take"));
  await runAll(page);
  const id = await jobAtFal(page, fake);

  await page.reload();
  await expect(badge(page)).toHaveText(/resumed/);
  fake.finish(id);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("take-clip-0")).toHaveAttribute("data-chosen", "true");
  await expect(page.getByTestId("take-clip-1")).toHaveCount(0);
  // The choice is in the saved workflow, so it outlives this page too.
  await expect.poll(() => savedDoc(page)).toMatch(/"take":\s*\{\s*"key"/);

  // Run finds it chosen and stored: nothing is sent, no second take.
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "cached");
  await waitIdle(page);
  expect(fake.requestsOf("submit")).toHaveLength(1);
  await expect(page.getByTestId("take-clip-1")).toHaveCount(0);
});
