// Issue 19: a port that takes several images renders as such and accepts several wires, kept in the order they
// were made: an Image Edit node (Nano Banana edit) gets its image and two more, and fal gets them in that order.
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

test("an edit's 'More images' port takes several wires, in order, and fal gets every image in that order", async ({
  page,
  fake,
}) => {
  fake.set({ queueMs: 50, runMs: 100 });
  await openWithProxy(page, fake.url);
  const urls = ["https://example.com/base.png", "https://example.com/ref-1.png", "https://example.com/ref-2.png"];
  const base = await imageSource(page, urls[0]!, -470, -260);
  const first = await imageSource(page, urls[1]!, -470, 0);
  const second = await imageSource(page, urls[2]!, -470, 260);
  const edit = await addFromPalette(page, "Image Edit", "image-edit");
  await moveNode(page, edit, 150, 0);
  // The port says it takes several.
  await expect(edit.locator(".port-row", { hasText: "More images (several)" })).toBeVisible();

  await dragConnect(page, handle(base, "source", "image"), handle(edit, "target", "image"));
  await dragConnect(page, handle(first, "source", "image"), handle(edit, "target", "images"));
  await dragConnect(page, handle(second, "source", "image"), handle(edit, "target", "images"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await edit.getByLabel("Prompt", { exact: true }).fill("put the hat from the second picture on the cat");
  await runAll(page);
  await expect(edit).toHaveAttribute("data-status", "succeeded");
  await expect(edit.getByTestId("result-image")).toHaveCount(1);

  const submits = fake.requestsOf("submit").map((r) => r.body as Record<string, unknown>);
  expect(submits).toHaveLength(1);
  expect(submits[0]?.image_urls).toEqual(urls);
});
