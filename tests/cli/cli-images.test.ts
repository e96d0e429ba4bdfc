import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeFalCli } from "./fake-fal-cli";
import { edge, gen, I2V, prompt, workflow } from "./workflows";

// Issue 19: `reelflow run` of a prompt → image → image-to-video chain, the real CLI and client against the fake fal:
// the image node's images are kept in the cache dir and the report lists them; a second run sends nothing.
const TINY_PNG = readFileSync(join(import.meta.dirname, "..", "fixtures", "media", "tiny.png"));
const SLOW = 120_000;
const FLUX = "fal-ai/flux/dev";

const t = fakeFalCli({ switches: { queueMs: 0, runMs: 50 } });

interface ReportNode {
  status: string;
  output?: { images?: { url: string }[]; video?: { url: string }; file?: string };
}

const keyFrameChain = () =>
  workflow(
    "key frame",
    [
      prompt("p", "A lighthouse at dusk, painted in gouache"),
      gen("k", "text-to-image", FLUX, { num_images: 2 }),
      gen("v", "image-to-video", I2V, { prompt: "the camera slowly pushes in", duration: 4 }),
    ],
    [edge("p", "text", "k", "prompt"), edge("k", "image", "v", "image")],
  );

describe("reelflow run with an image node", () => {
  it(
    "makes the images in one job, keeps them in the cache dir, animates the first, and a rerun sends nothing",
    async () => {
      const file = await t.box.file("keyframe.reelflow.json", keyFrameChain());
      const first = await t.run(file, "--json");
      expect(first.code).toBe(0);
      const nodes = (JSON.parse(first.stdout) as { nodes: Record<string, ReportNode> }).nodes;
      expect(nodes.k?.status).toBe("succeeded");
      expect(nodes.k?.output?.images).toHaveLength(2);
      expect(readFileSync(nodes.k?.output?.file ?? "").equals(TINY_PNG)).toBe(true);
      expect(t.fake.submittedCount(FLUX)).toBe(1);
      expect(t.fake.submittedCount(I2V)).toBe(1);
      const i2v = t.fake.requestsOf("submit").find((r) => r.endpoint === I2V);
      expect((i2v?.body as { image_url?: string }).image_url).toBe(nodes.k?.output?.images?.[0]?.url);

      const again = await t.run(file, "--json");
      expect(again.code).toBe(0);
      const statuses = (JSON.parse(again.stdout) as { nodes: Record<string, ReportNode> }).nodes;
      expect([statuses.k?.status, statuses.v?.status]).toEqual(["cached", "cached"]);
      expect(t.fake.requestsOf("submit")).toHaveLength(2);
    },
    SLOW,
  );
});
