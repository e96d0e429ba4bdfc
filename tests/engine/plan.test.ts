import { describe, expect, it } from "vitest";
import { nodeId } from "../../src/domain/ids";
import { planWorkflow } from "../../src/engine/plan";
import {
  edge,
  gen,
  i2v,
  image,
  planErrors,
  planOk,
  PNG_1X1,
  prompt,
  remix,
  t2v,
  video,
  workflow,
} from "./helpers/workflow";

describe("planWorkflow: refusals", () => {
  it("names a cycle with its nodes in edge order, starting at the first node in the file", async () => {
    const w = workflow(
      [remix("r1", { prompt: "a" }), remix("r2", { prompt: "b" })],
      ["r1.video>r2.video", "r2.video>r1.video"],
    );
    expect(await planErrors(w)).toEqual(["Cycle: r1 → r2 → r1"]);
  });

  it("names a longer cycle and still checks the rest of the graph", async () => {
    const w = workflow(
      [t2v("v0"), remix("r1", { prompt: "a" }), remix("r2", { prompt: "b" }), remix("r3", { prompt: "c" })],
      ["r3.video>r1.video", "r1.video>r2.video", "r2.video>r3.video"],
    );
    const errors = await planErrors(w);
    expect(errors).toContain("Cycle: r1 → r2 → r3 → r1");
    expect(errors).toContain("Text-to-Video v0 needs a prompt: connect a Prompt node or type one");
  });

  it("asks for a prompt when the prompt port has no edge and nothing was typed", async () => {
    expect(await planErrors(workflow([t2v("v1")], []))).toEqual([
      "Text-to-Video v1 needs a prompt: connect a Prompt node or type one",
    ]);
    expect(await planErrors(workflow([t2v("v1", { prompt: "   " })], []))).toEqual([
      "Text-to-Video v1 needs a prompt: connect a Prompt node or type one",
    ]);
  });

  it("takes a typed prompt when the port has no edge", async () => {
    const plan = await planOk(workflow([t2v("v1", { prompt: "a cat" })], []));
    expect(gen(plan, "v1").typed).toEqual({ prompt: "a cat" });
    // The typed prompt is not a param of the model: effective params hold only declared ones.
    expect(gen(plan, "v1").params).toEqual({ resolution: "720p", aspect_ratio: "16:9", duration: 4 });
  });

  it("refuses a connection between ports of different types, naming both ends", async () => {
    const w = workflow([prompt("p1", "a cat"), i2v("v2", { prompt: "x" })], ["p1.text>v2.image"]);
    const errors = await planErrors(w);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/p1-v2-image/);
    expect(errors[0]).toMatch(/Prompt p1 gives text, but the image input of Image-to-Video v2 takes an image/);
  });

  it("refuses ports that do not exist and edges to missing nodes", async () => {
    const w = workflow(
      [prompt("p1", "a"), t2v("v1")],
      ["p1.text>v1.negative", "p1.text>ghost.prompt", "p1.text>v1.prompt"],
    );
    const errors = await planErrors(w);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Text-to-Video v1 has no input "negative"/),
        expect.stringMatching(/does not exist \("ghost"\)/),
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it("refuses two edges into one input", async () => {
    const w = workflow([prompt("p1", "a"), prompt("p2", "b"), t2v("v1")], ["p1.text>v1.prompt", "p2.text>v1.prompt"]);
    const [msg, ...rest] = await planErrors(w);
    expect(rest).toEqual([]);
    expect(msg).toMatch(
      /Text-to-Video v1: the prompt input has 2 connections \(p1-v1-prompt, p2-v1-prompt\); an input takes one/,
    );
  });

  it("refuses a param outside its enum with the node, the field and fal's words", async () => {
    const errors = await planErrors(workflow([t2v("v1", { prompt: "a", duration: 5 })], []));
    expect(errors).toEqual(["Text-to-Video v1: duration: Input should be 4, 8 or 12"]);
    const pro = await planErrors(
      workflow([t2v("v2", { prompt: "a", resolution: "4k" }, "fal-ai/sora-2/text-to-video/pro")], []),
    );
    expect(pro).toEqual(["Text-to-Video v2: resolution: Input should be '720p' or '1080p'"]);
  });

  it("refuses an unknown endpoint and an endpoint of another node kind", async () => {
    const errors = await planErrors(
      workflow(
        [t2v("v1", { prompt: "a" }, "fal-ai/nope"), t2v("v2", { prompt: "a" }, "fal-ai/sora-2/image-to-video")],
        [],
      ),
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^Text-to-Video v1: unknown model "fal-ai\/nope"/);
    expect(errors[1]).toMatch(
      /^Text-to-Video v2: .*fal-ai\/sora-2\/image-to-video.*cannot run in a Text-to-Video node/,
    );
  });

  it("refuses a Sora remix fed by an uploaded video", async () => {
    const w = workflow(
      [video("m1", "https://example.com/clip.mp4"), remix("r1", { prompt: "purple" })],
      ["m1.video>r1.video"],
    );
    expect(await planErrors(w)).toEqual([
      "Remix r1: Remix needs a video made by Sora 2, but Video m1 is an uploaded video",
    ]);
  });

  it("refuses a Sora remix fed by another model's video, and lets an edit model take any video", async () => {
    const veo = workflow(
      [t2v("v1", { prompt: "a" }, "fal-ai/veo3.1/fast"), remix("r1", { prompt: "purple" })],
      ["v1.video>r1.video"],
    );
    expect(await planErrors(veo)).toEqual([
      "Remix r1: Remix needs a video made by Sora 2, but Text-to-Video v1 uses Veo 3.1 Fast",
    ]);

    const kling = workflow(
      [
        video("m1", "https://example.com/clip.mp4"),
        remix("k1", { prompt: "make it night" }, "fal-ai/kling-video/o3/pro/video-to-video/edit"),
      ],
      ["m1.video>k1.video"],
    );
    const plan = await planOk(kling);
    expect(gen(plan, "k1").feedsRemix).toBe(false);
    // Priced per second of a source whose length is unknown before running: a ceiling.
    expect(gen(plan, "k1").price.upperBound).toBe(true);
  });

  it("refuses an empty prompt node and an image node without an image", async () => {
    const w = workflow([prompt("p1", ""), image("i1", ""), i2v("v1")], ["p1.text>v1.prompt", "i1.image>v1.image"]);
    expect(await planErrors(w)).toEqual([
      "Prompt p1 is empty: type a prompt",
      "Image i1 has no image: choose a file or paste a URL",
    ]);
  });

  it("reports every problem at once", async () => {
    const w = workflow(
      [t2v("v1"), t2v("v2", { prompt: "x", duration: 7 }), i2v("v3", { prompt: "y" }), prompt("p1", "z"), i2v("v4")],
      ["p1.text>v4.image"],
    );
    const r = await planWorkflow(w);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.nodeId)).toEqual(expect.arrayContaining(["v1", "v2", "v3", "v4"]));
    expect(r.errors.length).toBeGreaterThanOrEqual(5);
  });

  it("ignores problems outside what a targeted run needs", async () => {
    const w = workflow([t2v("v1", { prompt: "ok" }), t2v("v2")], []);
    expect((await planWorkflow(w)).ok).toBe(false);
    const plan = await planOk(w, ["v1"]);
    expect(plan.order).toEqual(["v1"]);
  });
});

