import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsResultCache } from "../../src/adapters/fs";
import { dryRunLines, summaryLines } from "../../src/cli/human-output";
import { preflightReport, runReport } from "../../src/cli/json-report";
import { preflight } from "../../src/cli/preflight";
import { isYes, settleUnknownPrices } from "../../src/cli/unknown-price";
import { endpointId, nodeId, requestId } from "../../src/domain/ids";
import type { CachedResult } from "../../src/engine/ports";
import { initialRunState, reduceRun, type RunState } from "../../src/engine/run-state";
import { planOk, t2v, workflow } from "../engine/helpers/workflow";
import { forgetUnpricedModel, registerUnpricedModel, UNPRICED_T2V as UNPRICED } from "../nodes/models/unpriced";

// Nodes whose price is unknown: asked about on a terminal, refused without one, never shown as $0.00.

const SORA = "fal-ai/sora-2/text-to-video";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reelflow-unknown-price-"));
  registerUnpricedModel();
});
afterEach(async () => {
  forgetUnpricedModel();
  await rm(dir, { recursive: true, force: true });
});

const mixed = () => workflow([t2v("a", { prompt: "a cat", duration: 4 }), t2v("u", { prompt: "a dog" }, UNPRICED)], []);
const allUnknown = () => workflow([t2v("u", { prompt: "a dog" }, UNPRICED)], []);
const preOf = async (w: ReturnType<typeof workflow>) => preflight(await planOk(w), createFsResultCache(dir));

describe("a run with nodes of unknown price", () => {
  it("is refused without a terminal, naming each node and why, and saying how to allow it", async () => {
    const verdict = await settleUnknownPrices(await preOf(mixed()), { allow: false });
    expect(verdict.go).toBe(false);
    const message = verdict.go ? "" : verdict.message;
    expect(message).toMatch(
      /^1 node has no known price: u \(Unpriced Video, test-owner\/unpriced\/text-to-video\): price unknown \(unit units\)\./,
    );
    expect(message).toMatch(/Nothing was sent/);
    expect(message).toMatch(/--allow-unknown-price/);
  });

  it("goes with --allow-unknown-price, and when every price is known, without asking", async () => {
    const asked: string[] = [];
    const ask = async (q: string) => (asked.push(q), false);
    expect(await settleUnknownPrices(await preOf(mixed()), { allow: true, ask })).toEqual({ go: true });
    const known = workflow([t2v("a", { prompt: "a cat", duration: 4 })], []);
    expect(await settleUnknownPrices(await preOf(known), { allow: false, ask })).toEqual({ go: true });
    expect(asked).toEqual([]);
  });

  it("asks on a terminal and goes only on yes", async () => {
    const asked: string[] = [];
    const answer = (yes: boolean) => async (q: string) => (asked.push(q), yes);
    expect(await settleUnknownPrices(await preOf(mixed()), { allow: false, ask: answer(true) })).toEqual({ go: true });
    expect(asked[0]).toBe(
      "1 node has no known price: u (Unpriced Video, test-owner/unpriced/text-to-video): price unknown (unit units). Send anyway? [y/N] ",
    );
    const no = await settleUnknownPrices(await preOf(mixed()), { allow: false, ask: answer(false) });
    expect(no).toMatchObject({ go: false, message: expect.stringMatching(/Nothing was sent/) });
  });

  it("reads only y or yes as yes", () => {
    expect(["y", "Y", "yes", " YES "].map(isYes)).toEqual([true, true, true, true]);
    expect(["", "n", "no", "yeah", "sure"].map(isYes)).toEqual([false, false, false, false, false]);
  });
});

