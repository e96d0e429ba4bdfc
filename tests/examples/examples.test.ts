import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripSecrets } from "../../src/adapters/share";
import { createFalInferenceClient } from "../../src/adapters/fal/client";
import type { CacheKey, ContentHash } from "../../src/domain/ids";
import { parseWorkflowText } from "../../src/domain/parse";
import { isGenerationNode, type GenerationNode, type Workflow } from "../../src/domain/workflow";
import type { RunEvent } from "../../src/engine/events";
import { execute } from "../../src/engine/executor";
import { planWorkflow, type Plan, type PlannedGeneration } from "../../src/engine/plan";
import type { CachedResult, ResultCache } from "../../src/engine/ports";
import { adapterForNode, findAdapter } from "../../src/nodes/registry";
import { endpointsOf } from "../../src/nodes/workflow-endpoints";
import { startFakeFal, type FakeFal } from "../fake-fal/server";
import { resolveCatalogueModels } from "./catalogue-models";

/**
 * The examples are the first thing a new user opens: each must open, plan, and price honestly
 * (a model without a published price is reported as unknown, never as $0), and the set must
 * show what Reelflow is for with models that run today.
 */
const dir = join(import.meta.dirname, "..", "..", "public", "examples");
const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as {
  examples: { file: string; title: string; description: string; endpoints?: unknown }[];
};

function load(file: string): Workflow {
  const r = parseWorkflowText(readFileSync(join(dir, file), "utf8"));
  if (!r.ok) throw new Error(`${file}: ${r.errors.join("; ")}`);
  return r.workflow;
}

// Models read from fal's catalogue become known before anything below reads an example's models.
await resolveCatalogueModels(index.examples.map((e) => load(e.file)));

