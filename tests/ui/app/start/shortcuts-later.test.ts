// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { shortcutsLater } from "../../../../src/ui/app/start/shortcuts-later";
import { createViewStores } from "../../../../src/ui/view-stores";
import type { Services } from "../../../../src/ui/services";

// Only what the "/" and Ctrl+Z shortcuts touch.
const views = createViewStores();
const canvasBus = views.canvas;
function fakeServices(calls: string[]): Services {
  const editor = { getState: () => ({ undo: () => calls.push("undo"), redo: () => calls.push("redo") }) };
  return { editor, views } as unknown as Services;
}

const press = (key: string, init: KeyboardEventInit = {}) =>
  document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));

let offs: (() => void)[] = [];
afterEach(() => {
  for (const off of offs) off();
  offs = [];
});

describe("shortcuts, loaded later", () => {
  it("keys pressed before the shortcuts arrive are handed to them, once, in order", async () => {
    const calls: string[] = [];
    offs.push(canvasBus.on("open-search", () => void calls.push("search")));
    const install = shortcutsLater(fakeServices(calls));
    press("/");
    press("z", { ctrlKey: true });
    expect(calls).toEqual([]); // nothing handles them yet: the shortcuts' code is loading
    offs.push(await install());
    expect(calls).toEqual(["search", "undo"]);
    press("/");
    expect(calls).toEqual(["search", "undo", "search"]);
  });

  it("installs once however often it is asked", async () => {
    const calls: string[] = [];
    offs.push(canvasBus.on("open-search", () => void calls.push("search")));
    const install = shortcutsLater(fakeServices(calls));
    const [a, b] = await Promise.all([install(), install()]);
    expect(a).toBe(b);
    offs.push(await install());
    press("/");
    expect(calls).toEqual(["search"]);
  });
});
