import { describe, expect, it } from "vitest";
import { createDemoInferenceClient, clipSpecFor } from "../../src/adapters/demo/demo-client";
import { demoCacheView } from "../../src/adapters/demo/demo-cache";
import type { ClipSpec } from "../../src/adapters/demo/clip-renderer";
import { demoDelayFromLocation } from "../../src/adapters/demo/delay";
import { endpointId, nodeId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import type { RunEvent } from "../../src/engine/events";
import { execute } from "../../src/engine/executor";
import { planWorkflow } from "../../src/engine/plan";
import { videoOf } from "../fixtures/video-result";
import { memoryCache } from "./harness";
import { soraChain, SORA_T2V_PRO } from "./sora-graphs";

// t2v (Sora 2 Pro) → remix (Sora 2): the remix needs the demo's video_id, as with real Sora.
const workflow: Workflow = soraChain({
  name: "demo",
  text: "a paper boat on a puddle",
  endpoint: SORA_T2V_PRO,
  remix: "make it night",
});

function demo() {
  const rendered: ClipSpec[] = [];
  const client = createDemoInferenceClient({
    delayMs: 40,
    render: async (spec) => {
      rendered.push(spec);
      return new Blob([`clip:${spec.seed}`], { type: "video/webm" });
    },
    urlFor: (b) => `blob:demo/${b.size}-${Math.random().toString(36).slice(2)}`,
  });
  return { client, rendered };
}

describe("demo mode", () => {
  it("runs a graph through the real executor: queue positions, logs, simulated $0 results, then cache hits", async () => {
    const planned = await planWorkflow(workflow);
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
    const { client, rendered } = demo();
    const inner = memoryCache();
    const events: RunEvent[] = [];
    const summary = await execute(
      planned.plan,
      { client, cache: demoCacheView(inner) },
      { onEvent: (e) => events.push(e) },
    );
    expect(summary.ok).toBe(true);
    expect(events.some((e) => e.type === "queue-position" && e.nodeId === "v")).toBe(true);
    // Log lines arrive once each, as new lines only.
    const lines = events.flatMap((e) => (e.type === "logs" && e.nodeId === "v" ? e.lines.map((l) => l.message) : []));
    expect(lines[0]).toMatch(/Simulated run/);
    expect(new Set(lines).size).toBe(lines.length);
    // Each node got its own clip drawn from its own request.
    expect(rendered.map((r) => r.prompt)).toEqual(["a paper boat on a puddle", "make it night"]);
    expect(new Set(rendered.map((r) => r.seed)).size).toBe(2);
    // Stored as simulated and free, never as a paid result.
    expect([...inner.entries.values()].every((e) => e.simulated === true && e.costUsd === 0)).toBe(true);
    expect(summary.totals.costUsd).toBe(0);

    const again: RunEvent[] = [];
    const { client: second, rendered: none } = demo();
    await execute(planned.plan, { client: second, cache: demoCacheView(inner) }, { onEvent: (e) => again.push(e) });
    expect(again.filter((e) => e.type === "cached").map((e) => (e.type === "cached" ? e.nodeId : ""))).toEqual([
      "v",
      "r",
    ]);
    expect(again.some((e) => e.type === "submitted")).toBe(false);
    expect(none).toEqual([]);
  });

  it("Stop cancels a simulated job", async () => {
    const planned = await planWorkflow(workflow, { targets: [nodeId("v")] });
    if (!planned.ok) throw new Error("plan");
    const client = createDemoInferenceClient({
      delayMs: 60_000,
      render: async () => new Blob(["x"]),
      urlFor: () => "blob:x",
    });
    const abort = new AbortController();
    const events: RunEvent[] = [];
    const run = execute(
      planned.plan,
      { client, cache: memoryCache() },
      {
        onEvent: (e) => {
          events.push(e);
          if (e.type === "submitted") abort.abort();
        },
        signal: abort.signal,
      },
    );
    const summary = await run;
    expect(summary.cancelled).toBe(true);
    expect(events.some((e) => e.type === "cancelled" && e.nodeId === "v")).toBe(true);
  });

  it("draws the prompt and the params on the clip, and reads its delay from ?demoDelay", () => {
    const spec = clipSpecFor(
      endpointId("fal-ai/sora-2/text-to-video/pro"),
      { prompt: "hello", duration: 8, aspect_ratio: "9:16", delete_video: false },
      1.5,
    );
    expect(spec).toMatchObject({ prompt: "hello", aspect: 9 / 16, title: "sora-2 · text-to-video · pro" });
    expect(spec.details).toEqual(["duration: 8", "aspect_ratio: 9:16"]);
    expect(demoDelayFromLocation("?demoDelay=200")).toBe(200);
    expect(demoDelayFromLocation("?demoDelay=abc", 4000)).toBe(4000);
    expect(demoDelayFromLocation("", 4000)).toBe(4000);
  });
});

describe("demo mode with catalogue models", () => {
  it("simulates any model of the bundled snapshot, each clip at the duration asked, in fal's own value forms", async () => {
    const { createModelCatalogue } = await import("../../src/adapters/catalogue/service");
    const { loadSnapshot } = await import("../../src/adapters/catalogue/snapshot");
    const { createMemoryCatalogueStore } = await import("../../src/adapters/catalogue/store");
    const { resolveModels } = await import("../../src/engine/resolve-models");
    // Wan 2.7 says "5" (a string enum), Veo 3.1 Lite "8s": neither is curated.
    const w: Workflow = {
      format: "reelflow/workflow",
      version: 1,
      name: "demo catalogue",
      nodes: [
        {
          id: nodeId("wan"),
          type: "text-to-video",
          position: { x: 0, y: 0 },
          data: { endpoint: endpointId("fal-ai/wan/v2.7/text-to-video"), params: { prompt: "a kite", duration: "10" } },
        },
        {
          id: nodeId("lite"),
          type: "text-to-video",
          position: { x: 0, y: 0 },
          data: { endpoint: endpointId("fal-ai/veo3.1/lite"), params: { prompt: "a kite" } },
        },
      ],
      edges: [],
    };
    await resolveModels(w, createModelCatalogue({ store: createMemoryCatalogueStore(), snapshot: loadSnapshot }));
    const planned = await planWorkflow(w);
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
    const { client, rendered } = demo();
    const inner = memoryCache();
    const summary = await execute(planned.plan, { client, cache: demoCacheView(inner) }, { onEvent: () => undefined });
    expect(summary.ok).toBe(true);
    expect(rendered.map((r) => r.title).sort()).toEqual(["veo3.1 · lite", "wan · v2.7 · text-to-video"]);
    const seconds = Object.fromEntries(
      [...inner.entries.values()].map((e) => [e.endpoint, videoOf(e.result).durationSec]),
    );
    expect(seconds).toEqual({ "fal-ai/wan/v2.7/text-to-video": 10, "fal-ai/veo3.1/lite": 8 });
    expect([...inner.entries.values()].every((e) => e.simulated === true && e.costUsd === 0)).toBe(true);
  });
});
