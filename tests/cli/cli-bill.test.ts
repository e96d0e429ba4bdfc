import { describe, expect, it } from "vitest";
import { fakeFalCli } from "./fake-fal-cli";
import { UNPRICED, unpricedModel } from "./unpriced-model";
import { gen, single, T2V, T2V_PRO, twoBranches, workflow } from "./workflows";

// Issue 16 item 18: a real run prints its bill (paid, cached, unknown price) before it sends anything, and a run
// in which every job failed does not point at a results folder. The real CLI in a child process, the fake fal as
// its proxy.

const SLOW = 120_000;

const t = fakeFalCli({ switches: { queueMs: 50, runMs: 100 }, models: [unpricedModel] });

const { run } = t;
const lines = (stdout: string) => stdout.split("\n");
/** Index of the first line matching `re`, failing the test when there is none. */
const indexOf = (stdout: string, re: RegExp): number => {
  const i = lines(stdout).findIndex((l) => re.test(l));
  expect(i, `a line matching ${re} in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  return i;
};
/** The first progress line of a node: queued, submitted, resumed or cached. */
const FIRST_PROGRESS = /^\S+ +(queued|submitted|resumed|cached|succeeded|failed)\b/;

describe("the bill before a run", () => {
  it(
    "lists each node to be paid with its price, counts the cached ones and totals, before the first node is queued",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      // b alone first (same prompt, same params): cached in the run that follows.
      const whole = twoBranches();
      const onlyB = await t.box.file(
        "b.reelflow.json",
        workflow(whole.name, [whole.nodes[0]!, whole.nodes[3]!], [whole.edges[2]!]),
      );
      expect((await run(onlyB)).code).toBe(0);
      const before = t.fake.requestsOf("submit").length;

      const r = await run(file);
      expect(r.code).toBe(0);
      expect(t.fake.requestsOf("submit").length - before).toBe(2);
      const a = indexOf(r.stdout, new RegExp(`^a +to pay +${T2V} +\\$0\\.40 `));
      const rr = indexOf(r.stdout, /^r +to pay +fal-ai\/sora-2\/video-to-video\/remix +\$0\.40 /);
      const total = indexOf(r.stdout, /^Will pay: /);
      expect(lines(r.stdout)[total]).toBe("Will pay: $0.80 for 2 jobs · 1 cached (free)");
      // The cached node is counted, not listed as paid.
      expect(r.stdout).not.toMatch(/^b +to pay/m);
      const firstProgress = indexOf(r.stdout, FIRST_PROGRESS);
      expect(Math.max(a, rr, total)).toBeLessThan(firstProgress);
      expect(firstProgress, r.stdout).toBe(indexOf(r.stdout, /^(a|r|b) +(queued|cached)\b/));
      // Later lines agree with the bill.
      expect(r.stdout).toMatch(/^Paid \(estimated\): \$0\.80 for 2 job\(s\) sent/m);
    },
    SLOW,
  );

  it(
    "says when everything comes from the cache: nothing to pay",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      expect((await run(file)).code).toBe(0);
      const again = await run(file);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^Will pay: nothing · 1 cached \(free\)$/m);
      expect(again.stdout).not.toMatch(/to pay/);
    },
    SLOW,
  );

  it(
    "says price unknown for a node without a price, and never $0.00",
    async () => {
      const mixed = workflow(
        "Mixed",
        [
          gen("u", "text-to-video", UNPRICED, { prompt: "A heron at dawn", duration: 4 }),
          gen("p", "text-to-video", T2V_PRO, { prompt: "A heron at dusk", duration: 4, resolution: "720p" }),
        ],
        [],
      );
      const file = await t.box.file("mixed.reelflow.json", mixed);
      const r = await run(file, "--allow-unknown-price");
      expect(r.code).toBe(0);
      const u = indexOf(r.stdout, new RegExp(`^u +to pay +${UNPRICED} +price unknown`));
      const p = indexOf(r.stdout, new RegExp(`^p +to pay +${T2V_PRO} +\\$1\\.20 `));
      const total = indexOf(r.stdout, /^Will pay: /);
      expect(lines(r.stdout)[total]).toBe("Will pay: $1.20 + 1 of unknown price for 2 jobs");
      expect(Math.max(u, p, total)).toBeLessThan(indexOf(r.stdout, FIRST_PROGRESS));
      expect(
        lines(r.stdout)
          .slice(0, total + 1)
          .join("\n"),
      ).not.toContain("$0.00");

      // Every price unknown: the total says so, not $0.00.
      const onlyU = await t.box.file(
        "u.reelflow.json",
        workflow("U", [gen("u", "text-to-video", UNPRICED, { prompt: "A crane", duration: 4 })], []),
      );
      const r2 = await run(onlyU, "--allow-unknown-price");
      expect(r2.code).toBe(0);
      const total2 = indexOf(r2.stdout, /^Will pay: /);
      expect(lines(r2.stdout)[total2]).toBe("Will pay: price unknown for 1 job");
      expect(
        lines(r2.stdout)
          .slice(0, total2 + 1)
          .join("\n"),
      ).not.toContain("$0.00");
      expect(r2.stdout).not.toMatch(/^Paid \(estimated\): \$0\.00/m);
    },
    SLOW,
  );

  it(
    "keeps --json to one report: no bill lines on stdout",
    async () => {
      const file = await t.box.file("one.reelflow.json", single());
      const r = await run(file, "--json");
      expect(r.code).toBe(0);
      const rep = JSON.parse(r.stdout) as { ok: boolean; totals: { submitted: number } };
      expect(rep.ok).toBe(true);
      expect(rep.totals.submitted).toBe(1);
      expect(r.stdout).not.toMatch(/Will pay/);
      expect(r.stderr).not.toMatch(/Will pay/);
    },
    SLOW,
  );
});

describe("where the results are, after a run", () => {
  it(
    "points at no results folder when every job failed",
    async () => {
      t.fake.set({ rejectSubmit: { status: 500, body: { detail: "Internal error in the fake fal" } } });
      const file = await t.box.file("two.reelflow.json", twoBranches());
      const r = await run(file);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^Done: 0 succeeded, 0 cached, 2 failed, 1 skipped\.$/m);
      expect(r.stdout).not.toMatch(/Results and videos/);
      expect(r.stdout).not.toContain(t.box.cacheDir);
      // The bill was still printed first.
      expect(indexOf(r.stdout, /^Will pay: \$2\.00 for 3 jobs$/)).toBeLessThan(indexOf(r.stdout, FIRST_PROGRESS));
    },
    SLOW,
  );

  it(
    "still points at it when some job succeeded",
    async () => {
      const file = await t.box.file("two.reelflow.json", twoBranches());
      // The first submit fails (500); the other branch succeeds.
      t.fake.set({ failNext: { submit: { times: 1, status: 500 } } });
      const r = await run(file, "--concurrency", "1");
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/\b1 failed\b/);
      expect(r.stdout).toMatch(/^Done: [1-9]\d* succeeded/m);
      expect(r.stdout).toMatch(/^Results and videos: \S+/m);
    },
    SLOW,
  );
});
