import "fake-indexeddb/auto";
import { mediaFileOf } from "../../../src/nodes/results";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { BundleError, exportBundle, exportBundleWithReport, importBundle } from "../../../src/adapters/bundle";
import { createDexieResultCache, type ReelflowDb } from "../../../src/adapters/db";
import { endpointId, requestId, type CacheKey } from "../../../src/domain/ids";
import { parseWorkflow } from "../../../src/domain/parse";
import type { Workflow } from "../../../src/domain/workflow";
import { planWorkflow } from "../../../src/engine/plan";
import type { CachedResult } from "../../../src/engine/ports";
import { TINY_MP4, failWritesWithQuota, freshDb } from "../db/helpers";

/** Prompt → two text-to-video nodes; results are put straight into the cache (no fal needed here). */
function twoTakes(): Workflow {
  const parsed = parseWorkflow({
    format: "reelflow/workflow",
    version: 1,
    name: "Two takes",
    nodes: [
      { id: "p", type: "prompt", data: { text: "a fox in the snow" } },
      { id: "veo", type: "text-to-video", data: { endpoint: "fal-ai/veo3.1/fast", params: { duration: "4s" } } },
      {
        id: "kling",
        type: "text-to-video",
        data: { endpoint: "fal-ai/kling-video/o3/standard/text-to-video", params: { duration: 5 } },
      },
    ],
    edges: [
      { id: "e1", source: "p", sourceHandle: "text", target: "veo", targetHandle: "prompt" },
      { id: "e2", source: "p", sourceHandle: "text", target: "kling", targetHandle: "prompt" },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.workflow;
}

async function keysOf(w: Workflow): Promise<Record<string, CacheKey>> {
  const r = await planWorkflow(w);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return Object.fromEntries(
    [...r.plan.nodes.values()].filter((n) => n.role === "generation").map((n) => [n.id, n.key]),
  );
}

const entry = (key: CacheKey, endpoint: string, extra: Partial<CachedResult> = {}): CachedResult => ({
  key,
  endpoint: endpointId(endpoint),
  result: {
    video: { url: "https://v3.fal.media/files/x.mp4", content_type: "video/mp4" },
    videoId: null,
    thumbnail: null,
    durationSec: 4,
  },
  requestId: requestId("req-x"),
  costUsd: 0.6,
  createdAt: "2026-11-25T10:00:00.000Z",
  ...extra,
});
const mp4 = (bytes: Uint8Array<ArrayBuffer> = new Uint8Array(TINY_MP4)) => new Blob([bytes], { type: "video/mp4" });

/** Sender with a paid result for `veo` and a demo-only result for `kling`. */
async function senderBundle(): Promise<{
  db: ReelflowDb;
  workflow: Workflow;
  keys: Record<string, CacheKey>;
  blob: Blob;
}> {
  const db = freshDb();
  const workflow = twoTakes();
  const keys = await keysOf(workflow);
  await createDexieResultCache(db, { namespace: "paid" }).putWithMedia(
    entry(keys.veo as CacheKey, "fal-ai/veo3.1/fast"),
    mp4(),
  );
  const other = new Uint8Array(TINY_MP4);
  other[other.length - 1] = (other[other.length - 1] ?? 0) ^ 0xff; // a different video for the demo take
  await createDexieResultCache(db, { namespace: "demo" }).putWithMedia(
    entry(keys.kling as CacheKey, "fal-ai/kling-video/o3/standard/text-to-video", { simulated: true, costUsd: 0 }),
    mp4(other),
  );
  return { db, workflow, keys, blob: await exportBundle(db, workflow) };
}

async function rezip(blob: Blob, change: (files: Zippable) => void): Promise<Blob> {
  const files: Zippable = { ...unzipSync(new Uint8Array(await blob.arrayBuffer())) };
  change(files);
  return new Blob([zipSync(files)], { type: "application/zip" });
}

function editManifest(files: Zippable, edit: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(strFromU8(files["manifest.json"] as Uint8Array)) as Record<string, unknown>;
  edit(m);
  files["manifest.json"] = strToU8(JSON.stringify(m));
}

async function tableCounts(db: ReelflowDb) {
  return {
    results: await db.results.count(),
    blobs: await db.blobs.count(),
    assets: await db.assets.count(),
    uploads: await db.uploads.count(),
    workflows: await db.workflows.count(),
  };
}
const EMPTY = { results: 0, blobs: 0, assets: 0, uploads: 0, workflows: 0 };

async function refusal(
  blob: Blob,
  db: ReelflowDb = freshDb(),
): Promise<{ error: BundleError; counts: Awaited<ReturnType<typeof tableCounts>> }> {
  let error: unknown;
  try {
    await importBundle(db, blob);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof BundleError)) throw new Error(`expected a BundleError, got ${String(error)}`);
  return { error, counts: await tableCounts(db) };
}

describe("bundle namespaces", () => {
  it("keeps demo results in the demo namespace and paid ones in the paid namespace", async () => {
    const { keys, blob } = await senderBundle();
    const receiver = freshDb();
    const imported = await importBundle(receiver, blob);
    expect(imported.errors).toEqual([]);
    expect(imported.restored).toBe(2);
    const paid = createDexieResultCache(receiver, { namespace: "paid" });
    const demo = createDexieResultCache(receiver, { namespace: "demo" });
    expect((await paid.get(keys.veo as CacheKey))?.simulated).toBeUndefined();
    expect(await demo.get(keys.veo as CacheKey)).toBeUndefined();
    expect(await paid.get(keys.kling as CacheKey)).toBeUndefined();
    expect((await demo.get(keys.kling as CacheKey))?.simulated).toBe(true);
  });

  it("never lets a result flagged as demo into the paid cache, even when the manifest says paid", async () => {
    const { keys, blob } = await senderBundle();
    const forged = await rezip(blob, (f) =>
      editManifest(f, (m) => {
        for (const e of m.entries as { namespace: string }[]) e.namespace = "paid";
      }),
    );
    const receiver = freshDb();
    await importBundle(receiver, forged);
    expect(await createDexieResultCache(receiver, { namespace: "paid" }).get(keys.kling as CacheKey)).toBeUndefined();
    expect(await createDexieResultCache(receiver, { namespace: "demo" }).get(keys.kling as CacheKey)).toBeDefined();
  });
});

describe("bundle export report", () => {
  it("says which nodes have no result and which results have no local video", async () => {
    const db = freshDb();
    const workflow = twoTakes();
    const keys = await keysOf(workflow);
    // Stored without its video, as after a full disk.
    await db.results.put({
      ...entry(keys.veo as CacheKey, "fal-ai/veo3.1/fast"),
      mediaHash: null,
      mediaError: "storage full",
      namespace: "paid",
    });
    const { blob, manifest, warnings } = await exportBundleWithReport(db, workflow);
    expect(warnings).toEqual([
      'The result of node "veo" has no video stored in this browser; the bundle carries only its fal URL, which may have expired.',
      'Node "kling" has no result yet; the receiver would have to run it.',
    ]);
    expect(manifest.entries).toMatchObject([{ cacheKey: keys.veo, file: null, mediaHash: null }]);
    // The receiver still gets the result (and pays nothing for it), playing from fal's URL.
    const receiver = freshDb();
    const imported = await importBundle(receiver, blob);
    expect(imported.restored).toBe(1);
    const got = await createDexieResultCache(receiver, { namespace: "paid" }).get(keys.veo as CacheKey);
    expect(got && mediaFileOf(got.result)?.url).toBe("https://v3.fal.media/files/x.mp4");
    expect(got?.mediaError).toMatch(/not included in the bundle/);
  });

  it("carries the results of the nodes that plan when another part of the graph is broken", async () => {
    const db = freshDb();
    const workflow = twoTakes();
    const keys = await keysOf(workflow);
    await createDexieResultCache(db, { namespace: "paid" }).putWithMedia(
      entry(keys.veo as CacheKey, "fal-ai/veo3.1/fast"),
      mp4(),
    );
    const broken: Workflow = {
      ...workflow,
      nodes: [
        ...workflow.nodes,
        {
          id: "lonely" as never,
          type: "text-to-video",
          position: { x: 0, y: 0 },
          data: { endpoint: "fal-ai/veo3.1/fast" as never },
        },
      ],
    };
    const { manifest, warnings } = await exportBundleWithReport(db, broken);
    expect(manifest.entries.map((e) => e.nodeIds)).toEqual([["veo"]]);
    expect(warnings.some((w) => w.startsWith('Node "lonely" is not included:') && /needs a prompt/.test(w))).toBe(true);
  });
});

describe("bad bundles are refused with a message, and nothing is written", () => {
  it("a file that is not a zip", async () => {
    const { error, counts } = await refusal(new Blob(['{"format":"reelflow/workflow"}'], { type: "application/json" }));
    expect(error.message).toBe(
      "The file is not a Reelflow bundle: it is not a .zip archive. (To open a .reelflow.json workflow file, use Open workflow.)",
    );
    expect(counts).toEqual(EMPTY);
  });

  it("a damaged zip (cut short)", async () => {
    const { blob } = await senderBundle();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const { error, counts } = await refusal(new Blob([bytes.slice(0, Math.floor(bytes.length / 2))]));
    expect(error.message).toMatch(
      /^The file is not a readable \.zip archive \(.+\); a Reelflow bundle is the \.zip that Export bundle writes\.$/,
    );
    expect(counts).toEqual(EMPTY);
  });

  it("a zip without manifest.json", async () => {
    const { error, counts } = await refusal(new Blob([zipSync({ "notes.txt": strToU8("hello") })]));
    expect(error.message).toBe("The .zip is not a Reelflow bundle: it has no manifest.json.");
    expect(counts).toEqual(EMPTY);
  });

  it("a manifest that is not JSON", async () => {
    const { blob } = await senderBundle();
    const { error, counts } = await refusal(await rezip(blob, (f) => (f["manifest.json"] = strToU8("{ not json"))));
    expect(error.message).toMatch(/^The bundle's manifest\.json is not valid JSON \(/);
    expect(counts).toEqual(EMPTY);
  });

  it("a manifest of a newer bundle version", async () => {
    const { blob } = await senderBundle();
    const { error, counts } = await refusal(await rezip(blob, (f) => editManifest(f, (m) => (m.version = 3))));
    expect(error.message).toBe(
      "This bundle was made by a newer Reelflow (bundle version 3); this app reads bundle version 2. Update Reelflow to open it.",
    );
    expect(counts).toEqual(EMPTY);
  });

  it("a manifest with a bad field, named by its path", async () => {
    const { blob } = await senderBundle();
    const { error, counts } = await refusal(
      await rezip(blob, (f) =>
        editManifest(f, (m) => {
          (m.entries as { cacheKey: string }[])[0]!.cacheKey = "not-a-hash";
        }),
      ),
    );
    expect(error.problems).toEqual(["manifest.json: entries[0].cacheKey: must be a 64-digit lowercase hex SHA-256"]);
    expect(counts).toEqual(EMPTY);
  });

  it("a manifest of another format", async () => {
    const { blob } = await senderBundle();
    const { error } = await refusal(await rezip(blob, (f) => editManifest(f, (m) => (m.format = "something/else"))));
    expect(error.message).toBe(
      'manifest.json is not a Reelflow bundle manifest: its "format" is "something/else", expected "reelflow/bundle".',
    );
  });

  it("a workflow inside that is invalid, with the parser's reasons", async () => {
    const { blob, workflow } = await senderBundle();
    const bad = { ...workflow, nodes: [...workflow.nodes, { id: "x", type: "banana", data: {} }] };
    const { error, counts } = await refusal(
      await rezip(blob, (f) => (f["workflow.reelflow.json"] = strToU8(JSON.stringify(bad)))),
    );
    expect(error.problems).toEqual([
      "The workflow inside the bundle cannot be opened:",
      'Node "x": unknown node type "banana"',
    ]);
    expect(counts).toEqual(EMPTY);
  });

  it("a workflow file that is missing", async () => {
    const { blob } = await senderBundle();
    const { error, counts } = await refusal(await rezip(blob, (f) => delete f["workflow.reelflow.json"]));
    expect(error.message).toBe(
      'The bundle names its workflow "workflow.reelflow.json", but the .zip has no such file.',
    );
    expect(counts).toEqual(EMPTY);
  });

  it("a full disk: one transaction, so not even the first rows stay", async () => {
    const { blob } = await senderBundle();
    const db = freshDb();
    failWritesWithQuota(db, "results");
    const { error } = await refusal(blob, db);
    expect(error.message).toBe(
      "Nothing was imported: there is not enough storage space in this browser (free some under Settings → Storage).",
    );
    expect(await db.blobs.count()).toBe(0);
  });
});

describe("damaged or foreign entries are skipped with a reason; the rest is restored", () => {
  it("a video whose bytes do not match its hash", async () => {
    const { blob, keys } = await senderBundle();
    let damaged = "";
    const tampered = await rezip(blob, (f) => {
      const m = JSON.parse(strFromU8(f["manifest.json"] as Uint8Array)) as {
        entries: { file: string; nodeIds: string[] }[];
      };
      const target = m.entries.find((e) => e.nodeIds.includes("veo"))!;
      damaged = target.file;
      const bytes = (f[damaged] as Uint8Array).slice();
      bytes[100] = (bytes[100] ?? 0) ^ 0x01;
      f[damaged] = bytes;
    });
    const receiver = freshDb();
    const imported = await importBundle(receiver, tampered);
    expect(imported.errors).toEqual([
      `Result of node "veo" (fal-ai/veo3.1/fast): its file "${damaged}" is damaged (the bytes do not match the manifest's hash); skipped.`,
    ]);
    expect(imported.restored).toBe(1);
    expect(await createDexieResultCache(receiver, { namespace: "paid" }).get(keys.veo as CacheKey)).toBeUndefined();
    expect(await createDexieResultCache(receiver, { namespace: "demo" }).get(keys.kling as CacheKey)).toBeDefined();
    expect(await receiver.blobs.count()).toBe(1);
  });

  it("a result whose key no node of the workflow has (it would never be looked up)", async () => {
    const { blob } = await senderBundle();
    const foreign = "f".repeat(64);
    const tampered = await rezip(blob, (f) =>
      editManifest(f, (m) => {
        const entries = m.entries as Record<string, unknown>[];
        entries.push({ ...entries[0], cacheKey: foreign, nodeIds: ["ghost"] });
      }),
    );
    const receiver = freshDb();
    const imported = await importBundle(receiver, tampered);
    expect(imported.errors).toEqual([
      'Result of node "ghost" (fal-ai/veo3.1/fast): no node of this workflow has its cache key in this version of Reelflow; skipped.',
    ]);
    expect(await receiver.results.where("namespace").anyOf("paid", "demo").primaryKeys()).not.toContainEqual([
      "paid",
      foreign,
    ]);
    expect(imported.restored).toBe(2);
  });
});
