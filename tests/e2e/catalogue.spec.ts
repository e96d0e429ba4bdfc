// Issue 15 in the browser: a model no curated adapter knows, picked from fal's catalogue (the fake fal acting as the
// proxy serves fal's Model and Pricing APIs), priced on Run before anything is sent, run once with the body its
// schema allows, and after a reload served from the cache with no second submit.
import { addFromPalette, expect, expectVideoPlays, openWithProxy, runAll, test } from "./fixtures";

const WAN = "fal-ai/wan/v2.7/text-to-video";
const PROMPT = "A lighthouse on a cliff at dusk, waves breaking below (catalogue journey)";

test("pick an uncurated model in the picker, see its price on Run, run it once, reload to the cached result", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  const node = await addFromPalette(page, "Text-to-Video", "text-to-video");
  const model = node.getByRole("button", { name: /^Model / });
  await expect(model).toHaveText(/curated/);

  // The picker: type to filter, arrows and Enter to pick.
  await model.click();
  const picker = page.getByRole("dialog", { name: /^Model of / });
  const search = picker.getByRole("combobox", { name: "Search models" });
  await expect(search).toBeFocused();
  await search.fill("wan v2.7 text");
  const option = picker.getByRole("option").filter({ has: page.locator(`text=${WAN}`) });
  await expect(option).toBeVisible();
  await expect(option).toContainText(/fal schema \d{4}-\d\d-\d\d/);
  await expect(option).toContainText(/\$[\d.]+(–\$[\d.]+)?\/s/);
  const index = await picker
    .getByRole("option")
    .evaluateAll((rows, wan) => rows.findIndex((r) => r.getAttribute("data-endpoint") === wan), WAN);
  for (let i = 0; i < index; i++) await search.press("ArrowDown");
  await search.press("Enter");
  await expect(picker).toBeHidden();

  // The node now runs Wan 2.7, read from fal's schema, priced per second from fal's pricing API.
  await expect(model).toHaveAttribute("data-endpoint", WAN);
  await expect(model).toContainText(/fal schema \d{4}-\d\d-\d\d/);
  await expect(model).toContainText(/\$0\.10?\/s/);
  await expect(model).toBeFocused();
  await node.getByLabel("Prompt", { exact: true }).fill(PROMPT);

  // Its price on Run (5 s at $0.10/s), and the Bill says where that figure comes from.
  await expect(page.getByTestId("run-preview")).toHaveText(/1 paid · 0 cached · \$0\.50$/);
  await page.getByRole("button", { name: "Bill", exact: true }).click();
  const bill = page.getByRole("complementary", { name: "Bill panel" });
  await expect(bill.getByRole("table", { name: "Bill" })).toContainText("fal pricing API");
  await expect(bill.getByTestId("bill-total")).toHaveText("$0.50");
  await page.getByRole("button", { name: "Close bill" }).click();
  expect(fake.requestsOf("submit")).toHaveLength(0);

  await runAll(page);
  await expect(node).toHaveAttribute("data-status", "succeeded");
  await expectVideoPlays(node);
  // Exactly one submit, with the body fal's schema allows (the fake validated it: 200), in fal's own value forms;
  // the new node's first model set 720p, which Wan 2.7 takes too, so the switch kept it.
  const submits = fake.requestsOf("submit");
  expect(submits).toHaveLength(1);
  expect(submits[0]?.endpoint).toBe(WAN);
  expect(submits[0]?.status).toBe(200);
  expect(submits[0]?.ignoredFields ?? []).toEqual([]);
  expect(submits[0]?.body).toEqual({
    prompt: PROMPT,
    aspect_ratio: "16:9",
    duration: 5,
    resolution: "720p",
    enable_prompt_expansion: true,
    enable_safety_checker: true,
  });
  // The local copy is written after the result arrives; once it plays from a blob: URL the download is done.
  await expect(node.locator("video")).toHaveAttribute("src", /^blob:/);

  await page.reload();
  const again = page.locator('[data-node-id][data-kind="text-to-video"]');
  await expect(again.getByRole("button", { name: /^Model / })).toHaveAttribute("data-endpoint", WAN);
  await expectVideoPlays(again);
  await expect(page.getByTestId("run-preview")).toHaveText(/1 cached: nothing to pay$/);
  await runAll(page);
  await expect(again).toHaveAttribute("data-status", "cached");
  expect(fake.requestsOf("submit")).toHaveLength(1);
});
