import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { spawnCli, waitFor } from "./cli-harness";
import { fakeFalCli } from "./fake-fal-cli";
import { single, T2V } from "./workflows";

// `--new-take`: the real CLI in a child process against the fake fal.
const SLOW = 120_000;

const t = fakeFalCli({ switches: { queueMs: 50, runMs: 100 } });

const { run } = t;

describe("reelflow run --new-take", () => {
  it(
    "bills a cached node as a new take paid on purpose, then sends the same request again",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      expect((await run(file)).code).toBe(0);
      expect(t.fake.submittedCount(T2V)).toBe(1);

      const plain = await run(file, "--dry-run");
      expect(plain.stdout).toMatch(/^v +cached/m);
      const dry = await run(file, "--dry-run", "--new-take", "v");
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^v +planned +fal-ai\/sora-2\/text-to-video +\$0\.40 +new take: paid on purpose; /m);
      expect(dry.stdout).toMatch(/Would pay \$0\.40\./);
      expect(t.fake.submittedCount(T2V)).toBe(1);

      const again = await run(file, "--new-take", "v");
      expect(again.code).toBe(0);
      expect(t.fake.submittedCount(T2V)).toBe(2);
      const bodies = t.fake
        .requestsOf("submit")
        .filter((r) => r.status === 200)
        .map((r) => r.body);
      expect(bodies[1]).toEqual(bodies[0]);
      // The file is unchanged and the first take still serves a plain run, which the run said.
      expect(again.stdout).toMatch(
        /one\.reelflow\.json is unchanged: a later plain run serves the earlier take of v again \(add --save-takes/,
      );
      expect((await run(file, "--dry-run")).stdout).toMatch(/^v +cached/m);
    },
    SLOW,
  );

  it(
    "--save-takes records the new take in the file, and later plain runs serve it",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      const first = JSON.parse((await run(file, "--json")).stdout) as { nodes: { v: { requestId: string } } };
      const made = await run(file, "--new-take", "v", "--save-takes", "--json");
      expect(made.code).toBe(0);
      const report = JSON.parse(made.stdout) as {
        nodes: { v: { requestId: string; take: { key: string; variant: string; saved: boolean } } };
      };
      expect(report.nodes.v.take).toEqual({
        key: expect.stringMatching(/^[0-9a-f]{64}$/),
        variant: expect.any(String),
        saved: true,
      });
      expect(report.nodes.v.requestId).not.toBe(first.nodes.v.requestId);

      const saved = JSON.parse(await readFile(file, "utf8")) as {
        nodes: { id: string; data: { take?: unknown; params: unknown } }[];
      };
      const v = saved.nodes.find((n) => n.id === "v");
      expect(v?.data.take).toEqual({ key: report.nodes.v.take.key, variant: report.nodes.v.take.variant });
      expect(v?.data.params).toEqual(
        (single() as unknown as { nodes: { data: { params: unknown } }[] }).nodes[0]?.data.params,
      );

      // A plain run now serves the new take (its request), sends nothing, and leaves the file alone.
      const text = await readFile(file, "utf8");
      const sent = t.fake.submittedCount(T2V);
      const later = JSON.parse((await run(file, "--json")).stdout) as {
        nodes: { v: { status: string; requestId: string } };
      };
      expect(later.nodes.v).toMatchObject({ status: "cached", requestId: report.nodes.v.requestId });
      expect(t.fake.submittedCount(T2V)).toBe(sent);
      expect(await readFile(file, "utf8")).toBe(text);
    },
    SLOW,
  );

  it(
    "--save-takes leaves a file edited during the run alone and says so",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      expect((await run(file)).code).toBe(0);
      t.fake.set({ queueMs: 50, runMs: 3000 });
      const before = t.fake.submittedCount(T2V);
      const child = spawnCli(
        ["run", file, "--proxy", t.fake.url, "--cache-dir", t.box.cacheDir, "--new-take", "v", "--save-takes"],
        { cwd: t.box.dir },
      );
      await waitFor(() => t.fake.submittedCount(T2V) === before + 1, "the new take's submit").catch((e: unknown) => {
        throw new Error(`${String(e)}; the CLI said: ${JSON.stringify(child.output())}`);
      });
      const edited = `${await readFile(file, "utf8")}\n`;
      await writeFile(file, edited);
      const done = await child.result;
      expect(done.code).toBe(0);
      expect(done.stderr).toMatch(
        /the new takes were not saved in .*one\.reelflow\.json: the file was changed while the run went on, and is left as it is/,
      );
      expect(await readFile(file, "utf8")).toBe(edited);
    },
    SLOW,
  );

  it(
    "refuses unknown and pinned nodes (exit 2, nothing sent)",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      const unknown = await run(file, "--new-take", "nope");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/--new-take nope: there is no generation node "nope"/);

      const wf = single() as { nodes: { data: Record<string, unknown> }[] };
      const v = wf.nodes[0];
      if (!v) throw new Error("fixture");
      v.data.take = { key: "a".repeat(64) };
      v.data.pinned = true;
      const pinned = await run(await t.box.file("pinned.reelflow.json", wf), "--new-take", "v");
      expect(pinned.code).toBe(2);
      expect(pinned.stderr).toMatch(/--new-take v: v is pinned to its take; unpin it in the file to make a new one/);
      expect(t.fake.requests).toHaveLength(0);
    },
    SLOW,
  );
});
