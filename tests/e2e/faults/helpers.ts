// Shared steps of the fault rows: each row opens its own browser context (Playwright's default page),
// points the app at this worker's fake fal and opens a one-node workflow through the UI.
import type { Page } from "@playwright/test";
import type { FakeFal } from "../../fake-fal/server";
import { expect, node, openWithProxy, openWorkflow, singleVideo } from "../fixtures";

export { expect, node };

/** Short fake latencies: rows wait on states, never on wall time. */
export const QUICK = { queueMs: 150, runMs: 400, streamIntervalMs: 50, queuePositionStart: 0 } as const;

export async function openSingle(page: Page, fake: FakeFal, tag: string): Promise<void> {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo(tag));
}

export const badge = (page: Page, id = "clip") => node(page, id).getByTestId("status-badge");
// The node's error box (a retired model's offer is an alert too).
export const nodeAlert = (page: Page, id = "clip") => node(page, id).locator(".node-error[role=alert]");

/** The job is at fal and the app knows its request id (the badge no longer says "sending…"). */
export async function jobAtFal(page: Page, fake: FakeFal): Promise<string> {
  await expect.poll(() => fake.jobs.length, { message: "the job reached fal" }).toBe(1);
  await expect(badge(page)).not.toHaveText(/sending/);
  return fake.jobs[0]?.requestId as string;
}

/** Submits fal accepted (a lost-response submit counts: fal queued it). */
export const submits = (fake: FakeFal) => fake.submittedCount();
