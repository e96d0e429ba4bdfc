import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO, runCli, waitFor } from "./cli-harness";
import { fakeFalCli } from "./fake-fal-cli";
import { UNPRICED, unpricedModel } from "./unpriced-model";
import { gen, T2V, workflow } from "./workflows";

// `reelflow models` and runs of models read from fal's catalogue: the real CLI in a child process, the fake fal
// as the proxy serving fal's Model and Pricing APIs, and the bundled snapshot when it is down or not connected.

const SLOW = 120_000;
const SNAPSHOT_DATE = (
  JSON.parse(readFileSync(join(REPO, "src", "adapters", "catalogue", "fal-video-models.snapshot.json"), "utf8")) as {
    madeAt: string;
  }
).madeAt.slice(0, 10);
/** In the bundled snapshot and in the fake's catalogue, $0.10/s; no curated adapter. */
const WAN = "fal-ai/wan/v2.7/text-to-video";
/** In the bundled snapshot without a price, and in the fake's catalogue with the same schema. */
const LUMA = "fal-ai/luma-dream-machine/ray-2";

const t = fakeFalCli({ switches: { queueMs: 50, runMs: 100 }, models: [unpricedModel] });

const cli = (...args: string[]) => runCli([...args, "--cache-dir", t.box.cacheDir], { cwd: t.box.dir });
const run = (file: string, ...extra: string[]) => cli("run", file, "--proxy", t.fake.url, ...extra);
const submits = () => t.fake.requestsOf("submit").length;

interface Entry {
  endpoint: string;
  name: string;
  kind: string;
  category: string;
  curated: boolean;
  origin: { kind: "curated" } | { kind: "schema"; from: "snapshot" | "live"; date: string };
  pricePerSecondUsd: number | null;
  priceBasis: string;
  deprecated: boolean;
}
const entries = (stdout: string) => JSON.parse(stdout) as Entry[];
interface ReportNode {
  status: string;
  costUsd?: number | null;
  priceKnown?: boolean;
  error?: string;
}
const report = (stdout: string) =>
  JSON.parse(stdout) as {
    ok: boolean;
    nodes: Record<string, ReportNode>;
    totals: Record<string, unknown>;
    errors?: string[];
    catalogue?: string;
  };

const wanFile = (params: Record<string, unknown> = { prompt: "A fox in the snow", duration: 5, resolution: "720p" }) =>
  t.box.file("wan.reelflow.json", workflow("Wan", [gen("w", "text-to-video", WAN, params)], []));
const unpricedFile = (name = "unpriced.reelflow.json", withPriced = false) =>
  t.box.file(
    name,
    workflow(
      "Unpriced",
      [
        gen("u", "text-to-video", UNPRICED, { prompt: "A heron at dawn", duration: 4 }),
        ...(withPriced ? [gen("a", "text-to-video", T2V, { prompt: "A heron at dusk", duration: 4 })] : []),
      ],
      [],
    ),
  );

