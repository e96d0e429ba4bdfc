// From an empty canvas to a playing video, against the fake fal reached through the "Proxy URL" setting.
import {
  addFromPalette,
  dragConnect,
  expect,
  expectVideoPlays,
  handle,
  moveNode,
  openWithProxy,
  test,
} from "./fixtures";

test("build a graph with the palette and drag-connect, run it, watch statuses change, play the video", async ({
  page,
  fake,
}) => {
  fake.set({ queueMs: 1200, runMs: 1200 });
  await openWithProxy(page, fake.url);

  const prompt = await addFromPalette(page, "Prompt", "prompt");
  await moveNode(page, prompt, -260, 0);
  await prompt.getByLabel("Prompt text").fill("a paper boat drifting down a rainy street");
  const t2v = await addFromPalette(page, "Text-to-Video", "text-to-video");
  await moveNode(page, t2v, 160, 0);

  await dragConnect(page, handle(prompt, "source", "text"), handle(t2v, "target", "prompt"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expect(t2v).toHaveAttribute("data-status", "idle");

  await page.getByRole("button", { name: "Run", exact: true }).click();
  // The fake holds the job in the queue, then running, so both states are visible before success.
  await expect(t2v).toHaveAttribute("data-status", /queued|running/);
  await expect(t2v).toHaveAttribute("data-status", "running");
  await expect(t2v).toHaveAttribute("data-status", "succeeded");
  await expectVideoPlays(t2v);

  const submits = fake.requestsOf("submit");
  expect(submits).toHaveLength(1);
  expect(submits[0]?.body).toMatchObject({ prompt: "a paper boat drifting down a rainy street" });
});

test("a wrong connection is refused with its reason and no edge is added", async ({ page, fake }) => {
  await openWithProxy(page, fake.url);
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  await moveNode(page, prompt, -260, -120);
  const remix = await addFromPalette(page, "Remix", "remix");
  await moveNode(page, remix, 160, 60);

  // Text into the Remix node's video input: the types do not match.
  await dragConnect(page, handle(prompt, "source", "text"), handle(remix, "target", "video"));
  // The reason names both sides: a video is needed, text was offered (wording per the remix model).
  await expect(page.getByRole("alert").filter({ hasText: /takes a video, not text|this input is text/ })).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
});
