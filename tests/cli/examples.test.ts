import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeFal, type FakeFal } from "../fake-fal/server";
import { REPO, runCli, scratch } from "./cli-harness";

// Every shipped example runs with `npx reelflow run public/examples/<file>` from the repo root,
// exactly as the README tells people to, against the fake fal standing in for their proxy.
const index = JSON.parse(readFileSync(join(REPO, "public", "examples", "index.json"), "utf8")) as {
  examples: { file: string; title: string }[];
};

let fake: FakeFal;
let box: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  fake = await startFakeFal({ switches: { queueMs: 50, runMs: 100 } });
  box = await scratch();
});
afterAll(async () => {
  await fake.close();
  await box.cleanup();
});

describe("npx reelflow run on every example in public/examples", () => {
  it("lists at least the four examples issue 3 asks for", () => {
    expect(index.examples.length).toBeGreaterThanOrEqual(4);
  });

  for (const ex of index.examples) {
    it(`runs ${ex.file} (${ex.title}) and then serves it from the cache`, async () => {
      const doc = JSON.parse(readFileSync(join(REPO, "public", "examples", ex.file), "utf8")) as {
        nodes: { id: string; type: string }[];
      };
      const generations = doc.nodes
        .filter((n) => ["text-to-video", "image-to-video", "remix", "text-to-image", "image-edit"].includes(n.type))
        .map((n) => n.id)
        .sort();
      const cacheDir = join(box.dir, ex.file);
      const cmd = ["run", `public/examples/${ex.file}`, "--proxy", fake.url, "--cache-dir", cacheDir, "--json"];
      const before = fake.submittedCount();

      // `npx reelflow` itself is proven on the first example; the rest go straight to the bin,
      // since npx adds seconds of start-up per call on a small CI machine.
      const r = await runCli(cmd, { cwd: REPO, viaNpx: ex === index.examples[0] });
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const rep = JSON.parse(r.stdout) as {
        ok: boolean;
        nodes: Record<string, { status: string; output?: { file?: string } }>;
        totals: { submitted: number };
      };
      expect(rep.ok).toBe(true);
      expect(Object.keys(rep.nodes).sort()).toEqual(generations);
      for (const n of Object.values(rep.nodes)) {
        expect(n.status).toBe("succeeded");
        expect(n.output?.file).toContain(cacheDir);
      }
      expect(fake.submittedCount() - before).toBe(generations.length);
      expect(rep.totals.submitted).toBe(generations.length);

      // The cached rerun goes straight to the bin too.
      const again = await runCli(cmd, { cwd: REPO });
      expect(again.code).toBe(0);
      expect(Object.values((JSON.parse(again.stdout) as typeof rep).nodes).every((n) => n.status === "cached")).toBe(
        true,
      );
      expect(fake.submittedCount() - before).toBe(generations.length);
    }, 180_000);
  }
});
