// Issue 19, the End frame port in the browser: no curated model has one, so an Image-to-Video node is switched to a
// model from fal's catalogue (the fake fal, acting as the proxy, serves Veo 3.1 Fast First/Last Frame, whose schema
// names its images `first_frame_url` and `last_frame_url`). Two Image nodes are wired into its Start frame and End
// frame ports; Run sends one submit carrying each image's URL in the field the schema names.
import {
  addFromPalette,
  dragConnect,
  expect,
  handle,
  imageSource,
  moveNode,
  openWithProxy,
  runAll,
  test,
} from "./fixtures";

const FIRST_LAST = "fal-ai/veo3.1/fast/first-last-frame-to-video";
const FIRST = "https://example.com/key-frames/first.png";
const LAST = "https://example.com/key-frames/last.png";
const PROMPT = "The paper boat drifts from the first frame's harbour to the last frame's open sea (end frame journey)";

test("two images wired into a catalogue model's Start frame and End frame ports reach fal in its own fields", async ({
  page,
  fake,
}) => {
  fake.set({ queueMs: 50, runMs: 100 });
  await openWithProxy(page, fake.url);
  const first = await imageSource(page, FIRST, -470, -200);
  const last = await imageSource(page, LAST, -470, 200);
  const video = await addFromPalette(page, "Image-to-Video", "image-to-video");
  await moveNode(page, video, 150, 0);

  // Pick the first/last-frame model from fal's catalogue in the node's model picker.
  const model = video.getByRole("button", { name: /^Model / });
  await model.click();
  const picker = page.getByRole("dialog", { name: /^Model of / });
  await picker.getByRole("combobox", { name: "Search models" }).fill("first last frame fast");
  const option = picker.locator(`[role="option"][data-endpoint="${FIRST_LAST}"]`);
  await expect(option).toContainText(/fal schema \d{4}-\d\d-\d\d/);
  await option.click();
  await expect(picker).toBeHidden();
  await expect(model).toHaveAttribute("data-endpoint", FIRST_LAST);

  // Its schema gives the node a Start frame and an End frame port; one wire into each.
  await expect(video.locator(".port-row", { hasText: "Start frame" })).toBeVisible();
  await expect(video.locator(".port-row", { hasText: "End frame" })).toBeVisible();
  await dragConnect(page, handle(first, "source", "image"), handle(video, "target", "image"));
  await dragConnect(page, handle(last, "source", "image"), handle(video, "target", "end_image"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await video.getByLabel("Prompt", { exact: true }).fill(PROMPT);

  // Priced from fal's pricing API before anything is sent: 8 s (the schema's default) at $0.15/s.
  await expect(page.getByTestId("run-preview")).toHaveText(/1 paid · 0 cached · \$1\.20$/);
  expect(fake.requestsOf("submit")).toHaveLength(0);
  await runAll(page);
  await expect(video).toHaveAttribute("data-status", "succeeded");

  // One submit, accepted by the fake's check against the schema, each image in the field the schema names.
  const submits = fake.requestsOf("submit");
  expect(submits).toHaveLength(1);
  expect(submits[0]?.endpoint).toBe(FIRST_LAST);
  expect(submits[0]?.status).toBe(200);
  expect(submits[0]?.ignoredFields ?? []).toEqual([]);
  expect(submits[0]?.body).toMatchObject({ prompt: PROMPT, first_frame_url: FIRST, last_frame_url: LAST });
});
