// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { endpointId, nodeId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import { planWorkflow } from "../../src/engine/plan";
import type { CachedResult } from "../../src/engine/ports";
import { RunButton, StopButton, previewText } from "../../src/ui/run/RunButton";
import { buildServices, memoryCache, Wrap } from "./harness";
import { graph, promptNode, soraVideo, SORA_T2V_PRO } from "./sora-graphs";

afterEach(cleanup);

// Prompt → Sora 2 Pro t2v (8 s, 1080p) → Remix, plus a second Sora 2 Pro t2v (4 s, 720p) fed by the same prompt.
const workflow: Workflow = graph(
  "bill",
  [
    promptNode("p1", "a fox"),
    soraVideo("a", { duration: 8, resolution: "1080p" }, { x: 300, y: 0 }, SORA_T2V_PRO),
    soraVideo("b", { duration: 4, resolution: "720p" }, { x: 300, y: 300 }, SORA_T2V_PRO),
  ],
  ["p1.text>a.prompt", "p1.text>b.prompt"],
);

async function keyOf(id: string) {
  const res = await planWorkflow(workflow);
  if (!res.ok) throw new Error(res.errors.map((e) => e.message).join("; "));
  const n = res.plan.nodes.get(nodeId(id));
  if (!n) throw new Error(`no ${id}`);
  return { key: n.key, price: n.role === "generation" ? n.price.usd : null };
}

describe("Run button", () => {
  it("formats the bill: paid count, cached count and dollars", () => {
    expect(previewText({ paid: 2, cached: 1, usd: 1.2, upperBound: false, unknownPrice: 0, simulated: false })).toBe(
      "2 paid · 1 cached · $1.20",
    );
    expect(previewText({ paid: 1, cached: 0, usd: 0.5, upperBound: true, unknownPrice: 0, simulated: false })).toBe(
      "1 paid · 0 cached · ≤ $0.50",
    );
    expect(previewText({ paid: 3, cached: 0, usd: 0, upperBound: false, unknownPrice: 0, simulated: true })).toBe(
      "3 simulated · 0 cached · $0",
    );
    // An unknown price is never shown as $0.00.
    expect(previewText({ paid: 1, cached: 0, usd: 0, upperBound: false, unknownPrice: 1, simulated: false })).toBe(
      "1 paid · 0 cached · price unknown",
    );
    expect(previewText({ paid: 3, cached: 0, usd: 1.2, upperBound: false, unknownPrice: 1, simulated: false })).toBe(
      "3 paid · 0 cached · $1.20 + 1 of unknown price",
    );
  });

  it("shows what Run all would cost, from the real plan and the cache, under the accessible name Run", async () => {
    const a = await keyOf("a");
    const b = await keyOf("b");
    const cachedA: CachedResult = {
      key: a.key,
      endpoint: endpointId("fal-ai/sora-2/text-to-video/pro"),
      result: { video: { url: "https://example.invalid/a.mp4" }, videoId: "v_a", thumbnail: null, durationSec: 8 },
      requestId: null,
      costUsd: a.price,
      createdAt: new Date(0).toISOString(),
    };
    const services = buildServices({ doc: workflow, cache: memoryCache([cachedA]), settings: { mode: "fal" } });
    render(
      <Wrap services={services}>
        <RunButton />
        <StopButton />
      </Wrap>,
    );
    await act(() => services.runner.refresh(services.editor.getState().doc));
    const run = screen.getByRole("button", { name: "Run" });
    expect(run.textContent).toBe(`Run · 1 paid · 1 cached · $${(b.price ?? NaN).toFixed(2)}`);
    expect(run.getAttribute("aria-describedby")).toBe("run-preview");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Stop" }).disabled).toBe(true);

    // Changing a param of the cached node makes it paid again.
    act(() => void services.editor.getState().setParam(nodeId("a"), "duration", 4));
    await act(() => services.runner.refresh(services.editor.getState().doc));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Run" }).textContent).toMatch(/^Run · 2 paid · 0 cached · \$/),
    );
  });

  it("with no generation node, says so and is marked disabled (still focusable, so the reason is read out)", async () => {
    const empty: Workflow = { ...workflow, nodes: [], edges: [] };
    const services = buildServices({ doc: empty, settings: { mode: "fal" } });
    render(
      <Wrap services={services}>
        <RunButton />
      </Wrap>,
    );
    await act(() => services.runner.refresh(services.editor.getState().doc));
    const run = screen.getByRole<HTMLButtonElement>("button", { name: "Run" });
    expect(run.textContent).toBe("Run · nothing to run: add a generation node");
    expect(run.getAttribute("aria-disabled")).toBe("true");
    expect(run.disabled).toBe(false);

    act(() => void services.editor.getState().replaceDocument(workflow));
    await act(() => services.runner.refresh(services.editor.getState().doc));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Run" }).textContent).toMatch(/^Run · 2 paid · 0 cached · \$/),
    );
    expect(screen.getByRole("button", { name: "Run" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("says how many problems block the run instead of a bill", async () => {
    const broken: Workflow = { ...workflow, edges: [] };
    const services = buildServices({ doc: broken, settings: { mode: "fal" } });
    render(
      <Wrap services={services}>
        <RunButton />
      </Wrap>,
    );
    await act(() => services.runner.refresh(services.editor.getState().doc));
    expect(screen.getByRole("button", { name: "Run" }).textContent).toBe("Run · 2 problems to fix");
  });
});
