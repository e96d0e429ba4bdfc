import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeId, requestId, workflowId } from "../../src/domain/ids";
import { execute } from "../../src/engine/executor";
import { planWorkflow } from "../../src/engine/plan";
import { lineageOf, takeFromResult } from "../../src/engine/takes";
import {
  forgetDeclaredPortModels,
  framesModel,
  referencesModel,
  registerDeclaredPortModels,
} from "./helpers/declared-ports";
import { memoryPorts, Recorder } from "./helpers/memory-ports";
import {
  edge,
  gen,
  i2v,
  image,
  keyOf,
  planErrors,
  planOk,
  PNG_1X1,
  prompt,
  remix,
  t2v,
  workflow,
} from "./helpers/workflow";

/**
 * Model-declared input ports through the engine: a first/last-frame model (`end_image`) and a reference-to-video
 * model (`images`, several edges in file order), planned, keyed, run and filed as takes.
 */

const FRAMES = framesModel.endpoint;
const REFS = referencesModel.endpoint;
const A = "https://img.example/a.png";
const B = "https://img.example/b.png";
const C = "https://img.example/c.png";

beforeEach(registerDeclaredPortModels);
afterEach(forgetDeclaredPortModels);

/** Prompt p1, images a and b, a frames node f1 fed a → image, b → end_image. */
const framesGraph = (endFrom = "b") =>
  workflow(
    [prompt("p1", "a door opens"), image("a", A), image("b", B), image("c", C), i2v("f1", {}, FRAMES)],
    ["p1.text>f1.prompt", "a.image>f1.image", `${endFrom}.image>f1.end_image`],
  );

/** Prompt p1 and the reference images in the order given, wired into r1's `images` port. */
const refsGraph = (order: string[]) =>
  workflow(
    [prompt("p1", "the same cat, three poses"), image("a", A), image("b", B), image("c", C), i2v("r1", {}, REFS)],
    [edge("p1.text>r1.prompt"), ...order.map((from) => edge(`${from}.image>r1.images`))],
  );

describe("plan: ports a model declares", () => {
  it("takes an end frame and records every upstream by handle", async () => {
    const plan = await planOk(framesGraph());
    expect(gen(plan, "f1").upstream).toEqual({ prompt: ["p1"], image: ["a"], end_image: ["b"] });
    expect(plan.children.get(nodeId("b"))).toEqual(["f1"]);
  });

  it("takes several reference images, in the order of the file's edges", async () => {
    const plan = await planOk(refsGraph(["c", "a", "b"]));
    expect(gen(plan, "r1").upstream.images).toEqual(["c", "a", "b"]);
  });

  it("refuses an edge into a port the node's model does not have, naming the port and the model", async () => {
    const w = workflow(
      [prompt("p1", "x"), image("a", A), image("b", B), i2v("v1", { prompt: "x" })],
      ["a.image>v1.image", "b.image>v1.end_image"],
    );
    const errors = await planErrors(w);
    expect(errors).toEqual([
      'Connection b-v1-end_image: Image-to-Video v1 has no input "end_image" with Sora 2 (fal-ai/sora-2/image-to-video): choose a model that takes it, or remove the connection',
    ]);
  });

  it("refuses a second edge into a port that takes one, but not into one that takes several", async () => {
    const two = workflow([...framesGraph().nodes], [...framesGraph().edges, edge("c.image>f1.end_image", "second")]);
    expect(await planErrors(two)).toEqual([
      "Image-to-Video f1: the end_image input has 2 connections (b-f1-end_image, second); an input takes one",
    ]);
    expect((await planWorkflow(refsGraph(["a", "b", "c"]))).ok).toBe(true);
  });

  it("checks required ports as the model declares them: references need at least one image, the end frame is optional", async () => {
    const none = workflow([prompt("p1", "x"), i2v("r1", {}, REFS)], ["p1.text>r1.prompt"]);
    expect(await planErrors(none)).toEqual([
      "Image-to-Video r1 needs at least one image: connect Image nodes to its reference images input",
    ]);
    const noEnd = workflow(
      [prompt("p1", "x"), image("a", A), i2v("f1", {}, FRAMES)],
      ["p1.text>f1.prompt", "a.image>f1.image"],
    );
    expect(gen(await planOk(noEnd), "f1").upstream).toEqual({ prompt: ["p1"], image: ["a"] });
    const noFirst = workflow(
      [prompt("p1", "x"), image("b", B), i2v("f1", {}, FRAMES)],
      ["p1.text>f1.prompt", "b.image>f1.end_image"],
    );
    expect(await planErrors(noFirst)).toEqual([
      "Image-to-Video f1 needs an image: connect an Image node to its image input",
    ]);
  });

  it("refuses a video into a reference image port, by type", async () => {
    const w = workflow(
      [...refsGraph(["a"]).nodes, t2v("v9", { prompt: "x" })],
      [...refsGraph(["a"]).edges, edge("v9.video>r1.images")],
    );
    expect(await planErrors(w)).toEqual([
      "Connection v9-r1-images: Text-to-Video v9 gives a video, but the images input of Image-to-Video r1 takes an image",
    ]);
  });
});

