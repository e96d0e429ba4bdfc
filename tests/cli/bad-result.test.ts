import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness";
import { fakeFalCli } from "./fake-fal-cli";
import { gen, workflow } from "./workflows";

// The real CLI (a child process) runs a model read from the fake fal's live catalogue, and fal completes the job
// with a result that has no `video` (the fake's `badResultNext`): exit 1, the `--json` report gives the node's
// error and the raw result, and the job's file in the cache dir's ledger keeps it.

const SLOW = 120_000;
const WAN = "fal-ai/wan/v2.7/text-to-video";

const t = fakeFalCli({ switches: { queueMs: 20, runMs: 50 } });

interface ReportNode {
  status: string;
  error?: string;
  rawResult?: unknown;
  requestId?: string;
}

describe("reelflow run --json, when fal's result cannot be read", () => {
  it(
    "reports the node failed with its raw result, kept in the job ledger's file",
    async () => {
      t.fake.set({ badResultNext: 1 });
      const wan = workflow("Wan", [gen("w", "text-to-video", WAN, { prompt: "A fox" })], []);
      const file = await t.box.file("wan.reelflow.json", wan);
      const r = await runCli(["run", file, "--proxy", t.fake.url, "--json", "--cache-dir", t.box.cacheDir], {
        cwd: t.box.dir,
      });
      expect(r.code).toBe(1);
      const node = (JSON.parse(r.stdout) as { nodes: Record<string, ReportNode> }).nodes.w;
      expect(node?.status).toBe("failed");
      expect(node?.error).toMatch(/result is unusable: .*The raw result is kept in the job ledger\.$/);
      const raw = { videos: [expect.objectContaining({ url: expect.stringMatching(/\/media\/video_/) })], seed: 42 };
      expect(node?.rawResult).toEqual(raw);
      expect(t.fake.submittedCount(WAN)).toBe(1);

      const jobsDir = join(t.box.cacheDir, "jobs");
      const [name, ...others] = (await readdir(jobsDir)).filter((n) => n.endsWith(".json"));
      expect(others).toEqual([]);
      const row = JSON.parse(await readFile(join(jobsDir, name ?? ""), "utf8")) as Record<string, unknown>;
      expect(row).toMatchObject({ endpoint: WAN, state: "failed", error: node?.error, rawResult: raw });
    },
    SLOW,
  );
});