describe("reelflow models", () => {
  it(
    "lists curated models first, then the snapshot's, each with its price and source, saying the snapshot's date",
    async () => {
      const r = await cli("models");
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^curated /);
      const lastCurated = lines.findLastIndex((l) => l.startsWith("curated "));
      const firstSchema = lines.findIndex((l) => l.startsWith("fal schema "));
      expect(firstSchema).toBeGreaterThan(lastCurated);
      expect(r.stdout).toMatch(/^curated +fal-ai\/sora-2\/text-to-video +.* \$0\.10\/s +retired 2026-09-24/m);
      expect(r.stdout).toMatch(
        new RegExp(`^fal schema +fal-ai/wan/v2\\.7/text-to-video +.* \\$0\\.10/s +snapshot ${SNAPSHOT_DATE}$`, "m"),
      );
      expect(r.stdout).toMatch(/^fal schema +.* price unknown/m);
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^\\d+ models\\. Catalogue: using the bundled snapshot of ${SNAPSHOT_DATE} \\(fal's live catalogue is not connected\\)\\.$`,
        ),
      );
      expect(t.fake.requests).toHaveLength(0);
    },
    SLOW,
  );

  it(
    "prints one JSON array of entries with --json, curated first",
    async () => {
      const r = await cli("models", "--json");
      expect(r.code).toBe(0);
      const list = entries(r.stdout);
      expect(list.length).toBeGreaterThan(20);
      for (const e of list)
        expect(Object.keys(e).sort()).toEqual([
          "category",
          "curated",
          "deprecated",
          "endpoint",
          "kind",
          "name",
          "origin",
          "priceBasis",
          "pricePerSecondUsd",
        ]);
      const firstSchema = list.findIndex((e) => !e.curated);
      expect(list.slice(firstSchema).every((e) => !e.curated)).toBe(true);
      expect(list.find((e) => e.endpoint === WAN)).toMatchObject({
        curated: false,
        kind: "text-to-video",
        category: "text-to-video",
        origin: { kind: "schema", from: "snapshot", date: SNAPSHOT_DATE },
        pricePerSecondUsd: 0.1,
      });
      expect(list.find((e) => e.endpoint === T2V)).toMatchObject({
        curated: true,
        origin: { kind: "curated" },
        pricePerSecondUsd: 0.1,
        deprecated: true,
      });
    },
    SLOW,
  );

  it(
    "filters by the words of the query and by --category",
    async () => {
      const byWords = entries((await cli("models", "wan", "2.7", "--json")).stdout);
      expect(byWords.map((e) => e.endpoint)).toContain(WAN);
      for (const e of byWords) expect(`${e.endpoint} ${e.name}`.toLowerCase()).toMatch(/wan.*2\.7|2\.7.*wan/);

      const i2v = await cli("models", "--category", "image-to-video", "--json");
      expect(i2v.code).toBe(0);
      const list = entries(i2v.stdout);
      expect(list.map((e) => e.endpoint)).toContain("fal-ai/sora-2/image-to-video");
      expect(list.every((e) => e.category === "image-to-video")).toBe(true);

      const both = entries((await cli("models", "wan", "--category", "video-to-video", "--json")).stdout);
      expect(both.length).toBeGreaterThan(0);
      expect(
        both.every((e) => e.category === "video-to-video" && `${e.endpoint} ${e.name}`.toLowerCase().includes("wan")),
      ).toBe(true);
    },
    SLOW,
  );

  it(
    "lists image models by fal's image categories, priced per image (issue 19)",
    async () => {
      const t2i = await cli("models", "--category", "text-to-image", "--json");
      expect(t2i.code).toBe(0);
      const list = entries(t2i.stdout);
      expect(list.map((e) => e.endpoint)).toEqual(expect.arrayContaining(["fal-ai/flux/dev", "fal-ai/nano-banana-2"]));
      expect(list.every((e) => e.category === "text-to-image")).toBe(true);
      const edits = entries((await cli("models", "banana", "--category", "image-to-image", "--json")).stdout);
      expect(edits.map((e) => e.endpoint)).toContain("fal-ai/nano-banana/edit");
      const human = await cli("models", "flux", "--category", "text-to-image");
      expect(human.stdout).toMatch(/fal-ai\/flux\/dev\s+FLUX\.1 \[dev\]\s+text-to-image\s+1 image × \$0\.025/);
    },
    SLOW,
  );

  it(
    "exits 2 on a category it does not know, naming the choices",
    async () => {
      const r = await cli("models", "--category", "text-to-audio");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /--category must be one of text-to-video, image-to-video, video-to-video, text-to-image, image-to-image, got "text-to-audio"/,
      );
      expect(r.stdout).toBe("");
    },
    SLOW,
  );

  it(
    "asks fal's live catalogue through --proxy and says so",
    async () => {
      const json = await cli("models", "unpriced", "--proxy", t.fake.url, "--json");
      expect(json.code).toBe(0);
      expect(t.fake.requestsOf("models").length).toBeGreaterThan(0);
      const row = entries(json.stdout).find((e) => e.endpoint === UNPRICED);
      expect(row).toMatchObject({
        curated: false,
        origin: { kind: "schema", from: "live" },
        pricePerSecondUsd: null,
        priceBasis: expect.stringMatching(/^price unknown/),
      });

      const human = await cli("models", "unpriced", "--proxy", t.fake.url);
      expect(human.stdout).toMatch(
        new RegExp(`^fal schema +${UNPRICED} +Unpriced Test Video +text-to-video +price unknown +live `, "m"),
      );
      expect(human.stdout.trimEnd().split("\n").at(-1)).toMatch(
        /^1 model\. Catalogue: fal's live catalogue \(checked .*\)/,
      );
    },
    SLOW,
  );

  it(
    "lists the snapshot's models and says why when the live catalogue is down",
    async () => {
      t.fake.set({ catalogueDown: true });
      const r = await cli("models", "wan", "2.7", "--proxy", t.fake.url);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(`^fal schema +${WAN.replaceAll(".", "\\.")} .* snapshot ${SNAPSHOT_DATE}$`, "m"),
      );
      expect(r.stdout).toMatch(
        new RegExp(
          `Catalogue: using the bundled snapshot of ${SNAPSHOT_DATE}: fal's catalogue could not be reached \\(.*503`,
        ),
      );
    },
    SLOW,
  );
});

