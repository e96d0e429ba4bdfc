// @vitest-environment jsdom
// The Compare dialog: the ticked takes side by side, one transport for all, their differences listed.
import { act, cleanup, fireEvent, render, screen, waitFor, within, configure } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, endpointId, nodeId, workflowId } from "../../../src/domain/ids";
import type { Take } from "../../../src/domain/take";
import { CompareDialog, type CompareSources } from "../../../src/ui/takes/compare/CompareDialog";
import { CompareBar } from "../../../src/ui/takes/compare/CompareBar";
import type { TakeRef } from "../../../src/ui/takes/compare/selection";
import { buildServices, Wrap } from "../harness";

// A loaded 2-core machine plans and bills slower than testing-library's default 1 s wait.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has <video> elements but no media engine: play()/pause() only flip `paused` here, which is
// all the dialog's transport reads and writes besides currentTime.
beforeAll(() => {
  Object.defineProperty(HTMLMediaElement.prototype, "paused", {
    configurable: true,
    get() {
      return (this as { _paused?: boolean })._paused ?? true;
    },
  });
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement & { _paused?: boolean }) {
    this._paused = false;
    return Promise.resolve();
  };
  HTMLMediaElement.prototype.pause = function pause(this: HTMLMediaElement & { _paused?: boolean }) {
    this._paused = true;
  };
});
afterEach(() => {
  cleanup();
});

const W = workflowId("wf-compare");
const take = (node: string, key: string, over: Partial<Take> = {}): Take => ({
  workflowId: W,
  nodeId: nodeId(node),
  key: cacheKey(key),
  variant: "",
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  params: { duration: 4, aspect_ratio: "16:9", resolution: "720p" },
  prompt: "a kite over dunes",
  inputs: [],
  costUsd: 0.4,
  requestId: null,
  createdAt: "2026-11-25T12:00:00.000Z",
  ...over,
});

function sourcesOf(takes: Take[]) {
  const released: string[] = [];
  const sources: CompareSources = {
    take: async (ref) => takes.find((t) => t.nodeId === ref.nodeId && t.key === ref.key),
    video: async (t) => ({ url: `blob:video-${t.key}`, release: () => released.push(t.key) }),
  };
  return { sources, released };
}
const refOf = (t: Take): TakeRef => ({ workflowId: t.workflowId, nodeId: t.nodeId, key: t.key });

