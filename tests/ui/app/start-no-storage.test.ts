// @vitest-environment jsdom
// No fake-indexeddb here: this browser has no IndexedDB at all (some private modes, blocked storage).
import { expect, it } from "vitest";
import { bootstrap } from "../../../src/ui/app/bootstrap";

it("without IndexedDB the start fails with a reason (main.tsx shows it) instead of a blank page", async () => {
  expect(typeof indexedDB).toBe("undefined");
  await expect(bootstrap()).rejects.toThrow(/IndexedDB/i);
});