describe("runs of models read from fal's catalogue", () => {
  it(
    "runs an uncurated model end to end through --proxy, sending only fields its schema has",
    async () => {
      const file = await wanFile();
      const r = await run(file, "--json");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const rep = report(r.stdout);
      expect(rep.nodes.w).toMatchObject({ status: "succeeded", costUsd: 0.5 });
      expect(rep.catalogue).toMatch(/models read from fal's schema come from fal's live catalogue/);
      expect(t.fake.submittedCount(WAN)).toBe(1);

      type Schema = { title?: string; properties: object };
      const doc = t.fake.catalogue().find((e) => e.model.endpoint_id === WAN)!.model.openapi as unknown as {
        components: { schemas: Record<string, Schema> };
      };
      const input = Object.values(doc.components.schemas).find((x) => x.title === "Wan27TextToVideoInput")!;
      const body = t.fake.jobs[0]!.input;
      expect(Object.keys(body).filter((k) => !(k in input.properties))).toEqual([]);
      expect(body).toMatchObject({ prompt: "A fox in the snow", duration: 5, resolution: "720p" });
      const sent = t.fake.requestsOf("submit")[0]!;
      expect(sent.ignoredFields ?? []).toEqual([]);

      // A second run in a new process: served from the cache, nothing sent.
      const again = report((await run(file, "--json")).stdout);
      expect(again.nodes.w!.status).toBe("cached");
      expect(submits()).toBe(1);
    },
    SLOW,
  );

  it(
    "exits 2 on a param the model's schema refuses, naming the field, and sends nothing",
    async () => {
      const file = await wanFile({ prompt: "A fox", duration: 99 });
      const r = await run(file);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot run; nothing was sent/);
      expect(r.stderr).toMatch(/^ {2}- .*\bw\b.*duration/m);
      const json = await run(file, "--json");
      expect(json.code).toBe(2);
      expect(report(json.stdout).errors!.join("\n")).toMatch(/duration/);
      expect(submits()).toBe(0);
    },
    SLOW,
  );

  it(
    "uses the bundled snapshot and says so when fal's catalogue is down; a model not in it cannot run",
    async () => {
      t.fake.set({ catalogueDown: true });
      const file = await wanFile();
      const dry = await run(file, "--dry-run");
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        new RegExp(
          `^w +planned +${WAN.replaceAll(".", "\\.")} +\\$0\\.50 +.*\\[fal schema, bundled snapshot of ${SNAPSHOT_DATE}\\]$`,
          "m",
        ),
      );
      expect(dry.stdout).toMatch(
        new RegExp(
          `^Catalogue: using the bundled snapshot of ${SNAPSHOT_DATE}: fal's catalogue could not be reached \\(.*\\)\\.$`,
          "m",
        ),
      );

      // Wan 2.7's snapshot schema (fal-js 1.10.1: duration "5") is older than the fake's live one (5), so the
      // run goes on Luma Ray 2, whose schema is the same in both; the snapshot has no price for it.
      const luma = await t.box.file(
        "luma.reelflow.json",
        workflow("Luma", [gen("l", "text-to-video", LUMA, { prompt: "A fox in the snow" })], []),
      );
      const real = await run(luma, "--json", "--allow-unknown-price");
      expect(real.code).toBe(0);
      expect(report(real.stdout).nodes.l).toMatchObject({ status: "succeeded", costUsd: null, priceKnown: false });
      expect(report(real.stdout).catalogue).toMatch(
        new RegExp(`^Catalogue: using the bundled snapshot of ${SNAPSHOT_DATE}: fal's catalogue could not be reached`),
      );
      expect(t.fake.submittedCount(LUMA)).toBe(1);

      const missing = await run(await unpricedFile());
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(new RegExp(`${UNPRICED} is not in the bundled snapshot .* could not be reached`));
      expect(t.fake.submittedCount(UNPRICED)).toBe(0);
    },
    SLOW,
  );

  it(
    "says when a model comes from the snapshot because no proxy or key is given",
    async () => {
      const dry = await cli("run", await wanFile(), "--dry-run");
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        new RegExp(
          `Catalogue: models read from fal's schema come from the bundled snapshot of ${SNAPSHOT_DATE} \\(fal's live catalogue is not connected`,
        ),
      );
      expect(t.fake.requests).toHaveLength(0);
    },
    SLOW,
  );
});

