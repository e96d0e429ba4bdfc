// @vitest-environment jsdom
// The Lineage panel: the chain of takes and prompts behind a take (a remix of which video), and
// "Export with workflow" writing the workflow file with that chain in a top-level `lineage` field.
import { cleanup, fireEvent, render, screen, waitFor, within, configure } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cacheKey, endpointId, nodeId, workflowId } from "../../../src/domain/ids";
import { parseWorkflowText } from "../../../src/domain/parse";
import type { Take } from "../../../src/domain/take";
import type { Workflow } from "../../../src/domain/workflow";
import { createEditorStore } from "../../../src/editor/store";
import type { TakeRef } from "../../../src/ui/takes/compare/selection";
import { LineagePanel, type LineageSources } from "../../../src/ui/takes/lineage/LineagePanel";
import { buildServices, Wrap } from "../harness";
import { soraChain } from "../sora-graphs";

// A loaded 2-core machine plans and bills slower than testing-library's default 1 s wait.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const W = workflowId("wf-lineage");
const doc: Workflow = soraChain({
  name: "Night boat",
  text: "a boat at dusk",
  duration: 8,
  remix: "make it night",
  spread: true,
});

const base = {
  workflowId: W,
  variant: "",
  inputs: [],
  costUsd: 0.8,
  requestId: null,
  createdAt: "2026-11-25T12:00:00.000Z",
} as const;
const videoTake: Take = {
  ...base,
  nodeId: nodeId("v"),
  key: cacheKey("kv"),
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  params: { duration: 8 },
  prompt: "a boat at dusk",
  inputs: [{ port: "prompt", nodeId: nodeId("p"), key: cacheKey("kp"), kind: "prompt", text: "a boat at dusk" }],
};
const remixTake: Take = {
  ...base,
  nodeId: nodeId("r"),
  key: cacheKey("kr"),
  endpoint: endpointId("fal-ai/sora-2/video-to-video/remix"),
  params: {},
  prompt: "make it night",
  inputs: [{ port: "video", nodeId: nodeId("v"), key: cacheKey("kv"), kind: "text-to-video" }],
};

function show(ref: TakeRef, takes: Take[], openWorkflow = W) {
  const sources: LineageSources = { take: async (r) => takes.find((t) => t.nodeId === r.nodeId && t.key === r.key) };
  const services = { ...buildServices({ doc }), editor: createEditorStore({ doc, workflowId: openWorkflow }) };
  render(
    <Wrap services={services}>
      <LineagePanel takeRef={ref} sources={sources} onClose={() => undefined} />
    </Wrap>,
  );
  return { services, panel: within(screen.getByTestId("lineage-panel")) };
}

describe("Lineage panel", () => {
  it("shows the remix, the video it remixed and the prompt that made that video, depth first", async () => {
    const { panel } = show({ workflowId: W, nodeId: nodeId("r"), key: cacheKey("kr") }, [videoTake, remixTake]);
    await waitFor(() => expect(panel.getAllByTestId("lineage-step")).toHaveLength(3));
    const steps = panel.getAllByTestId("lineage-step");
    expect(steps.map((s) => [s.dataset.kind, s.dataset.depth])).toEqual([
      ["take", "0"],
      ["take", "1"],
      ["source", "2"],
    ]);
    expect(steps[0]?.textContent).toContain("Remix of r");
    expect(steps[0]?.textContent).toContain("remix of the video below");
    expect(steps[0]?.textContent).toContain("make it night");
    expect(steps[1]?.textContent).toContain("its video");
    expect(steps[1]?.textContent).toContain("Take of v");
    expect(steps[2]?.textContent).toContain("a boat at dusk");
  });

  it("says when the video a remix came from is no longer stored", async () => {
    const { panel } = show({ workflowId: W, nodeId: nodeId("r"), key: cacheKey("kr") }, [remixTake]);
    await waitFor(() => expect(panel.getAllByTestId("lineage-step")).toHaveLength(2));
    expect(panel.getAllByTestId("lineage-step")[1]?.dataset.kind).toBe("missing-take");
    expect(panel.getAllByTestId("lineage-step")[1]?.textContent).toContain("no longer stored");
  });

  it("Export with workflow downloads the workflow with its lineage, which still opens as a workflow", async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), "blob:lineage"));
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { panel } = show({ workflowId: W, nodeId: nodeId("r"), key: cacheKey("kr") }, [videoTake, remixTake]);
    await waitFor(() => expect(panel.getAllByTestId("lineage-step")).toHaveLength(3));
    fireEvent.click(panel.getByTestId("lineage-export"));
    expect(clicked).toEqual(["night-boat-lineage-r.reelflow.json"]);
    const text = await blobs[0]!.text();
    const parsed = parseWorkflowText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    const lineage = (
      parsed.workflow as { lineage?: { of: unknown; steps: { kind: string; take?: { key: string } }[] } }
    ).lineage;
    expect(lineage?.of).toEqual({ nodeId: "r", key: "kr" });
    expect(lineage?.steps.map((s) => s.take?.key ?? s.kind)).toEqual(["kr", "kv", "source"]);
  });

  it("does not export a take of another workflow with the open one", async () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { panel, services } = show(
      { workflowId: W, nodeId: nodeId("r"), key: cacheKey("kr") },
      [videoTake, remixTake],
      workflowId("other"),
    );
    await waitFor(() => expect(panel.getAllByTestId("lineage-step")).toHaveLength(3));
    fireEvent.click(panel.getByTestId("lineage-export"));
    expect(clicked).toEqual([]);
    expect(
      services.toasts
        .getState()
        .toasts.map((t) => t.message)
        .join(" "),
    ).toMatch(/another workflow/);
  });
});
