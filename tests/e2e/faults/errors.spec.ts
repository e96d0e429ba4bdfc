// Rows: each fal refusal is shown on its node in words, with what to do, and the graph stays intact.
import { runAll, test } from "../fixtures";
import { expect, node, nodeAlert, openSingle, QUICK, submits } from "./helpers";

test("401 from the proxy: the node says the proxy has no valid fal key", async ({ page, fake }) => {
  fake.set({ ...QUICK, noKey: true });
  await openSingle(page, fake, "401");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  await expect(nodeAlert(page)).toContainText(/401|key/i);
  await expect(page.getByRole("alert").filter({ hasText: "FAL_KEY" }).first()).toBeVisible();
  expect(submits(fake)).toBe(0);
});

test("404 on submit: the node says the model may be retired and names its successor", async ({ page, fake }) => {
  fake.set({ ...QUICK, rejectSubmit: { status: 404, body: { detail: "Application not found" } } });
  await openSingle(page, fake, "404");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  await expect(nodeAlert(page)).toContainText(/retired/i);
  await expect(nodeAlert(page)).toContainText(/Veo 3\.1/);
  expect(submits(fake)).toBe(0);
});

test("422 on submit: the node names the field and fal's message", async ({ page, fake }) => {
  fake.set({
    ...QUICK,
    rejectSubmit: {
      status: 422,
      body: {
        detail: [{ loc: ["body", "aspect_ratio"], msg: "Aspect ratio must be 16:9 or 9:16", type: "value_error" }],
      },
    },
  });
  await openSingle(page, fake, "422");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  await expect(nodeAlert(page)).toContainText("Aspect ratio must be 16:9 or 9:16");
  await expect(nodeAlert(page)).toContainText("aspect_ratio");
  expect(submits(fake)).toBe(0);
  await expect(node(page, "clip").getByLabel(/^Duration/)).toBeVisible();
});

test("moderation: the node says fal's content policy refused it, not retried", async ({ page, fake }) => {
  fake.set({ ...QUICK, moderation: 422 });
  await openSingle(page, fake, "moderation");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  await expect(nodeAlert(page)).toContainText(/content policy/i);
  expect(submits(fake)).toBe(1);
  expect(fake.requestsOf("result").length).toBeLessThanOrEqual(1);
});