describe("cache keys with declared ports", () => {
  it("are unchanged for curated nodes (recorded before ports could take several)", async () => {
    // Recorded at commit 66e3936, before this change: existing caches must keep matching.
    const plan = await planOk(
      workflow(
        [
          prompt("p1", "A cat on a skateboard"),
          t2v("v1", { duration: 4, aspect_ratio: "16:9" }),
          remix("r1", { prompt: "make it purple" }),
          image("i1", PNG_1X1),
          i2v("v3", { prompt: "typed" }),
        ],
        ["p1.text>v1.prompt", "v1.video>r1.video", "i1.image>v3.image"],
      ),
    );
    expect(keyOf(plan, "v1")).toBe("abe2897cb00af571984b396af7e91a1ca610500f11c963043a1789b5da2dc63d");
    expect(keyOf(plan, "r1")).toBe("73a7c115bac7d2a3445e8c36aa0989a37799facc91b7ac67bc159e15065f5c40");
    expect(keyOf(plan, "v3")).toBe("b3c94c9a4eccd66d9a79ecfc0841cce1555e3ef85b0e17f295aa61d73a23872e");
  });

  it("change with the end frame, and with its presence", async () => {
    const withB = keyOf(await planOk(framesGraph("b")), "f1");
    const withC = keyOf(await planOk(framesGraph("c")), "f1");
    const none = workflow(framesGraph().nodes, ["p1.text>f1.prompt", "a.image>f1.image"]);
    const without = keyOf(await planOk(none), "f1");
    expect(new Set([withB, withC, without]).size).toBe(3);
    // The same picture as first and as last frame is another request than as first frame only.
    const same = keyOf(await planOk(framesGraph("a")), "f1");
    expect([withB, withC, without]).not.toContain(same);
  });

  it("change when reference images are reordered, added or removed, and not otherwise", async () => {
    const abc = keyOf(await planOk(refsGraph(["a", "b", "c"])), "r1");
    expect(keyOf(await planOk(refsGraph(["a", "b", "c"])), "r1")).toBe(abc);
    const keys = await Promise.all(
      [
        ["b", "a", "c"],
        ["a", "b"],
        ["a", "b", "c", "c"],
      ].map(async (o) => keyOf(await planOk(refsGraph(o)), "r1")),
    );
    expect(new Set([abc, ...keys]).size).toBe(4);
  });
});

describe("execute: declared ports reach buildInput", () => {
  it("hands the end frame and the reference images (in edge order) to the model; local bytes are uploaded once", async () => {
    const { ports, client } = memoryPorts();
    const w = workflow(
      [
        prompt("p1", "a door opens"),
        image("local", PNG_1X1),
        image("again", PNG_1X1), // the same bytes in another node
        image("b", B),
        i2v("f1", {}, FRAMES),
        i2v("r1", {}, REFS),
      ],
      [
        "p1.text>f1.prompt",
        "local.image>f1.image",
        "b.image>f1.end_image",
        "p1.text>r1.prompt",
        "b.image>r1.images",
        "again.image>r1.images",
        "local.image>r1.images",
      ],
    );
    const plan = await planOk(w);
    const rec = new Recorder();
    const summary = await execute(plan, ports, { onEvent: rec.onEvent });
    expect(summary.ok).toBe(true);
    expect(client.uploads).toHaveLength(1);
    const uploaded = "https://fake.fal.media/uploads/1";
    const bodies = Object.fromEntries(client.submits.map((s) => [s.endpoint, s.input]));
    expect(bodies[FRAMES]).toEqual({ prompt: "a door opens", image_url: uploaded, end_image_url: B, duration: "5" });
    expect(bodies[REFS]).toEqual({ prompt: "a door opens", image_urls: [B, uploaded, uploaded], duration: "5" });
  });

  it("skips a node when one of its reference images fails, naming the failed source", async () => {
    const { ports, client } = memoryPorts();
    client.upload = async () => {
      throw new Error("storage refused it");
    };
    const w = workflow(
      [prompt("p1", "x"), image("a", A), image("local", PNG_1X1), i2v("r1", {}, REFS)],
      ["p1.text>r1.prompt", "a.image>r1.images", "local.image>r1.images"],
    );
    const rec = new Recorder();
    await execute(await planOk(w), ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toMatchObject({ local: "failed", r1: "skipped" });
    expect(rec.of("skipped")).toMatchObject([{ nodeId: "r1", because: "local" }]);
    expect(client.submits).toEqual([]);
  });
});

describe("takes and lineage cover every input", () => {
  it("records both frames and every reference image, in order, with their keys", async () => {
    const plan = await planOk(
      workflow(
        [...framesGraph().nodes, i2v("r1", {}, REFS)],
        [...framesGraph().edges, edge("p1.text>r1.prompt"), edge("c.image>r1.images"), edge("a.image>r1.images")],
      ),
    );
    const take = (id: string) =>
      takeFromResult({
        workflowId: workflowId("wf"),
        plan,
        runNodeId: nodeId(id),
        result: { requestId: requestId("req-1") },
        paid: true,
        now: new Date("2026-12-06T00:00:00Z"),
      });
    const inputsOf = (id: string) => take(id).inputs.map((i) => [i.port, i.nodeId, i.key]);
    expect(inputsOf("f1")).toEqual([
      ["prompt", "p1", keyOf(plan, "p1")],
      ["image", "a", keyOf(plan, "a")],
      ["end_image", "b", keyOf(plan, "b")],
    ]);
    expect(inputsOf("r1")).toEqual([
      ["prompt", "p1", keyOf(plan, "p1")],
      ["images", "c", keyOf(plan, "c")],
      ["images", "a", keyOf(plan, "a")],
    ]);
    const steps = await lineageOf(take("r1"), async () => undefined);
    expect(steps.map((s) => (s.kind === "source" ? `${s.port}:${s.input.nodeId}` : s.kind))).toEqual([
      "take",
      "prompt:p1",
      "images:c",
      "images:a",
    ]);
  });
});
