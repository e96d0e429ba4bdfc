// Rows: a reload while a job is at fal re-attaches to it (one submit, result stored); a submit whose answer
// was lost is never sent again on its own, and "Submit again" says what it costs.
import { expectVideoPlays, runAll, test } from "../fixtures";
import { badge, expect, jobAtFal, node, nodeAlert, openSingle, QUICK, submits } from "./helpers";

test("reload in the middle of a run: the job resumes, fal sees one submit, the result is stored", async ({
  page,
  fake,
}) => {
  fake.set({ ...QUICK, queueMs: 120_000 });
  await openSingle(page, fake, "reload-mid-run");
  await runAll(page);
  const id = await jobAtFal(page, fake);

  await page.reload();
  await expect(badge(page)).toHaveText(/resumed/);
  fake.finish(id);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expectVideoPlays(node(page, "clip"));
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  expect(submits(fake)).toBe(1);
  expect(fake.requestsOf("submit")).toHaveLength(1);

  // Stored: after another reload it is a cache hit and Run sends nothing.
  await page.reload();
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "cached");
  expect(fake.requestsOf("submit")).toHaveLength(1);
});

test("ambiguous submit: the node says the outcome is unknown and 'Submit again' shows its cost", async ({
  page,
  fake,
}) => {
  fake.set(QUICK);
  // The submit reaches fal (the job is queued) and its answer is lost on the way back. Done with a route
  // rather than the fake's loseSubmitResponse: Chromium resends a POST whose reused keep-alive socket closes
  // before any answer, which would turn the lost answer into a silent second submit at the network layer.
  let lost = false;
  await page.route(
    (url) => url.toString().startsWith(fake.url),
    async (route) => {
      const req = route.request();
      if (!lost && req.method() === "POST" && (req.headers()["x-fal-target-url"] ?? "").includes("queue.fal.run")) {
        lost = true;
        await route.fetch();
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    },
  );
  await openSingle(page, fake, "ambiguous");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  await expect(nodeAlert(page)).toContainText(/may have/i);
  await expect(nodeAlert(page)).toContainText(/Submit again/);
  expect(submits(fake)).toBe(1);

  // Running again does not resend it silently. The run ends before anything is asked of the node: the Run
  // button is disabled from its press until then.
  await runAll(page);
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  expect(fake.requestsOf("submit")).toHaveLength(1);

  const again = node(page, "clip").getByRole("button", { name: /Submit again/ });
  await expect(again).toContainText(/\$\d+\.\d\d/);
  await again.click();
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  expect(fake.requestsOf("submit")).toHaveLength(2);
});
