import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeFal, type FakeFal } from "../fake-fal/server";
import { runCli, scratch } from "./cli-harness";
import { single, T2V } from "./workflows";

// `--new-take`: the real CLI in a child process against the fake fal.
const SLOW = 120_000;

let fake: FakeFal;
beforeAll(async () => {
  fake = await startFakeFal();
});
afterAll(() => fake.close());
let box: Awaited<ReturnType<typeof scratch>>;
beforeEach(async () => {
  fake.reset();
  fake.set({ queueMs: 50, runMs: 100 });
  box = await scratch();
});
afterEach(() => box.cleanup());

const run = (file: string, ...extra: string[]) => runCli(["run", file, "--proxy", fake.url, "--cache-dir", box.cacheDir, ...extra], { cwd: box.dir });

describe("reelflow run --new-take", () => {
  it("bills a cached node as a new take paid on purpose, then sends the same request again", async () => {
    const file = await box.file("one.reelflow.json", single());
    expect((await run(file)).code).toBe(0);
    expect(fake.submittedCount(T2V)).toBe(1);

    const plain = await run(file, "--dry-run");
    expect(plain.stdout).toMatch(/^v +cached/m);
    const dry = await run(file, "--dry-run", "--new-take", "v");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^v +planned +fal-ai\/sora-2\/text-to-video +\$0\.40 +new take: paid on purpose; /m);
    expect(dry.stdout).toMatch(/Would pay \$0\.40\./);
    expect(fake.submittedCount(T2V)).toBe(1);

    const again = await run(file, "--new-take", "v");
    expect(again.code).toBe(0);
    expect(fake.submittedCount(T2V)).toBe(2);
    const bodies = fake.requestsOf("submit").filter((r) => r.status === 200).map((r) => r.body);
    expect(bodies[1]).toEqual(bodies[0]);
    // The file is unchanged and the first take still serves a plain run.
    expect((await run(file, "--dry-run")).stdout).toMatch(/^v +cached/m);
  }, SLOW);

  it("refuses unknown and pinned nodes (exit 2, nothing sent)", async () => {
    const file = await box.file("one.reelflow.json", single());
    const unknown = await run(file, "--new-take", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--new-take nope: there is no generation node "nope"/);

    const wf = single() as { nodes: { data: Record<string, unknown> }[] };
    const v = wf.nodes[0];
    if (!v) throw new Error("fixture");
    v.data.take = { key: "a".repeat(64) };
    v.data.pinned = true;
    const pinned = await run(await box.file("pinned.reelflow.json", wf), "--new-take", "v");
    expect(pinned.code).toBe(2);
    expect(pinned.stderr).toMatch(/--new-take v: v is pinned to its take; unpin it in the file to make a new one/);
    expect(fake.requests).toHaveLength(0);
  }, SLOW);
});
