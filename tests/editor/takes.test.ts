import { describe, expect, it } from "vitest";
import { cacheKey, endpointId, nodeId, workflowId, type CacheKey, type NodeId } from "../../src/domain/ids";
import type { Take } from "../../src/domain/take";
import type { GenerationData, Workflow } from "../../src/domain/workflow";
import { createEditorStore, selectNode, type EditorStore } from "../../src/editor";
import { planWorkflow } from "../../src/engine/plan";

const SORA_T2V = endpointId("fal-ai/sora-2/text-to-video");
const SORA_T2V_PRO = endpointId("fal-ai/sora-2/text-to-video/pro");
const SORA_REMIX = endpointId("fal-ai/sora-2/video-to-video/remix");

const data = (store: EditorStore, id: string) => selectNode(id)(store.getState())?.data as GenerationData;

async function keyOf(doc: Workflow, id: string): Promise<CacheKey> {
  const res = await planWorkflow(doc, { targets: [nodeId(id)] });
  if (!res.ok) throw new Error(res.errors.map((e) => e.message).join("; "));
  return res.plan.nodes.get(nodeId(id))!.key;
}

/** A take as a run of the node in its current state would file it. */
async function takeNow(store: EditorStore, id: string, extra: Partial<Take> = {}): Promise<Take> {
  const d = data(store, id);
  const wiredPrompt = store.getState().doc.edges.some((e) => e.target === id && e.targetHandle === "prompt");
  const params = { ...(d.params ?? {}) };
  const typed = typeof params.prompt === "string" && !wiredPrompt ? params.prompt : null;
  delete params.prompt;
  return {
    workflowId: workflowId("wf"),
    nodeId: id as NodeId,
    key: await keyOf(store.getState().doc, id),
    variant: "",
    endpoint: d.endpoint!,
    params,
    prompt: typed ?? (wiredPrompt ? "from the prompt node" : null),
    inputs: wiredPrompt
      ? [
          {
            port: "prompt",
            nodeId: nodeId("prompt-1"),
            key: cacheKey("text"),
            kind: "prompt",
            text: "from the prompt node",
          },
        ]
      : [],
    costUsd: 0.4,
    requestId: null,
    createdAt: "2026-11-25T10:00:00.000Z",
    ...extra,
  };
}

function graph() {
  const store = createEditorStore();
  const s = store.getState();
  const t2v = s.addNode(
    "text-to-video",
    { x: 0, y: 0 },
    { endpoint: SORA_T2V, params: { prompt: "a red kite", duration: 4 } },
  );
  const remix = s.addNode("remix", { x: 300, y: 0 }, { endpoint: SORA_REMIX, params: { prompt: "make it night" } });
  expect(s.connect({ source: t2v, sourceHandle: "video", target: remix, targetHandle: "video" }).ok).toBe(true);
  return { store, t2v, remix };
}

