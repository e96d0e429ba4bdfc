import { describe, expect, it } from "vitest";
import type { Workflow } from "../../src/domain/workflow";
import { parseWorkflowText, serializeWorkflow } from "../../src/domain/parse";
import { mediaKey, textKey } from "../../src/engine/cache-key";
import { canonicalJson, sha256Hex } from "../../src/engine/hash";
import { i2v, image, imageAsset, keyOf, planOk, PNG_1X1, prompt, remix, t2v, workflow } from "./helpers/workflow";

const base = (): Workflow =>
  workflow(
    [
      prompt("p1", "A cat on a skateboard"),
      t2v("v1", { duration: 4, aspect_ratio: "16:9" }),
      remix("r1", { prompt: "make it purple" }),
    ],
    ["p1.text>v1.prompt", "v1.video>r1.video"],
  );

const keys = async (w: Workflow) => {
  const plan = await planOk(w);
  return Object.fromEntries(plan.order.map((id) => [id, keyOf(plan, id)]));
};

describe("hash", () => {
  it("computes SHA-256 of strings and bytes", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(await sha256Hex("abc"));
  });

  it("writes canonical JSON: keys sorted at every depth, numbers stable", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ n: 4.0, m: -0, u: undefined })).toBe('{"m":0,"n":4}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/\$\.n/);
  });
});

describe("cache keys", () => {
  it("do not depend on the order params were written in", async () => {
    const a = base();
    const b = base();
    const v1 = b.nodes[1];
    if (v1?.type !== "text-to-video") throw new Error("fixture");
    v1.data.params = { aspect_ratio: "16:9", duration: 4 };
    expect(await keys(b)).toEqual(await keys(a));
  });

  it("survive a save and load", async () => {
    const w = base();
    const reloaded = parseWorkflowText(serializeWorkflow(w));
    if (!reloaded.ok) throw new Error(reloaded.errors.join("; "));
    expect(await keys(reloaded.workflow)).toEqual(await keys(w));
    expect(await keys(JSON.parse(JSON.stringify(w)) as Workflow)).toEqual(await keys(w));
  });

  it("treat an omitted param like its default", async () => {
    const explicit = await keys(
      workflow([t2v("v1", { prompt: "a", duration: 4, resolution: "720p", aspect_ratio: "16:9" })], []),
    );
    const implicit = await keys(workflow([t2v("v1", { prompt: "a" })], []));
    expect(implicit).toEqual(explicit);
  });

  it("ignore positions, labels, node ids and unrelated nodes", async () => {
    const before = await keys(base());
    const moved = base();
    for (const n of moved.nodes) {
      n.position = { x: n.position.x + 500, y: 99 };
      n.label = "renamed";
    }
    moved.nodes.push(t2v("v9", { prompt: "something else" }));
    const after = await keys(moved);
    expect({ p1: after.p1, v1: after.v1, r1: after.r1 }).toEqual(before);

    // Same graph with other ids: same keys, node by node.
    const renamed = workflow(
      [
        prompt("first", "A cat on a skateboard"),
        t2v("video", { duration: 4, aspect_ratio: "16:9" }),
        remix("rx", { prompt: "make it purple" }),
      ],
      ["first.text>video.prompt", "video.video>rx.video"],
    );
    const k = await keys(renamed);
    expect([k.first, k.video, k.rx]).toEqual([before.p1, before.v1, before.r1]);
  });

  it("change with the node's own params and with every upstream change", async () => {
    const before = await keys(base());
    const longer = base();
    const v1 = longer.nodes[1];
    if (v1?.type !== "text-to-video") throw new Error("fixture");
    v1.data.params = { ...v1.data.params, duration: 8 };
    const k1 = await keys(longer);
    expect(k1.p1).toBe(before.p1);
    expect(k1.v1).not.toBe(before.v1);
    expect(k1.r1).not.toBe(before.r1);

    const reworded = base();
    const p1 = reworded.nodes[0];
    if (p1?.type !== "prompt") throw new Error("fixture");
    p1.data.text = "A dog on a skateboard";
    const k2 = await keys(reworded);
    expect(k2.v1).not.toBe(before.v1);
    expect(k2.r1).not.toBe(before.r1);

    const remixOnly = base();
    const r1 = remixOnly.nodes[2];
    if (r1?.type !== "remix") throw new Error("fixture");
    r1.data.params = { prompt: "make it green" };
    const k3 = await keys(remixOnly);
    expect(k3.v1).toBe(before.v1);
    expect(k3.r1).not.toBe(before.r1);
  });

  it("change when a generation starts feeding a remix (its request then keeps the video)", async () => {
    const alone = await keys(
      workflow(
        [prompt("p1", "A cat on a skateboard"), t2v("v1", { duration: 4, aspect_ratio: "16:9" })],
        ["p1.text>v1.prompt"],
      ),
    );
    const feeding = await keys(base());
    expect(feeding.v1).not.toBe(alone.v1);
  });

  it("treat a typed prompt like the same text from a Prompt node", async () => {
    const typed = await keys(workflow([t2v("v1", { prompt: "A cat" })], []));
    const wired = await keys(workflow([prompt("p1", "A cat"), t2v("v1")], ["p1.text>v1.prompt"]));
    expect(typed.v1).toBe(wired.v1);
    expect(wired.p1).toBe(await textKey("A cat"));
  });

  it("key images by their bytes, not by how the URL is written", async () => {
    const b64 = PNG_1X1.split(",")[1] as string;
    const sameBytes = `data:application/octet-stream;base64,${b64.slice(0, 20)}\n${b64.slice(20)}`;
    const otherBytes = "data:image/png;base64,iVBORw0KGgo=";
    const plan = async (url: string) =>
      keys(workflow([image("i1", url), i2v("v1", { prompt: "move" })], ["i1.image>v1.image"]));
    const a = await plan(PNG_1X1);
    const b = await plan(sameBytes);
    const c = await plan(otherBytes);
    expect(b).toEqual(a);
    expect(c.i1).not.toBe(a.i1);
    expect(c.v1).not.toBe(a.v1);

    // A local asset holding the same bytes is the same image.
    const hash = await sha256Hex(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
    const asset = await keys(workflow([imageAsset("i1", hash), i2v("v1", { prompt: "move" })], ["i1.image>v1.image"]));
    expect(asset).toEqual(a);

    // A remote URL is keyed by the URL string.
    const r1 = await mediaKey({ kind: "remote", url: "https://example.com/a.png" });
    expect(await mediaKey({ kind: "remote", url: "https://example.com/a.png" })).toBe(r1);
    expect(await mediaKey({ kind: "remote", url: "https://example.com/b.png" })).not.toBe(r1);
  });

  it("differ between endpoints with the same params", async () => {
    const std = await keys(workflow([t2v("v1", { prompt: "a", resolution: "720p" })], []));
    const pro = await keys(
      workflow([t2v("v1", { prompt: "a", resolution: "720p" }, "fal-ai/sora-2/text-to-video/pro")], []),
    );
    expect(pro.v1).not.toBe(std.v1);
  });
});