describe("unknown prices in the dry run and its JSON", () => {
  it("says price unknown per node and adds them to the known total, never as $0.00", async () => {
    const lines = dryRunLines(await preOf(mixed()));
    expect(lines[1]).toMatch(
      /^u +planned +test-owner\/unpriced\/text-to-video +price unknown \(unit units\) +\[fal schema, bundled snapshot of 2026-12-05\]$/,
    );
    expect(lines).toContain("Dry run, nothing sent. Would pay $0.40 + 1 of unknown price.");
    const only = dryRunLines(await preOf(allUnknown()));
    expect(only).toContain("Dry run, nothing sent. Would pay an unknown amount: 1 node of unknown price.");
    expect(only.at(-1)).toMatch(/asks before sending nodes of unknown price .* --allow-unknown-price/);
    expect(only.join("\n")).not.toContain("$0.00");
  });

  it("gives costUsd null, priceKnown false and totals.unknownPriceNodes", async () => {
    const report = preflightReport(await preOf(mixed()), () => undefined);
    expect(report.nodes.u).toEqual({ status: "planned", endpoint: UNPRICED, costUsd: null, priceKnown: false });
    expect(report.nodes.a).toEqual({ status: "planned", endpoint: "fal-ai/sora-2/text-to-video", costUsd: 0.4 });
    expect(report.totals).toEqual({
      submitted: 0,
      cached: 0,
      failed: 0,
      estimatedCostUsd: 0.4,
      unknownPriceNodes: ["u"],
    });
  });
});

describe("unknown prices after a run", () => {
  const result = (endpoint: string, costUsd: number | null): CachedResult => ({
    key: "k" as CachedResult["key"],
    endpoint: endpointId(endpoint),
    result: { video: { url: "http://x/v.mp4" }, videoId: null, thumbnail: null, durationSec: 4 },
    requestId: requestId(`req-${endpoint}`),
    costUsd,
    createdAt: "2026-12-06T00:00:00Z",
  });
  const ran = (outcomes: [string, CachedResult, "succeeded" | "cached"][]): RunState => {
    let state = reduceRun(initialRunState, { type: "run-started", at: 0, nodeIds: outcomes.map(([id]) => nodeId(id)) });
    for (const [id, r, how] of outcomes) {
      if (how === "succeeded")
        state = reduceRun(state, {
          type: "submitted",
          nodeId: nodeId(id),
          requestId: r.requestId!,
          endpoint: r.endpoint,
          at: 1,
        });
      state = reduceRun(state, { type: how, nodeId: nodeId(id), result: r, at: 2 });
    }
    return state;
  };

  it("the summary says $X + N of unknown price, or price unknown, never Paid (estimated): $0.00", () => {
    const both = ran([
      ["a", result(SORA, 0.4), "succeeded"],
      ["u", result(UNPRICED, null), "succeeded"],
    ]);
    expect(summaryLines(both, { cacheDir: "c", interrupted: false })[1]).toMatch(
      /^Paid \(estimated\): \$0\.40 \+ 1 of unknown price for 2 job\(s\) sent;/,
    );
    const only = summaryLines(ran([["u", result(UNPRICED, null), "succeeded"]]), { cacheDir: "c", interrupted: false });
    expect(only[1]).toMatch(/^Paid \(estimated\): price unknown for 1 job\(s\) sent; cache saved \$0\.00\.$/);
    expect(only.join("\n")).not.toContain("Paid (estimated): $0.00");
    const cachedOnly = summaryLines(ran([["u", result(UNPRICED, null), "cached"]]), {
      cacheDir: "c",
      interrupted: false,
    });
    expect(cachedOnly[1]).toBe("Paid (estimated): $0.00 for 0 job(s) sent; cache saved an unknown amount.");
  });

  it("the run report marks such nodes and lists them in totals", async () => {
    const plan = await planOk(mixed());
    const state = ran([
      ["a", result(SORA, 0.4), "succeeded"],
      ["u", result(UNPRICED, null), "succeeded"],
    ]);
    const report = runReport(plan, state, () => undefined);
    expect(report.nodes.u).toMatchObject({ status: "succeeded", costUsd: null, priceKnown: false });
    expect(report.nodes.a).not.toHaveProperty("priceKnown");
    expect(report.totals).toEqual({
      submitted: 2,
      cached: 0,
      failed: 0,
      estimatedCostUsd: 0.4,
      unknownPriceNodes: ["u"],
    });
  });
});
