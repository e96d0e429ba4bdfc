import { existsSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli, waitFor } from "./cli-harness";
import { fakeFalCli } from "./fake-fal-cli";
import { REMIX, single, T2V, twoBranches } from "./workflows";

// Interruptions of the real CLI process: killed outright (SIGKILL, as by an OOM killer or a
// closed laptop) and stopped with Ctrl-C (SIGINT). Paid jobs are never submitted twice.
const SLOW = 120_000;

const t = fakeFalCli();

const args = (file: string, ...extra: string[]) => [
  "run",
  file,
  "--proxy",
  t.fake.url,
  "--cache-dir",
  t.box.cacheDir,
  ...extra,
];
const ledgerJobs = async () => {
  const dir = join(t.box.cacheDir, "jobs");
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).map(
    (n) =>
      JSON.parse(readFileSync(join(dir, n), "utf8")) as { nodeId: string; state: string; requestId: string | null },
  );
};

describe("reelflow run, interrupted", () => {
  it(
    "re-attaches to the job after being killed mid-run: the fake sees one submit",
    async () => {
      // Jobs stay queued until the test finishes them, so the kill lands while fal has the job.
      t.fake.set({ queueMs: 600_000, runMs: 100 });
      const file = await t.box.file("one.reelflow.json", single());
      const first = spawnCli(args(file));
      // "submitted" is printed after the request id is in the ledger.
      await waitFor(() => /^v +submitted/m.test(first.output().stdout), "the first run to report its submit");
      expect(t.fake.submittedCount(T2V)).toBe(1);
      first.kill("SIGKILL");
      const killed = await first.result;
      expect(killed.signal).toBe("SIGKILL");
      const requestId = t.fake.jobs[0]!.requestId;
      expect(await ledgerJobs()).toEqual([expect.objectContaining({ nodeId: "v", state: "queued", requestId })]);

      t.fake.finish(requestId);
      const second = await runCli(args(file), { cwd: t.box.dir });
      expect(second.stderr).not.toMatch(/error/i);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(new RegExp(`^v +resumed +${T2V} +request ${requestId}`, "m"));
      expect(second.stdout).toMatch(/^v +succeeded +\S+\.mp4/m);
      expect(second.stdout).not.toMatch(/^v +submitted/m);
      expect(t.fake.submittedCount()).toBe(1);
      expect(await ledgerJobs()).toEqual([expect.objectContaining({ state: "stored", requestId })]);

      // And a third run is a plain cache hit.
      const third = await runCli(args(file, "--json"), { cwd: t.box.dir });
      expect(JSON.parse(third.stdout).nodes.v.status).toBe("cached");
      expect(t.fake.submittedCount()).toBe(1);
    },
    SLOW,
  );

  it(
    "lets a second run of the same file, started while the first is waiting on fal, follow the same job",
    async () => {
      t.fake.set({ queueMs: 600_000, runMs: 100 });
      const file = await t.box.file("one.reelflow.json", single());
      const first = spawnCli(args(file));
      await waitFor(() => /^v +submitted/m.test(first.output().stdout), "the first run to submit");
      const second = spawnCli(args(file));
      await waitFor(() => /^v +resumed/m.test(second.output().stdout), "the second run to attach to the same request");
      t.fake.finish(t.fake.jobs[0]!.requestId);
      const [a, b] = await Promise.all([first.result, second.result]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(t.fake.submittedCount()).toBe(1);
      expect(b.stdout).toMatch(/^v +succeeded/m);
    },
    SLOW,
  );

  it(
    "collects a paid job whose node was edited away while the CLI was dead",
    async () => {
      t.fake.set({ queueMs: 600_000, runMs: 100 });
      const file = await t.box.file("one.reelflow.json", single("A lighthouse at dusk"));
      const first = spawnCli(args(file));
      await waitFor(() => /^v +submitted/m.test(first.output().stdout), "the first run to report its submit");
      first.kill("SIGKILL");
      await first.result;
      const paid = t.fake.jobs[0]!.requestId;
      t.fake.finish(paid);
      t.fake.set({ queueMs: 50 });

      // The user changed the prompt before rerunning: the old job is still stored, the new one runs.
      await t.box.file("one.reelflow.json", single("A lighthouse at dawn"));
      const second = await runCli(args(file), { cwd: t.box.dir });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(new RegExp(`resumed +request ${paid}`));
      expect(second.stdout).toMatch(new RegExp(`stored +earlier request ${paid}`));
      expect(t.fake.submittedCount()).toBe(2);
      expect((await ledgerJobs()).map((j) => j.state)).toEqual(["stored", "stored"]);
      // Both jobs were paid: the collected one and the new one each have a spend row.
      const spend = readFileSync(join(t.box.cacheDir, "spend-ledger.csv"), "utf8");
      expect(spend).toContain(`,succeeded,${paid},`);
      expect(spend).toContain(`,succeeded,${t.fake.jobs[1]!.requestId},`);

      // Going back to the old prompt costs nothing: its result was kept.
      await t.box.file("one.reelflow.json", single("A lighthouse at dusk"));
      const back = await runCli(args(file, "--json"), { cwd: t.box.dir });
      expect(JSON.parse(back.stdout).nodes.v).toMatchObject({ status: "cached", requestId: paid });
      expect(t.fake.submittedCount()).toBe(2);
    },
    SLOW,
  );

  it(
    "never resubmits a job whose submit answer was lost, until told to with --resubmit",
    async () => {
      t.fake.set({ queueMs: 50, runMs: 100, loseSubmitResponse: 1 });
      const file = await t.box.file("one.reelflow.json", single());
      const lost = await runCli(args(file), { cwd: t.box.dir });
      expect(lost.code).toBe(1);
      expect(lost.stdout).toMatch(/^v +failed +.*fal may have/m); // the engine's words: it may have been queued and billed
      expect(lost.stdout).toMatch(/rerun with --resubmit v/);
      expect(t.fake.submittedCount()).toBe(1); // fal got it, the answer never came back
      expect(await ledgerJobs()).toEqual([expect.objectContaining({ state: "unknown", requestId: null })]);
      expect(readFileSync(join(t.box.cacheDir, "spend-ledger.csv"), "utf8")).toMatch(/,unknown,,/);

      const again = await runCli(args(file), { cwd: t.box.dir });
      expect(again.code).toBe(1);
      expect(again.stdout).toMatch(/^v +failed +.*fal may have/m);
      expect(again.stdout).toMatch(/rerun with --resubmit v/);
      expect(t.fake.submittedCount()).toBe(1);

      const bad = await runCli(args(file, "--resubmit", "nope"), { cwd: t.box.dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--resubmit nope: there is no generation node "nope"/);

      const told = await runCli(args(file, "--resubmit", "v"), { cwd: t.box.dir });
      expect(told.code).toBe(0);
      expect(t.fake.submittedCount()).toBe(2);
    },
    SLOW,
  );

  it(
    "cancels running fal jobs on Ctrl-C and exits 130",
    async () => {
      t.fake.set({ queueMs: 600_000, runMs: 100 });
      const file = await t.box.file("two.reelflow.json", twoBranches());
      const child = spawnCli(args(file));
      // a and b are submitted at once; r waits for a.
      await waitFor(
        () => (child.output().stdout.match(/submitted/g) ?? []).length === 2,
        "both branches to be submitted",
      );
      child.kill("SIGINT");
      const r = await child.result;
      expect(r.code).toBe(130);
      expect(r.stderr).toMatch(/cancelling running fal jobs/);
      expect(t.fake.requestsOf("cancel")).toHaveLength(2);
      expect(t.fake.submittedCount(REMIX)).toBe(0);
      expect(r.stdout).toMatch(/^a +cancelled/m);
      expect(r.stdout).toMatch(/^b +cancelled/m);
      expect(r.stdout).toMatch(/^Interrupted:/m);
      expect((await ledgerJobs()).map((j) => j.state).sort()).toEqual(["cancelled", "cancelled"]);
      const spend = readFileSync(join(t.box.cacheDir, "spend-ledger.csv"), "utf8");
      expect(spend.match(/,cancelled,/g)).toHaveLength(2);
    },
    SLOW,
  );
});
