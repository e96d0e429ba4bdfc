// @vitest-environment jsdom
// No fake-indexeddb here: this browser has no IndexedDB at all (some private modes, blocked storage).
import { expect, it } from "vitest";
import { startServices } from "../../../../src/ui/app/start/compose";

it("without IndexedDB the start fails with a reason (src/ui/app/start/index.tsx shows it) instead of a blank page", async () => {
  expect(typeof indexedDB).toBe("undefined");
  await expect(startServices()).rejects.toThrow(/IndexedDB/i);
});
