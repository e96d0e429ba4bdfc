import { afterEach, describe, expect, it, vi } from "vitest";
import { workflowId, type WorkflowId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import { connectAutosave, createEditorStore } from "../../src/editor";

afterEach(() => {
  vi.useRealTimers();
});

describe("autosave", () => {
  it("saves the latest document once after a burst of edits, and never for an unsaved document", async () => {
    vi.useFakeTimers();
    const saves: [WorkflowId, Workflow][] = [];
    const store = createEditorStore();
    const autosave = connectAutosave(store, async (id, doc) => void saves.push([id, doc]), {
      delayMs: 300,
      maxWaitMs: 1000,
    });

    store.getState().addNode("prompt", { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(saves).toEqual([]); // no workflow id yet

    store.getState().replaceDocument(store.getState().doc, { workflowId: workflowId("wf-1") });
    const p = store.getState().doc.nodes[0]!.id;
    for (const text of ["a", "ab", "abc"]) store.getState().setPromptText(p, text);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(saves).toHaveLength(1);
    expect(saves[0]![0]).toBe("wf-1");
    expect(saves[0]![1]).toBe(store.getState().doc);
    await autosave.dispose();
  });

  it("saves within maxWait while typing never pauses", async () => {
    vi.useFakeTimers();
    const saves: Workflow[] = [];
    const store = createEditorStore({ workflowId: workflowId("wf-2") });
    connectAutosave(store, async (_id, doc) => void saves.push(doc), { delayMs: 300, maxWaitMs: 1000 });
    const p = store.getState().addNode("prompt", { x: 0, y: 0 });
    for (let i = 0; i < 12; i++) {
      store.getState().setPromptText(p, "x".repeat(i + 1));
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(saves.length).toBeGreaterThanOrEqual(2);
  });

  it("flushes the previous workflow's pending edit when another one is loaded", async () => {
    const saves: [WorkflowId, string][] = [];
    const store = createEditorStore({ workflowId: workflowId("wf-a") });
    const autosave = connectAutosave(store, async (id, doc) => void saves.push([id, doc.name]), {
      delayMs: 60_000,
      maxWaitMs: 60_000,
    });
    store.getState().renameWorkflow("Edited A");
    store.getState().replaceDocument({ ...store.getState().doc, name: "B" }, { workflowId: workflowId("wf-b") });
    await autosave.flush();
    expect(saves).toEqual([["wf-a", "Edited A"]]);
  });
});