describe("Compare dialog", () => {
  it("shows the takes side by side with one play/pause for all and lists only what differs", async () => {
    const a = take("v", "k1", { sweep: { param: "duration", value: 4 } });
    const b = take("v", "k2", {
      params: { duration: 8, aspect_ratio: "16:9", resolution: "720p" },
      costUsd: 0.8,
      sweep: { param: "duration", value: 8 },
    });
    const { sources, released } = sourcesOf([a, b]);
    const view = render(<CompareDialog refs={[refOf(a), refOf(b)]} sources={sources} onClose={() => undefined} />);
    const dialog = within(screen.getByTestId("compare-dialog"));
    await waitFor(() => expect(dialog.getAllByTestId("compare-video")).toHaveLength(2), { timeout: 10_000 });
    // Read afresh at each step: a held element could be one React has since replaced.
    const shown = () => dialog.getAllByTestId<HTMLVideoElement>("compare-video");
    expect(shown().map((v) => v.getAttribute("src"))).toEqual(["blob:video-k1", "blob:video-k2"]);

    const rows = dialog.getAllByTestId("compare-diff-row");
    expect(rows.map((r) => r.dataset.param)).toEqual(["duration"]);
    expect([...rows[0]!.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["4", "8"]);

    expect(shown().every((v) => v.paused)).toBe(true);
    fireEvent.click(dialog.getByRole("button", { name: "Play all" }));
    expect(shown().map((v) => v.paused)).toEqual([false, false]);
    fireEvent.click(dialog.getByRole("button", { name: "Pause all" }));
    expect(shown().map((v) => v.paused)).toEqual([true, true]);
    expect(dialog.getByRole("button", { name: "Play all" })).toBeTruthy();

    // Seeking moves every video to the same time.
    Object.defineProperty(shown()[0], "duration", { configurable: true, value: 8 });
    Object.defineProperty(shown()[1], "duration", { configurable: true, value: 8 });
    act(() => {
      fireEvent.loadedMetadata(shown()[0]!);
    });
    fireEvent.change(dialog.getByLabelText("Seek all"), { target: { value: "3" } });
    expect(shown().map((v) => v.currentTime)).toEqual([3, 3]);

    // Closing lets the videos go (object URLs revoked).
    view.unmount();
    expect(released.sort()).toEqual(["k1", "k2"]);
  });

  it("takes of sibling nodes with other models and prompts: the model and prompt rows say so", async () => {
    const a = take("v", "k1");
    const b = take("w", "k9", {
      endpoint: endpointId("fal-ai/sora-2/text-to-video/pro"),
      prompt: "a kite over the sea",
      params: { duration: 4, aspect_ratio: "16:9", resolution: "1080p" },
    });
    const { sources } = sourcesOf([a, b]);
    render(<CompareDialog refs={[refOf(a), refOf(b)]} sources={sources} onClose={() => undefined} />);
    const dialog = within(screen.getByTestId("compare-dialog"));
    await waitFor(
      () =>
        expect(dialog.getAllByTestId("compare-diff-row").map((r) => r.dataset.param)).toEqual([
          "endpoint",
          "prompt",
          "resolution",
        ]),
      { timeout: 10_000 },
    );
    expect(dialog.getAllByTestId("compare-diff-row")[0]?.textContent).toContain("Sora 2 Pro");
  });

  it("a take no longer stored is named, and the others still show", async () => {
    const a = take("v", "k1");
    const b = take("v", "k2", { params: { duration: 8 } });
    const { sources } = sourcesOf([a, b]);
    render(
      <CompareDialog
        refs={[refOf(a), refOf(b), { workflowId: W, nodeId: nodeId("v"), key: cacheKey("gone") }]}
        sources={sources}
        onClose={() => undefined}
      />,
    );
    const dialog = within(screen.getByTestId("compare-dialog"));
    await waitFor(() => expect(dialog.getAllByTestId("compare-video")).toHaveLength(2), { timeout: 10_000 });
    expect(dialog.getByText("this take is no longer stored here", { exact: false })).toBeTruthy();
  });
});

describe("compare bar and selection", () => {
  it("appears when takes are ticked, opens the dialog from two, and holds at most four", () => {
    const services = buildServices();
    const { compare: compareDialog, compareSelection } = services.views;
    render(
      <Wrap services={services}>
        <CompareBar />
      </Wrap>,
    );
    expect(screen.queryByRole("toolbar", { name: "Compare takes" })).toBeNull();
    const refs = ["a", "b", "c", "d", "e"].map((k): TakeRef => ({
      workflowId: W,
      nodeId: nodeId("v"),
      key: cacheKey(k),
    }));
    act(() => compareSelection.getState().toggle(refs[0]!));
    expect(screen.getByTestId<HTMLButtonElement>("compare-open").disabled).toBe(true);
    act(() => {
      for (const r of refs.slice(1)) compareSelection.getState().toggle(r);
    });
    expect(compareSelection.getState().refs.map((r) => r.key)).toEqual(["a", "b", "c", "d"]);
    fireEvent.click(screen.getByTestId("compare-open"));
    expect(compareDialog.getState().open).toBe(true);
    act(() => compareSelection.getState().toggle(refs[1]!));
    expect(compareSelection.getState().refs.map((r) => r.key)).toEqual(["a", "c", "d"]);
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(compareSelection.getState().refs).toEqual([]);
  });
});