async function plan(file: string): Promise<Plan> {
  const r = await planWorkflow(load(file));
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => e.message).join("; ")}`);
  return r.plan;
}

const generations = (p: Plan): PlannedGeneration[] =>
  [...p.nodes.values()].filter((n): n is PlannedGeneration => n.role === "generation");
const isRetired = (endpoint: string) => findAdapter(endpoint)?.retired !== undefined;
function endpointOf(n: GenerationNode): string {
  const found = adapterForNode(n);
  if (!found.ok) throw new Error(`${n.id}: ${found.reason}`);
  return found.adapter.endpoint;
}

describe("public/examples/index.json", () => {
  it("lists every example file exactly once, each with a title and a description", () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".reelflow.json"))
      .sort();
    const listed = index.examples.map((e) => e.file);
    expect([...listed].sort()).toEqual(files);
    expect(new Set(listed).size).toBe(listed.length);
    for (const e of index.examples)
      expect({ file: e.file, title: e.title.trim() !== "", description: e.description.trim() !== "" }).toEqual({
        file: e.file,
        title: true,
        description: true,
      });
  });

  it("names the models each example's nodes run, as its file does (the Examples list marks from it)", () => {
    // The list reads only index.json, so each entry carries what its mark needs; it must never drift from the file.
    const fix = "index.json is out of date: run `npm run examples:index`";
    for (const e of index.examples)
      expect({ file: e.file, endpoints: e.endpoints }, fix).toEqual({
        file: e.file,
        endpoints: endpointsOf(load(e.file)),
      });
  });

  it("lists examples on current models first; no title or description says 'retired' (the list works it out from the nodes)", () => {
    const usesRetired = index.examples.map((e) =>
      load(e.file).nodes.some((n) => isGenerationNode(n) && isRetired(endpointOf(n))),
    );
    const firstRetired = usesRetired.indexOf(true);
    if (firstRetired >= 0) expect(usesRetired.slice(firstRetired).every(Boolean)).toBe(true);
    for (const e of index.examples)
      expect({ file: e.file, says: /retired/i.test(`${e.title} ${e.description}`) }).toEqual({
        file: e.file,
        says: false,
      });
    expect(usesRetired.filter((r) => !r).length).toBeGreaterThanOrEqual(7);
  });
});

describe.each(index.examples.map((e) => e.file))("%s", (file) => {
  it("opens, plans without errors, and carries nothing local or secret", async () => {
    const w = load(file);
    await plan(file);
    for (const n of w.nodes)
      if (n.type === "image" || n.type === "video")
        expect({ node: n.id, asset: n.data.asset }).toEqual({ node: n.id, asset: undefined });
    expect(stripSecrets(w).removed).toEqual([]);
  });

  it("estimates its price, reporting models without a known price as unknown (not $0)", async () => {
    const p = await plan(file);
    let known = 0;
    const unknown: string[] = [];
    for (const g of generations(p)) {
      const price = g.adapter.price(g.params, { sourceDurationSec: null });
      if (g.price.usd === null) {
        unknown.push(g.id);
        expect(price.usd).toBeNull();
        expect(g.price.basis).toMatch(/unknown/);
      } else {
        expect(g.price.usd).toBeGreaterThan(0);
        known += g.price.usd;
      }
    }
    expect(p.estimate.unknownPriceNodes).toEqual(unknown);
    expect(p.estimate.usd).toBeCloseTo(known, 3);
  });
});

/** The examples the product promises (issues 5 and 6), recognised by their graphs, not their file names. */
describe("the set covers what Reelflow is for, on models that run today", () => {
  const current = index.examples
    .map((e) => ({ file: e.file, w: load(e.file) }))
    .filter(({ w }) => !w.nodes.some((n) => isGenerationNode(n) && isRetired(endpointOf(n))));
  const gens = (w: Workflow) => w.nodes.filter(isGenerationNode);
  const feeds = (w: Workflow, source: string, port: string) =>
    w.edges.filter((e) => e.source === source && e.targetHandle === port).map((e) => e.target);
  const find = (what: string, test: (w: Workflow) => boolean) => {
    const hit = current.find(({ w }) => test(w));
    expect({ what, found: hit?.file ?? null }).not.toEqual({ what, found: null });
  };

  it("text-to-video", () => find("text-to-video", (w) => gens(w).length === 1 && gens(w)[0]?.type === "text-to-video"));
  it("a pro-quality 1080p generation", () =>
    find("1080p", (w) => gens(w).some((n) => n.data.params?.resolution === "1080p" && !/fast/.test(endpointOf(n)))));
  it("image-to-video", () =>
    find("image-to-video", (w) => gens(w).length === 1 && gens(w)[0]?.type === "image-to-video"));
  it("a remix chain (a generation edited, then edited again)", () =>
    find("remix chain", (w) =>
      gens(w).some(
        (n) =>
          n.type === "remix" && feeds(w, n.id, "video").some((t) => gens(w).find((g) => g.id === t)?.type === "remix"),
      ),
    ));
  it("one prompt fanned out to Veo 3.1 Fast, Kling O3 and Seedance 2.0", () =>
    find("comparison", (w) =>
      w.nodes.some((p) => {
        if (p.type !== "prompt") return false;
        const endpoints = feeds(w, p.id, "prompt").map((t) =>
          endpointOf(gens(w).find((g) => g.id === t) as GenerationNode),
        );
        return (
          endpoints.includes("fal-ai/veo3.1/fast") &&
          endpoints.some((e) => e.startsWith("fal-ai/kling-video/o3/")) &&
          endpoints.some((e) => e.startsWith("bytedance/seedance-2.0/"))
        );
      }),
    ));
  it("one image animated by two models", () =>
    find("image by two models", (w) =>
      w.nodes.some(
        (i) =>
          i.type === "image" &&
          new Set(
            feeds(w, i.id, "image").map(
              (t) => findAdapter(endpointOf(gens(w).find((g) => g.id === t) as GenerationNode))?.family,
            ),
          ).size >= 2,
      ),
    ));
  it("a clip given by https URL, edited with Kling O3", () =>
    find("Kling O3 edit of a clip", (w) =>
      w.nodes.some(
        (v) =>
          v.type === "video" &&
          /^https:\/\//.test(v.data.url ?? "") &&
          feeds(w, v.id, "video").some((t) =>
            /^fal-ai\/kling-video\/o3\/.+\/video-to-video\/edit$/.test(
              endpointOf(gens(w).find((g) => g.id === t) as GenerationNode),
            ),
          ),
      ),
    ));
});

/** fal accepts what each current example sends: run through the real client to the fake fal, whose schemas come from fal's types. */
describe("current examples run against the fake fal", () => {
  let fal: FakeFal;
  beforeAll(async () => {
    fal = await startFakeFal({ switches: { queueMs: 0, runMs: 10, queuePositionStart: 0 } });
    // As the app and the CLI do with a proxy: fal's live documents (here the fake's) replace the snapshot's.
    await resolveCatalogueModels(
      index.examples.map((e) => load(e.file)),
      fal.url,
    );
  });
  afterAll(async () => {
    await fal.close();
  });

  function memoryCache(): ResultCache {
    const results = new Map<CacheKey, CachedResult>();
    const uploads = new Map<ContentHash, string>();
    return {
      get: async (k) => results.get(k),
      put: async (e) => (results.set(e.key, e), e),
      getUpload: async (h) => uploads.get(h),
      putUpload: async (h, u) => void uploads.set(h, u),
    };
  }

  const currentFiles = index.examples
    .map((e) => e.file)
    .filter((f) => !load(f).nodes.some((n) => isGenerationNode(n) && isRetired(endpointOf(n))));
  it.each(currentFiles)("%s: every node succeeds, one job each", async (file) => {
    const p = await plan(file);
    const events: RunEvent[] = [];
    const before = fal.requestsOf("submit").length;
    const summary = await execute(
      p,
      { client: createFalInferenceClient({ proxyUrl: fal.url, pollIntervalMs: 20 }), cache: memoryCache() },
      { onEvent: (e) => events.push(e) },
    );
    const failed = events
      .filter((e) => e.type === "failed")
      .map((e) => (e.type === "failed" ? `${e.nodeId}: ${e.error.message}` : ""));
    expect(failed).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(fal.requestsOf("submit").length - before).toBe(generations(p).length);
  });
});