describe("take commands", () => {
  it("chooseTake sets data.take and puts back the take's model, params and typed prompt, so the content key is the take's again", async () => {
    const { store, t2v } = graph();
    const first = await takeNow(store, t2v);
    // The user moves on: another model, duration and prompt.
    store.getState().setEndpoint(t2v, SORA_T2V_PRO);
    store.getState().setParam(t2v, "duration", 8);
    store.getState().breakCoalescing();
    store.getState().setPromptText(t2v, "a blue kite");
    expect(await keyOf(store.getState().doc, t2v)).not.toBe(first.key);

    const r = store.getState().chooseTake(t2v, first);
    expect(r).toEqual({ ok: true, value: undefined });
    expect(data(store, t2v)).toMatchObject({
      endpoint: SORA_T2V,
      params: { prompt: "a red kite", duration: 4 },
      take: { key: first.key },
    });
    expect(data(store, t2v).take).not.toHaveProperty("variant");
    expect(await keyOf(store.getState().doc, t2v)).toBe(first.key);
    expect(store.getState().history.undoLabel).toBe("Choose take");

    // One undo step takes back the whole choice.
    expect(store.getState().undo()).toBe(true);
    expect(data(store, t2v)).toMatchObject({ endpoint: SORA_T2V_PRO, params: { prompt: "a blue kite", duration: 8 } });
    expect(data(store, t2v).take).toBeUndefined();
    expect(store.getState().redo()).toBe(true);
    expect(data(store, t2v).take).toEqual({ key: first.key });
  });

  it("keeps the variant of a new take and drops params the take's model did not use", () => {
    const { store, t2v } = graph();
    store.getState().setParam(t2v, "resolution", "720p");
    const take: Take = {
      workflowId: workflowId("wf"),
      nodeId: t2v,
      key: cacheKey("k-new"),
      variant: "nonce-1",
      endpoint: SORA_T2V,
      params: { duration: 12, aspect_ratio: "9:16" },
      prompt: "a red kite",
      inputs: [],
      costUsd: 0.4,
      requestId: null,
      createdAt: "2026-11-25T10:00:00.000Z",
    };
    expect(store.getState().chooseTake(t2v, take).ok).toBe(true);
    expect(data(store, t2v)).toMatchObject({
      params: { duration: 12, aspect_ratio: "9:16", prompt: "a red kite" },
      take: { key: "k-new", variant: "nonce-1" },
    });
    expect(data(store, t2v).params).not.toHaveProperty("resolution");
  });

  it("a take whose prompt came from a Prompt node keeps the wire and the prompt typed before; a typed-prompt take drops the wire", async () => {
    const store = createEditorStore();
    const s = store.getState();
    const prompt = s.addNode("prompt", { x: 0, y: 0 });
    const t2v = s.addNode(
      "text-to-video",
      { x: 300, y: 0 },
      { endpoint: SORA_T2V, params: { prompt: "typed long ago", duration: 4 } },
    );
    s.setPromptText(prompt, "from the prompt node");
    expect(s.connect({ source: prompt, sourceHandle: "text", target: t2v, targetHandle: "prompt" }).ok).toBe(true);
    const wired = await takeNow(store, t2v);
    expect(store.getState().chooseTake(t2v, wired).ok).toBe(true);
    expect(store.getState().doc.edges).toHaveLength(1);
    expect(data(store, t2v).params?.prompt).toBe("typed long ago");
    expect(await keyOf(store.getState().doc, t2v)).toBe(wired.key);

    // A take of a prompt sweep: its prompt was typed into the clone, with no wire.
    const swept: Take = {
      ...wired,
      key: cacheKey("k-swept"),
      prompt: "a swept prompt",
      inputs: [],
      sweep: { param: "prompt", value: "a swept prompt" },
    };
    expect(store.getState().chooseTake(t2v, swept).ok).toBe(true);
    expect(store.getState().doc.edges).toHaveLength(0);
    expect(data(store, t2v).params?.prompt).toBe("a swept prompt");
    store.getState().undo();
    expect(store.getState().doc.edges).toHaveLength(1);
  });

  it("refuses what cannot be chosen, in words, changing nothing", async () => {
    const { store, t2v, remix } = graph();
    const take = await takeNow(store, t2v);
    const before = store.getState().doc;
    expect(store.getState().chooseTake(nodeId("nope"), take)).toEqual({
      ok: false,
      reason: 'There is no node "nope" in this workflow.',
    });
    const wrongKind = store.getState().chooseTake(remix, take);
    expect(wrongKind.ok).toBe(false);
    expect(!wrongKind.ok && wrongKind.reason).toMatch(/Text to Video|text-to-video/i);
    const unknown = store.getState().chooseTake(t2v, { ...take, endpoint: endpointId("fal-ai/gone/model") });
    expect(!unknown.ok && unknown.reason).toContain("fal-ai/gone/model");
    expect(store.getState().doc).toBe(before);
  });

  it("setPinned pins and unpins as undoable steps; pinning needs a take", async () => {
    const { store, t2v } = graph();
    const refused = store.getState().setPinned(t2v, true);
    expect(refused).toEqual({ ok: false, reason: `Node "${t2v}" has no take to pin yet: run it once first.` });
    expect(store.getState().history.undoLabel).not.toBe("Pin take");

    const key = await keyOf(store.getState().doc, t2v);
    expect(store.getState().setPinned(t2v, true, { key }).ok).toBe(true);
    expect(data(store, t2v)).toMatchObject({ pinned: true, take: { key } });
    expect(store.getState().history.undoLabel).toBe("Pin take");
    expect(store.getState().setPinned(t2v, false).ok).toBe(true);
    expect(data(store, t2v).pinned).toBeUndefined();
    expect(data(store, t2v).take).toEqual({ key });
    expect(store.getState().history.undoLabel).toBe("Unpin take");
    store.getState().undo();
    expect(data(store, t2v).pinned).toBe(true);
    store.getState().undo();
    expect(data(store, t2v).pinned).toBeUndefined();
    expect(data(store, t2v).take).toBeUndefined();
  });

  it("recordTakeChoice sets data.take without an undo step of its own", () => {
    const { store, t2v } = graph();
    store.getState().setParam(t2v, "duration", 8);
    const depth = store.getState().history.depth;
    const revision = store.getState().revision;
    store.getState().recordTakeChoice(t2v, { key: cacheKey("k-run"), variant: "" });
    expect(data(store, t2v).take).toEqual({ key: "k-run" });
    expect(store.getState().history.depth).toBe(depth);
    expect(store.getState().history.undoLabel).toBe("Change duration");
    // Autosave sees the change.
    expect(store.getState().revision).toBe(revision + 1);
    // The same choice again changes nothing.
    store.getState().recordTakeChoice(t2v, { key: cacheKey("k-run") });
    expect(store.getState().revision).toBe(revision + 1);
    // Undo reverts the user's edit, not the run's choice.
    store.getState().undo();
    expect(data(store, t2v)).toMatchObject({ params: { duration: 4 }, take: { key: "k-run" } });
    // Unknown or non-generation nodes are ignored (a run of a node deleted meanwhile).
    store.getState().recordTakeChoice(nodeId("gone"), { key: cacheKey("x") });
    expect(store.getState().revision).toBe(revision + 2);
  });
});
