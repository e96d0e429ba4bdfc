// What the app has written to this page's IndexedDB, read the way the app stores it: a journey that reloads
// waits for the row it needs to be saved, not for a guess at how long autosave takes on a loaded machine.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export interface StoredWorkflowRow {
  name: string;
  /** The workflow file text (serializeWorkflow). */
  doc: string;
  updatedAt: string;
}

/** Every workflow row in the app's database (opened at its current version: the app made it). */
export function storedWorkflows(page: Page): Promise<StoredWorkflowRow[]> {
  return page.evaluate(
    () =>
      new Promise<StoredWorkflowRow[]>((resolve, reject) => {
        const open = indexedDB.open("reelflow");
        open.onerror = () => reject(open.error ?? new Error("could not open the reelflow database"));
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction("workflows").objectStore("workflows").getAll();
          req.onerror = () => reject(req.error ?? new Error("could not read the workflows"));
          req.onsuccess = () => {
            db.close();
            resolve(req.result as StoredWorkflowRow[]);
          };
        };
      }),
  );
}

/** Waits until a saved workflow row's file text contains `text` (autosave has written the edit). */
export async function waitForSavedWorkflow(page: Page, text: string): Promise<void> {
  await expect
    .poll(async () => (await storedWorkflows(page)).some((row) => row.doc.includes(text)), {
      message: `a saved workflow row containing ${JSON.stringify(text)}`,
    })
    .toBe(true);
}
