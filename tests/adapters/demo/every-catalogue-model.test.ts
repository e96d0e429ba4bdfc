import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durationOfResult, isImageResult } from "../../../src/nodes/results";
import { createModelCatalogue } from "../../../src/adapters/catalogue/service";
import { loadSnapshot } from "../../../src/adapters/catalogue/snapshot";
import { createMemoryCatalogueStore } from "../../../src/adapters/catalogue/store";
import type { ClipSpec } from "../../../src/adapters/demo/clip-renderer";
import { askedImages } from "../../../src/adapters/demo/demo-images";
import type { StillSpec } from "../../../src/adapters/demo/still-renderer";
import { demoCacheView } from "../../../src/adapters/demo/demo-cache";
import { createDemoInferenceClient } from "../../../src/adapters/demo/demo-client";
import { edgeId, endpointId, nodeId, type EndpointId } from "../../../src/domain/ids";
import {
  isImageGenerationKind,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from "../../../src/domain/workflow";
import type { RunEvent } from "../../../src/engine/events";
import { execute } from "../../../src/engine/executor";
import { planWorkflow } from "../../../src/engine/plan";
import type { QueueUpdate } from "../../../src/engine/ports";
import { resolveModels } from "../../../src/engine/resolve-models";
import { bodyChecker } from "../../../src/nodes/catalogue/body-check";
import type { CatalogueSnapshot, FalModel } from "../../../src/nodes/catalogue/fal-api";
import { endpointSchemas } from "../../../src/nodes/catalogue/openapi";
import { resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import { adapterFromFalModel } from "../../../src/nodes/catalogue/schema-adapter";
import { curatedAdapter, inputsFor } from "../../../src/nodes/registry";
import type { ModelAdapter, Params, PortValues } from "../../../src/nodes/types";
import { MemoryCache } from "../../engine/helpers/memory-ports";

// Issue 15 item 5: Demo mode simulates every model of the bundled snapshot. For each model the schema reader
// makes an adapter of, a node's request (its default params, a value on each input it declares) goes through the
// demo client's submit, watch and result, and the adapter reads what comes back: a video at the length asked, in
// a result the model's own result schema allows; an image model's (the snapshot has fal's text-to-image and edit
// models too) the images asked for. The clip's recording and the stills' drawing are stood in for (they need a
// browser's canvas and MediaRecorder: tests/e2e/demo.spec.ts records real ones); what a clip would draw is checked.

const CLIP_SECONDS = 1.5;
const SOURCE_SECONDS = 6;

let snapshot: CatalogueSnapshot;
let models: Map<string, FalModel>;
let adapters: ModelAdapter[];
/** Endpoints whose node is an image node: the demo draws them stills, as the app's demo client does. */
let imageEndpoints: Set<string>;
beforeAll(async () => {
  snapshot = await loadSnapshot();
  models = new Map(snapshot.models.map((m) => [m.endpoint_id, m]));
  const prices = new Map(snapshot.prices.map((p) => [p.endpoint_id, p]));
  adapters = snapshot.models.flatMap((model) => {
    const built = adapterFromFalModel(model, prices.get(model.endpoint_id), "snapshot", snapshot.madeAt);
    return built.ok ? [built.adapter] : [];
  });
  const kindOf = (a: ModelAdapter) => (curatedAdapter(a.endpoint) ?? a).kind;
  imageEndpoints = new Set(adapters.filter((a) => isImageGenerationKind(kindOf(a))).map((a) => a.endpoint));
}, 60_000);
afterAll(() => resetCatalogueForTests());

/** A demo client that answers at once, with a stand-in for the browser's recorder and object URLs. */
function demo() {
  const rendered: ClipSpec[] = [];
  const stills: StillSpec[] = [];
  const submitted: { endpoint: string; body: Record<string, unknown> }[] = [];
  let n = 0;
  const inner = createDemoInferenceClient({
    delayMs: 0,
    clipSeconds: CLIP_SECONDS,
    render: async (spec) => {
      rendered.push(spec);
      return new Blob([`clip:${spec.seed}`], { type: "video/webm" });
    },
    renderStill: async (spec) => {
      stills.push(spec);
      return new Blob([`still:${spec.seed}:${spec.index}`], { type: "image/png" });
    },
    makesImages: (endpoint) => imageEndpoints.has(endpoint),
    urlFor: () => `blob:demo/${++n}`,
    describe: async (endpoint) => models.get(endpoint),
  });
  const client: typeof inner = {
    ...inner,
    submit: (endpoint, body, signal) => {
      submitted.push({ endpoint, body });
      return inner.submit(endpoint, body, signal);
    },
  };
  return { client, rendered, stills, submitted };
}

type Demo = ReturnType<typeof demo>;

const isUrl = (detail: string) => /(https?|blob):/.test(detail);
const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 0.001;

/** What the model's own result schema says is wrong with a result (as fal's would be checked). */
function resultIssues(endpoint: string, raw: unknown): string[] {
  const model = models.get(endpoint);
  const found = model ? endpointSchemas(model) : undefined;
  if (!found?.ok) return ["no result schema"];
  const check = bodyChecker(found.schemas.document, found.schemas.output);
  return check(raw as Record<string, unknown>).map((i) => `${i.field}: ${i.message}`);
}

/** One job through submit, watch and result, as the executor runs it. */
async function run(d: Demo, endpoint: EndpointId, body: Record<string, unknown>) {
  const id = await d.client.submit(endpoint, body);
  const updates: QueueUpdate[] = [];
  await d.client.watch(endpoint, id, (u) => updates.push(u));
  return { raw: await d.client.result(endpoint, id), updates };
}

/** The defaults a node starts with, and a value for a required param that has none (the user must give one). */
function paramsOf(adapter: ModelAdapter): Params {
  const out: Params = {};
  for (const p of adapter.params) {
    if (p.default !== undefined) out[p.name] = p.default;
    else if (p.required) out[p.name] = p.kind === "number" ? Math.max(p.min, 1) : "hello";
  }
  return out;
}

/** A value on every input the model declares; a video input gets a clip the demo made before. */
function portsOf(adapter: ModelAdapter, sourceUrl: string): PortValues {
  const ports: PortValues = {};
  for (const handle of Object.keys(adapter.inputs ?? {})) {
    if (handle === "prompt") ports.prompt = "a paper kite over a grey sea";
    else if (handle === "image") ports.image = { url: "https://example.com/first.png" };
    else if (handle === "end_image") ports.endImage = { url: "https://example.com/last.png" };
    else if (handle === "images")
      ports.images = [{ url: "https://example.com/a.png" }, { url: "https://example.com/b.png" }];
    else if (handle === "video") ports.video = { url: sourceUrl, durationSec: SOURCE_SECONDS };
    else throw new Error(`${adapter.endpoint} declares an input this test does not know: ${handle}`);
  }
  return ports;
}

/**
 * The length a request asks for, read here independently of the demo client: one of fal's length fields in any
 * of its forms (8, "8", "8s"), else a frame count (more than one) over a frame rate; null when it names neither.
 */
function askedSeconds(body: Record<string, unknown>): number | null {
  for (const name of ["duration", "duration_seconds", "video_duration", "seconds", "num_seconds"]) {
    const m = /^(\d+(?:\.\d+)?)s?$/.exec(
      typeof body[name] === "string" || typeof body[name] === "number" ? String(body[name]).trim() : "",
    );
    if (m && Number(m[1]) > 0) return Number(m[1]);
  }
  const frames = body.num_frames;
  const rate = body.frames_per_second ?? body.fps ?? body.frame_rate ?? body.export_fps ?? body.output_fps;
  if (typeof frames === "number" && typeof rate === "number" && frames > 1 && rate > 0) return frames / rate;
  return null;
}

describe("Demo mode runs every model of the bundled snapshot", () => {
  it("derives adapters for nearly all of the snapshot's models", () => {
    expect(snapshot.models.length).toBeGreaterThan(350);
    expect(adapters.length).toBeGreaterThan(340);
  });

  it("has image models too, each drawn as stills the adapter reads: as many as asked, simulated", async () => {
    expect(imageEndpoints.size).toBeGreaterThan(200);
    const d = demo();
    const problems: string[] = [];
    for (const adapter of adapters.filter((a) => imageEndpoints.has(a.endpoint))) {
      const params = paramsOf(adapter);
      const body = adapter.buildInput(params, portsOf(adapter, "blob:unused"), { feedsRemix: false });
      const { raw, updates } = await run(d, adapter.endpoint, body);
      const read = adapter.readResult(raw, params);
      const got = {
        images: isImageResult(read) ? read.images.length : "a video",
        urls: isImageResult(read) && read.images.every((i) => i.url.startsWith("blob:demo/")),
        simulated: (raw as { simulated?: unknown }).simulated,
        done: updates.at(-1)?.status,
      };
      const want = { images: askedImages(body), urls: true, simulated: true, done: "COMPLETED" };
      const schema = resultIssues(adapter.endpoint, raw);
      if (schema.length > 0) problems.push(`${adapter.endpoint}: its result schema refuses it: ${schema.join("; ")}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        problems.push(`${adapter.endpoint}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(d.rendered).toEqual([]);
  }, 120_000);

  it("each video model's own request comes back as a video its adapter reads, at the length asked, simulated", async () => {
    const d = demo();
    const asked = { prompt: "source", duration: `${SOURCE_SECONDS}s` };
    const source = await run(d, endpointId("fal-ai/veo3.1/fast"), asked);
    const sourceUrl = (source.raw as { video: { url: string } }).video.url;
    const problems: string[] = [];
    const lengths = { asked: 0, source: 0, clip: 0 };
    for (const adapter of adapters.filter((a) => !imageEndpoints.has(a.endpoint))) {
      const params = paramsOf(adapter);
      const ports = portsOf(adapter, sourceUrl);
      const body = adapter.buildInput(params, ports, { feedsRemix: false });
      const before = d.rendered.length;
      const { raw, updates } = await run(d, adapter.endpoint, body);
      const read = adapter.readResult(raw, params);
      if (isImageResult(read)) throw new Error("a video model answered images");
      const spec = d.rendered[before];
      const asked = askedSeconds(body);
      const edit = ports.video !== undefined && asked === null;
      const expected = asked ?? (edit ? SOURCE_SECONDS : CLIP_SECONDS);
      lengths[asked !== null ? "asked" : edit ? "source" : "clip"] += 1;
      const got = {
        url: read.video.url.startsWith("blob:demo/"),
        type: read.video.content_type,
        seconds: close(read.durationSec, expected) ? expected : read.durationSec,
        simulated: (raw as { simulated?: unknown }).simulated,
        done: updates.at(-1)?.status,
        prompt: spec?.prompt,
        // The clip shows the request's params, no file URLs, in a frame a screen can show.
        drawn: spec !== undefined && spec.aspect >= 9 / 21 && spec.aspect <= 21 / 9 && !spec.details.some(isUrl),
      };
      const want = {
        url: true,
        type: "video/webm",
        seconds: expected,
        simulated: true,
        done: "COMPLETED",
        prompt: typeof body.prompt === "string" ? body.prompt : "",
        drawn: true,
      };
      const schema = resultIssues(adapter.endpoint, raw);
      if (schema.length > 0) problems.push(`${adapter.endpoint}: its result schema refuses it: ${schema.join("; ")}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        problems.push(`${adapter.endpoint}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    console.info(
      `demo runs: ${adapters.length - imageEndpoints.size} video models; length asked ${lengths.asked}, ` +
        `edits of the source ${lengths.source}, the clip's own ${lengths.clip}`,
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it("a node on each model runs in one graph through the executor: simulated, $0, at the length asked", async () => {
    resetCatalogueForTests();
    const w = everyModelWorkflow(adapters);
    await resolveModels(w, createModelCatalogue({ store: createMemoryCatalogueStore(), snapshot: loadSnapshot }));
    const planned = await planWorkflow(w);
    if (!planned.ok) throw new Error(planned.errors.map((e) => `${e.nodeId ?? ""} ${e.message}`).join("\n"));
    const d = demo();
    const inner = new MemoryCache();
    const events: RunEvent[] = [];
    const summary = await execute(
      planned.plan,
      { client: d.client, cache: demoCacheView(inner) },
      {
        concurrency: 32,
        onEvent: (e) => events.push(e),
      },
    );
    const failed = events.flatMap((e) => (e.type === "failed" ? [`${e.nodeId}: ${JSON.stringify(e)}`] : []));
    expect(failed).toEqual([]);
    expect(summary.ok).toBe(true);
    const stored = [...inner.entries.values()];
    expect(stored).toHaveLength(adapters.length + 1);
    expect(stored.filter((e) => e.simulated !== true || e.costUsd !== 0)).toEqual([]);
    expect(summary.totals.costUsd).toBe(0);
    // Each node's stored result is as long as its request asked (an edit: as long as the 8 s source).
    const videos = d.submitted.filter(({ endpoint }) => !imageEndpoints.has(endpoint));
    const wrong = videos.flatMap(({ endpoint, body }) => {
      const entry = stored.find((e) => e.endpoint === endpoint);
      const want = askedSeconds(body) ?? (Object.keys(body).some((k) => /video_url$/.test(k)) ? 8 : CLIP_SECONDS);
      const got = entry ? durationOfResult(entry.result) : null;
      return close(got, want) ? [] : [`${endpoint}: ${got} s, want ${want}`];
    });
    expect(wrong).toEqual([]);
  }, 120_000);
});

/** A prompt, two images and an 8 s Sora clip, wired into one node per model on every input its node has. */
function everyModelWorkflow(list: readonly ModelAdapter[]): Workflow {
  const at = { x: 0, y: 0 };
  const nodes: WorkflowNode[] = [
    { id: nodeId("prompt"), type: "prompt", position: at, data: { text: "a paper kite over a grey sea" } },
    { id: nodeId("first"), type: "image", position: at, data: { url: "https://example.com/first.png" } },
    { id: nodeId("last"), type: "image", position: at, data: { url: "https://example.com/last.png" } },
    {
      id: nodeId("source"),
      type: "text-to-video",
      position: at,
      data: { endpoint: endpointId("fal-ai/sora-2/text-to-video"), params: { duration: 8 } },
    },
  ];
  const edges: WorkflowEdge[] = [edge("prompt", "text", "source", "prompt")];
  list.forEach((derived, i) => {
    const id = `m${i}`;
    // A curated adapter wins over the one read from fal's schema (its own params and inputs).
    const adapter = curatedAdapter(derived.endpoint) ?? derived;
    const params = paramsOf(adapter);
    nodes.push({ id: nodeId(id), type: adapter.kind, position: at, data: { endpoint: adapter.endpoint, params } });
    for (const handle of Object.keys(inputsFor(adapter.kind, adapter))) {
      if (handle === "prompt") edges.push(edge("prompt", "text", id, handle));
      if (handle === "image") edges.push(edge("first", "image", id, handle));
      if (handle === "end_image") edges.push(edge("last", "image", id, handle));
      if (handle === "images") edges.push(edge("first", "image", id, handle), edge("last", "image", id, handle));
      if (handle === "video") edges.push(edge("source", "video", id, handle));
    }
  });
  return { format: "reelflow/workflow", version: 1, name: "every catalogue model", nodes, edges };
}

let edges = 0;
const edge = (source: string, sourceHandle: string, target: string, targetHandle: string): WorkflowEdge => ({
  id: edgeId(`e${++edges}`),
  source: nodeId(source),
  sourceHandle,
  target: nodeId(target),
  targetHandle,
});