describe("planWorkflow: the plan", () => {
  it("orders nodes topologically and records upstream ids per port", async () => {
    // Diamond: one prompt feeds two videos, each remixed; a shared image node feeds two i2v.
    const w = workflow(
      [
        remix("r2", { prompt: "blue" }),
        remix("r1", { prompt: "purple" }),
        t2v("v1"),
        t2v("v2", { duration: 8 }),
        prompt("p1", "a cat"),
        image("i1", PNG_1X1),
        i2v("v3"),
      ],
      [
        "p1.text>v1.prompt",
        "p1.text>v2.prompt",
        "v1.video>r1.video",
        "v2.video>r2.video",
        "i1.image>v3.image",
        "p1.text>v3.prompt",
      ],
    );
    const plan = await planOk(w);
    const pos = (id: string) => plan.order.indexOf(nodeId(id));
    for (const [a, b] of [
      ["p1", "v1"],
      ["p1", "v2"],
      ["v1", "r1"],
      ["v2", "r2"],
      ["i1", "v3"],
      ["p1", "v3"],
    ] as const) {
      expect(pos(a)).toBeLessThan(pos(b));
    }
    expect(plan.order).toHaveLength(7);
    expect(gen(plan, "r1").upstream).toEqual({ video: ["v1"] });
    expect(gen(plan, "v3").upstream).toEqual({ image: ["i1"], prompt: ["p1"] });
    expect(plan.children.get(nodeId("p1"))).toEqual(expect.arrayContaining(["v1", "v2", "v3"]));
  });

  it("marks generations feeding a Sora remix so they keep their video (delete_video: false)", async () => {
    const w = workflow(
      [prompt("p1", "a cat"), t2v("v1"), t2v("v2"), remix("r1", { prompt: "purple" })],
      ["p1.text>v1.prompt", "p1.text>v2.prompt", "v1.video>r1.video"],
    );
    const plan = await planOk(w);
    expect(gen(plan, "v1").feedsRemix).toBe(true);
    expect(gen(plan, "v2").feedsRemix).toBe(false);
    const v1 = gen(plan, "v1");
    expect(v1.adapter.buildInput(v1.params, { prompt: "a cat" }, { feedsRemix: v1.feedsRemix })).toEqual({
      prompt: "a cat",
      resolution: "720p",
      aspect_ratio: "16:9",
      duration: 4,
      delete_video: false,
    });
  });

  it("keeps feedsRemix when only the ancestor is run ('Run up to here')", async () => {
    const w = workflow([t2v("v1", { prompt: "a" }), remix("r1", { prompt: "b" })], ["v1.video>r1.video"]);
    const plan = await planOk(w, ["v1"]);
    expect(plan.order).toEqual(["v1"]);
    expect(gen(plan, "v1").feedsRemix).toBe(true);
  });

  it("prices each node, a remix by its source's duration, and sums the plan", async () => {
    const w = workflow(
      [
        t2v("v1", { prompt: "a", duration: 8 }),
        remix("r1", { prompt: "b" }),
        i2v("v2", { prompt: "c" }, "fal-ai/sora-2/image-to-video/pro"),
        image("i1", "https://example.com/a.png"),
      ],
      ["v1.video>r1.video", "i1.image>v2.image"],
    );
    const plan = await planOk(w);
    expect(gen(plan, "v1").price).toMatchObject({ usd: 0.8, upperBound: false });
    expect(gen(plan, "r1").price).toMatchObject({ usd: 0.8, upperBound: false });
    expect(gen(plan, "r1").durationSec).toBe(8);
    // i2v pro at resolution auto: priced at the highest rate it could mean (1080p, $0.50/s × 4 s).
    expect(gen(plan, "v2").price).toMatchObject({ usd: 2, upperBound: true });
    expect(plan.estimate).toEqual({ usd: 3.6, upperBound: true, unknownPriceNodes: [] });
  });

  it("restricts a targeted run to the targets and their ancestors", async () => {
    const w = workflow(
      [
        prompt("p1", "a"),
        t2v("v1"),
        remix("r1", { prompt: "b" }),
        remix("r2", { prompt: "c" }),
        t2v("v9", { prompt: "other" }),
      ],
      ["p1.text>v1.prompt", "v1.video>r1.video", "r1.video>r2.video"],
    );
    const plan = await planOk(w, ["r1"]);
    expect(plan.order).toEqual(["p1", "v1", "r1"]);
  });

  it("plans a chain of remixes with the first source's duration", async () => {
    const w = workflow(
      [t2v("v1", { prompt: "a", duration: 12 }), remix("r1", { prompt: "b" }), remix("r2", { prompt: "c" })],
      ["v1.video>r1.video", "r1.video>r2.video"],
    );
    const plan = await planOk(w);
    expect(gen(plan, "r2").price.usd).toBeCloseTo(1.2);
    expect(gen(plan, "r1").feedsRemix).toBe(true);
    expect(gen(plan, "r2").feedsRemix).toBe(false);
  });

  it("returns the edge id of a refused connection", async () => {
    const w = workflow([prompt("p1", "a"), i2v("v1", { prompt: "x" })], [edge("p1.text>v1.image", "e7")]);
    const r = await planWorkflow(w);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ edgeId: "e7", nodeId: "v1" });
  });
});