describe("nodes of unknown price", () => {
  it(
    "without a terminal: refused with exit 3 and nothing sent, unless --allow-unknown-price",
    async () => {
      const file = await unpricedFile();
      const r = await run(file);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(
        new RegExp(`1 node has no known price: u \\(Unpriced Test Video, ${UNPRICED}\\): price unknown`),
      );
      expect(r.stderr).toMatch(/Nothing was sent\. Rerun with --allow-unknown-price/);
      expect(submits()).toBe(0);

      const json = await run(file, "--json");
      expect(json.code).toBe(3);
      const rep = report(json.stdout);
      expect(rep.nodes.u).toEqual({ status: "planned", endpoint: UNPRICED, costUsd: null, priceKnown: false });
      expect(rep.totals).toMatchObject({ estimatedCostUsd: 0, unknownPriceNodes: ["u"] });
      expect(rep.errors![0]).toMatch(/no known price/);
      expect(submits()).toBe(0);

      const allowed = await run(file, "--allow-unknown-price");
      expect(allowed.code).toBe(0);
      expect(t.fake.submittedCount(UNPRICED)).toBe(1);
      expect(allowed.stdout).toMatch(/^u +succeeded +\S+ +\(price unknown\)$/m);
      expect(allowed.stdout).toMatch(/^Paid \(estimated\): price unknown for 1 job\(s\) sent;/m);
      expect(allowed.stdout).not.toMatch(/Paid \(estimated\): \$0\.00/);
    },
    SLOW,
  );

  it(
    "prices the rest and counts the unknown apart, in --dry-run, --json and the summary",
    async () => {
      const file = await unpricedFile("mixed.reelflow.json", true);
      const dry = await run(file, "--dry-run");
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        new RegExp(`^u +planned +${UNPRICED} +price unknown \\(.*\\) +\\[fal schema, live catalogue of `, "m"),
      );
      expect(dry.stdout).toMatch(/^Dry run, nothing sent\. Would pay \$0\.40 \+ 1 of unknown price\.$/m);
      expect(dry.stdout).not.toContain("$0.00");

      const dryJson = report((await run(file, "--dry-run", "--json")).stdout);
      expect(dryJson.nodes.u).toMatchObject({ costUsd: null, priceKnown: false });
      expect(dryJson.totals).toMatchObject({ estimatedCostUsd: 0.4, unknownPriceNodes: ["u"] });

      const ran = await run(file, "--allow-unknown-price", "--json");
      expect(ran.code).toBe(0);
      const rep = report(ran.stdout);
      expect(rep.nodes.u).toMatchObject({ status: "succeeded", costUsd: null, priceKnown: false });
      expect(rep.nodes.a).toMatchObject({ status: "succeeded", costUsd: 0.4 });
      expect(rep.nodes.a).not.toHaveProperty("priceKnown");
      expect(rep.totals).toEqual({
        submitted: 2,
        cached: 0,
        failed: 0,
        estimatedCostUsd: 0.4,
        unknownPriceNodes: ["u"],
      });

      const other = await unpricedFile("mixed2.reelflow.json", true);
      await t.box.file(
        "mixed2.reelflow.json",
        JSON.parse(readFileSync(other, "utf8").replaceAll("A heron", "A crane")),
      );
      const human = await run(other, "--allow-unknown-price");
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^Paid \(estimated\): \$0\.40 \+ 1 of unknown price for 2 job\(s\) sent;/m);
    },
    SLOW,
  );

  // A real terminal: `script` gives the CLI a pseudo-terminal as stdin, as a person at a shell has.
  it.skipIf(!hasScript())(
    "on a terminal: asks first, sends nothing on no and runs on yes",
    async () => {
      const file = await unpricedFile();
      const no = await onTerminal(["run", file, "--proxy", t.fake.url, "--cache-dir", t.box.cacheDir], "n");
      expect(no.output).toMatch(
        new RegExp(
          `1 node has no known price: u \\(Unpriced Test Video, ${UNPRICED}\\): price unknown .*Send anyway\\? \\[y/N\\]`,
        ),
      );
      expect(no.output).toMatch(/you answered no\. Nothing was sent\./);
      expect(no.code).toBe(3);
      expect(submits()).toBe(0);

      const yes = await onTerminal(["run", file, "--proxy", t.fake.url, "--cache-dir", t.box.cacheDir], "y");
      expect(yes.code).toBe(0);
      expect(t.fake.submittedCount(UNPRICED)).toBe(1);
      expect(yes.output).toMatch(/Paid \(estimated\): price unknown for 1 job\(s\) sent/);
    },
    SLOW,
  );
});

function hasScript(): boolean {
  return spawnSync("script", ["--version"]).status === 0;
}

/** Runs the CLI under `script` (util-linux), answers the question with `answer` once it is asked. */
async function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FAL_KEY;
  const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: t.box.dir, env });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await waitFor(() => output.includes("[y/N]"), "the question");
  child.stdin.write(`${answer}\r`);
  return { code: await closed, output };
}
