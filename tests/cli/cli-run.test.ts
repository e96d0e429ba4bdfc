import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness";
import { fakeFalCli } from "./fake-fal-cli";
import { edge, gen, I2V, prompt, REMIX, single, T2V, T2V_PRO, twoBranches, workflow } from "./workflows";

// The real CLI in a child process, the real @fal-ai/client inside it, the fake fal as its proxy.
const TINY_MP4 = readFileSync(join(import.meta.dirname, "..", "fixtures", "media", "tiny.mp4"));
const SLOW = 120_000;

const t = fakeFalCli({ switches: { queueMs: 50, runMs: 100 } });

const { run } = t;
const report = (stdout: string) =>
  JSON.parse(stdout) as {
    ok: boolean;
    nodes: Record<
      string,
      {
        status: string;
        endpoint?: string;
        requestId?: string;
        costUsd?: number;
        output?: { video?: { url: string; video_id: string | null }; file?: string };
        error?: string;
      }
    >;
    totals: {
      submitted: number;
      cached: number;
      failed: number;
      estimatedCostUsd: number;
      unknownPriceNodes: string[];
    };
    errors?: string[];
  };
const spendRows = () => {
  const path = join(t.box.cacheDir, "spend-ledger.csv");
  return existsSync(path)
    ? readFileSync(path, "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(","))
    : [];
};

describe("reelflow run, against the fake fal", () => {
  it(
    "runs a workflow, prints each node as it changes, and keeps the video in the cache dir",
    async () => {
      await t.box.file("one.reelflow.json", single());
      // No --cache-dir: the default .reelflow/cache under the current directory.
      // A FAL_KEY in the environment stays home when a proxy is given: the proxy holds the key.
      const secret = "fal-key-that-must-not-leave";
      const r = await runCli(["run", "one.reelflow.json", "--proxy", t.fake.url], {
        cwd: t.box.dir,
        env: { FAL_KEY: secret },
      });
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      expect(t.fake.submittedCount(T2V)).toBe(1);
      const job = t.fake.jobs[0]!;
      expect(r.stdout).toMatch(new RegExp(`^v +queued`, "m"));
      expect(r.stdout).toMatch(new RegExp(`^v +submitted +${T2V} +request ${job.requestId}$`, "m"));
      expect(r.stdout).toMatch(/^v +running/m);
      const path = /^v +succeeded +(\S+\.mp4) +\(\$0\.40\)$/m.exec(r.stdout)?.[1];
      expect(path?.startsWith(join(".reelflow", "cache", "results"))).toBe(true);
      expect(readFileSync(join(t.box.dir, path!)).equals(TINY_MP4)).toBe(true);
      expect(r.stdout).toMatch(/Paid \(estimated\): \$0\.40 for 1 job\(s\) sent/);
      expect(t.fake.requests.length).toBeGreaterThan(0);
      expect(JSON.stringify(t.fake.requests.map((q) => q.headers))).not.toContain(secret);
    },
    SLOW,
  );

  it(
    "submits nothing on a second run of the same file, in a new process",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      expect((await run(file)).code).toBe(0);
      const submits = t.fake.requestsOf("submit").length;
      expect(submits).toBe(3);

      const again = await run(file, "--json");
      expect(again.code).toBe(0);
      expect(t.fake.requestsOf("submit")).toHaveLength(submits);
      const rep = report(again.stdout);
      expect(Object.values(rep.nodes).map((n) => n.status)).toEqual(["cached", "cached", "cached"]);
      expect(rep.totals).toEqual({ submitted: 0, cached: 3, failed: 0, estimatedCostUsd: 0, unknownPriceNodes: [] });
      // Cached nodes still point at their local videos.
      for (const n of Object.values(rep.nodes)) expect(readFileSync(n.output!.file!).equals(TINY_MP4)).toBe(true);
    },
    SLOW,
  );

  it(
    "prints one JSON report in the documented shape with --json",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      const r = await run(file, "--json");
      expect(r.code).toBe(0);
      const rep = report(r.stdout); // the whole of stdout is one JSON document
      expect(Object.keys(rep).sort()).toEqual(["nodes", "ok", "totals"]);
      expect(rep.ok).toBe(true);
      expect(Object.keys(rep.nodes).sort()).toEqual(["a", "b", "r"]);
      const byEndpoint = new Map(t.fake.jobs.map((j) => [j.endpoint, j]));
      for (const [id, n] of Object.entries(rep.nodes)) {
        expect(Object.keys(n).sort(), id).toEqual(["costUsd", "endpoint", "output", "requestId", "status"]);
        const job = byEndpoint.get(n.endpoint!)!;
        expect(n.status).toBe("succeeded");
        expect(n.requestId).toBe(job.requestId);
        expect(n.output!.video!.video_id).toBe(job.videoId);
        expect(n.output!.video!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.mp4$/);
        expect(existsSync(n.output!.file!)).toBe(true);
      }
      expect(rep.nodes.a!.endpoint).toBe(T2V);
      expect(rep.nodes.r!.endpoint).toBe(REMIX);
      expect(rep.nodes.b!.endpoint).toBe(T2V_PRO);
      // Issue 3 prices: standard $0.10/s, pro 720p $0.30/s, remix priced as standard for its 4 s source.
      expect([rep.nodes.a!.costUsd, rep.nodes.r!.costUsd, rep.nodes.b!.costUsd]).toEqual([0.4, 0.4, 1.2]);
      expect(rep.totals).toEqual({ submitted: 3, cached: 0, failed: 0, estimatedCostUsd: 2, unknownPriceNodes: [] });
      expect(r.stdout.trim().startsWith("{")).toBe(true);
    },
    SLOW,
  );

  it(
    "runs independent branches at once, up to --concurrency",
    async () => {
      // Long enough jobs that a and b overlap even on a loaded machine.
      t.fake.set({ queueMs: 1500, runMs: 100 });
      const file = await t.box.file("two.reelflow.json", twoBranches());
      expect((await run(file)).code).toBe(0);
      expect(t.fake.maxConcurrent()).toBe(2);

      t.fake.reset();
      t.fake.set({ queueMs: 300, runMs: 100 });
      await writeFile(file, JSON.stringify(twoBranches({ aPrompt: "A fox" })));
      expect((await run(file, "--concurrency", "1")).code).toBe(0);
      expect(t.fake.submittedCount()).toBe(3);
      expect(t.fake.maxConcurrent()).toBe(1);
    },
    SLOW,
  );

  it(
    "re-runs exactly the changed node and its descendants",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      expect((await run(file)).code).toBe(0);
      const before = t.fake.jobs.length;

      await writeFile(file, JSON.stringify(twoBranches({ aPrompt: "A dog on a skateboard" })));
      // p's text feeds a and b: both re-run, and r below a. Nothing is cached.
      const changedPrompt = report((await run(file, "--json")).stdout);
      expect(Object.fromEntries(Object.entries(changedPrompt.nodes).map(([k, v]) => [k, v.status]))).toEqual({
        a: "succeeded",
        r: "succeeded",
        b: "succeeded",
      });

      const mid = t.fake.jobs.length;
      expect(mid - before).toBe(3);
      await writeFile(file, JSON.stringify(twoBranches({ aPrompt: "A dog on a skateboard", rPrompt: "make it gold" })));
      const changedRemix = await run(file, "--json");
      expect(changedRemix.code).toBe(0);
      const rep = report(changedRemix.stdout);
      expect(Object.fromEntries(Object.entries(rep.nodes).map(([k, v]) => [k, v.status]))).toEqual({
        a: "cached",
        r: "succeeded",
        b: "cached",
      });
      const fresh = t.fake.jobs.slice(mid);
      expect(fresh.map((j) => j.endpoint)).toEqual([REMIX]);
      // The remix used the cached video of a, by its Sora video id.
      expect(fresh[0]!.input.video_id).toBe(rep.nodes.a!.output!.video!.video_id);
      expect(fresh[0]!.input.prompt).toBe("make it gold");
    },
    SLOW,
  );

  it(
    "sends nothing with --dry-run and lists what would be paid or come from the cache",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      // A dry run needs no way to reach fal: no --proxy, no FAL_KEY.
      const dry = await runCli(["run", file, "--cache-dir", t.box.cacheDir, "--dry-run"], { cwd: t.box.dir });
      expect(dry.code).toBe(0);
      expect(t.fake.requests).toHaveLength(0);
      expect(dry.stdout).toMatch(/^a +planned +fal-ai\/sora-2\/text-to-video +\$0\.40/m);
      expect(dry.stdout).toMatch(/^b +planned +fal-ai\/sora-2\/text-to-video\/pro +\$1\.20/m);
      expect(dry.stdout).toMatch(/Would pay \$2\.00\./);

      const json = report((await run(file, "--dry-run", "--json")).stdout);
      expect(t.fake.requests).toHaveLength(0);
      expect(Object.values(json.nodes).map((n) => n.status)).toEqual(["planned", "planned", "planned"]);
      expect(json.totals.estimatedCostUsd).toBe(2);

      // After b alone has run (its own file), a dry run of the whole shows it cached and bills the rest.
      const onlyB = workflow(
        "Two branches",
        [prompt("p", "A cat on a skateboard"), gen("b", "text-to-video", T2V_PRO, { duration: 4, resolution: "720p" })],
        [edge("p", "text", "b", "prompt")],
      );
      expect((await run(await t.box.file("b.reelflow.json", onlyB))).code).toBe(0);
      const sent = t.fake.requests.length;
      const partly = report((await run(file, "--dry-run", "--json")).stdout);
      expect(t.fake.requests).toHaveLength(sent);
      expect(Object.fromEntries(Object.entries(partly.nodes).map(([k, v]) => [k, v.status]))).toEqual({
        a: "planned",
        r: "planned",
        b: "cached",
      });
      expect(partly.totals.estimatedCostUsd).toBe(0.8);
    },
    SLOW,
  );

  it(
    "refuses to start over --budget (exit 3, nothing sent) and runs within it",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      const over = await run(file, "--budget", "1.99");
      expect(over.code).toBe(3);
      expect(over.stderr).toMatch(/estimated cost \$2\.00 exceeds --budget \$1\.99/);
      expect(over.stderr).toMatch(/nothing was sent/);
      expect(t.fake.requests).toHaveLength(0);

      expect((await run(file, "--budget", "2")).code).toBe(0);
      expect(t.fake.submittedCount()).toBe(3);
      // Everything cached now: the run costs nothing and fits any budget.
      expect((await run(file, "--budget", "0")).code).toBe(0);
      expect(t.fake.submittedCount()).toBe(3);
    },
    SLOW,
  );

  it(
    "explains itself with --help (exit 0) and names the exit codes",
    async () => {
      const r = await runCli(["--help"], { cwd: t.box.dir });
      expect(r.code).toBe(0);
      for (const opt of [
        "--proxy",
        "--cache-dir",
        "--concurrency",
        "--dry-run",
        "--budget",
        "--json",
        "--resubmit",
        "--new-take",
        "--allow-unknown-price",
        "--category",
      ])
        expect(r.stdout).toContain(opt);
      expect(r.stdout).toMatch(/^ +reelflow models \[query\]/m);
      expect(r.stdout).toMatch(
        /0 all succeeded or cached, 1 some node failed, 2 invalid file or arguments,\s+3 over budget, or a price unknown and not allowed/,
      );
      expect(t.fake.requests).toHaveLength(0);
    },
    SLOW,
  );

  it(
    "exits 2 without a proxy or FAL_KEY and says how to fix it",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      const r = await runCli(["run", file, "--cache-dir", t.box.cacheDir], { cwd: t.box.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--proxy <url>/);
      expect(r.stderr).toMatch(/FAL_KEY/);
      expect(r.stdout).toBe("");
    },
    SLOW,
  );

  it(
    "exits 2 on an invalid workflow, naming every problem by node, and sends nothing",
    async () => {
      const bad = workflow(
        "Broken",
        [
          prompt("p", "A cat"),
          gen("tooLong", "text-to-video", T2V, { duration: 5 }),
          gen("noVideo", "remix", REMIX, { prompt: "purple" }),
          gen("noPrompt", "text-to-video", T2V, {}),
        ],
        [edge("p", "text", "tooLong", "prompt")],
      );
      const file = await t.box.file("bad.reelflow.json", bad);
      const r = await run(file);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot run; nothing was sent/);
      for (const id of ["tooLong", "noVideo", "noPrompt"])
        expect(r.stderr).toMatch(new RegExp(`^  - .*\\b${id}\\b`, "m"));
      expect(r.stderr).toMatch(/duration/);
      expect(t.fake.requests).toHaveLength(0);

      const json = await run(file, "--json");
      expect(json.code).toBe(2);
      const rep = report(json.stdout);
      expect(rep.ok).toBe(false);
      expect(rep.errors!.length).toBeGreaterThanOrEqual(3);
    },
    SLOW,
  );

  it(
    "exits 2 on a file that is not a workflow, a missing file and bad arguments",
    async () => {
      const notJson = await t.box.file("x.reelflow.json", "{ nope");
      const r1 = await run(notJson);
      expect(r1.code).toBe(2);
      expect(r1.stderr).toMatch(/x\.reelflow\.json is not a valid Reelflow workflow/);

      const r2 = await run(join(t.box.dir, "missing.reelflow.json"));
      expect(r2.code).toBe(2);
      expect(r2.stderr).toMatch(/cannot read .*missing\.reelflow\.json: no such file/);

      const r3 = await runCli(["run", notJson, "--concurrency", "many", "--bogus"], { cwd: t.box.dir });
      expect(r3.code).toBe(2);
      expect(r3.stderr).toMatch(/--bogus/);
      expect(r3.stderr).toMatch(/reelflow --help/);
      expect(t.fake.requests).toHaveLength(0);
    },
    SLOW,
  );

  it(
    "exits 1 when one branch fails, after the other branch succeeded",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      expect((await run(file)).code).toBe(0);
      // fal forgets every video it made (as when Sora videos expire): remixing a's cached video now fails with 422.
      t.fake.reset();
      t.fake.set({ queueMs: 50, runMs: 100 });
      const doc = twoBranches({ rPrompt: "make it gold", bDuration: 8 });
      doc.nodes.push(gen("r2", "remix", REMIX, { prompt: "and sparkly" }));
      doc.edges.push(edge("r", "video", "r2", "video"));
      await writeFile(file, JSON.stringify(doc));

      const r = await run(file, "--json");
      expect(r.code).toBe(1);
      const rep = report(r.stdout);
      expect(rep.ok).toBe(false);
      expect(rep.nodes.a!.status).toBe("cached");
      expect(rep.nodes.b!.status).toBe("succeeded");
      expect(rep.nodes.r!.status).toBe("failed");
      expect(rep.nodes.r!.error).toMatch(/video_id/);
      expect(rep.nodes.r!.error).toMatch(/not found/i);
      expect(rep.nodes.r2!.status).toBe("skipped");
      expect(rep.totals).toMatchObject({ submitted: 1, cached: 1, failed: 1 });
      expect(t.fake.jobs.map((j) => j.endpoint)).toEqual([T2V_PRO]);

      const human = await run(file);
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(/^r +failed +.*video_id/m);
      expect(human.stdout).toMatch(/^r2 +skipped +because r did not produce a result/m);
      expect(human.stdout).toMatch(/^b +cached/m);
    },
    SLOW,
  );

  it(
    "uploads a data: image once and reuses its fal URL in later runs",
    async () => {
      const png = readFileSync(join(import.meta.dirname, "..", "fixtures", "media", "tiny.png"));
      const doc = (duration: number) =>
        workflow(
          "Animate",
          [
            {
              id: "img",
              type: "image",
              position: { x: 0, y: 0 },
              data: { url: `data:image/png;base64,${png.toString("base64")}` },
            },
            gen("i", "image-to-video", I2V, { prompt: "It starts to rain", duration }),
          ],
          [edge("img", "image", "i", "image")],
        );
      const file = await t.box.file("i2v.reelflow.json", doc(4));
      expect((await run(file)).code).toBe(0);
      expect(t.fake.requestsOf("upload")).toHaveLength(1);
      const imageUrl = t.fake.jobs[0]!.input.image_url;
      expect(imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(Buffer.from(await (await fetch(String(imageUrl))).arrayBuffer()).equals(png)).toBe(true);

      await writeFile(file, JSON.stringify(doc(8)));
      expect((await run(file)).code).toBe(0);
      expect(t.fake.submittedCount(I2V)).toBe(2);
      expect(t.fake.requestsOf("upload")).toHaveLength(1); // remembered on disk by content hash
      expect(t.fake.jobs[1]!.input.image_url).toBe(imageUrl);
    },
    SLOW,
  );

  it(
    "appends every submitted job to the spend ledger in the cache dir",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      expect((await run(file)).code).toBe(0);
      expect((await run(file)).code).toBe(0); // all cached: no new rows
      const rows = spendRows();
      expect(rows).toHaveLength(3);
      const byNode = new Map(rows.map((r) => [r[2], r]));
      expect(byNode.get("b")).toEqual([
        expect.any(String),
        "Two branches",
        "b",
        T2V_PRO,
        "4",
        "1.2000",
        "succeeded",
        t.fake.jobs.find((j) => j.endpoint === T2V_PRO)!.requestId,
        expect.any(String),
        "cli",
      ]);
      expect(rows.map((r) => r[6])).toEqual(["succeeded", "succeeded", "succeeded"]);
    },
    SLOW,
  );
});
