// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { expect, it, vi } from "vitest";
import { readStartRows } from "../../../../src/adapters/db/start-reader";
import { startServices } from "../../../../src/ui/app/start/compose";

// Issue 16 review: a first visit that does nothing adds no workflow; the new empty one is a draft a reload opens.
it("a first visit stores its new workflow as a draft: the next start opens it, unlisted until edited", async () => {
  const { services, loadRest } = await startServices();
  const opened = services.editor.getState().workflowId;
  await loadRest();
  const list = services.workflows?.list;
  if (!list) throw new Error("no workflow list");
  await vi.waitFor(async () => expect((await readStartRows()).last).toMatchObject({ id: opened, draft: true }), {
    timeout: 10_000,
    interval: 50,
  });
  await list.refresh();
  expect(list.state.getState().items).toEqual([]);

  services.editor.getState().addNode("prompt", { x: 0, y: 0 }, { text: "my idea" });
  await vi.waitFor(() => expect(list.state.getState().items.map((w) => w.id)).toEqual([opened]), { timeout: 10_000 });
  expect((await readStartRows()).last).toMatchObject({ id: opened, name: "Untitled workflow" });
  expect((await readStartRows()).last?.draft).toBeUndefined();
});
