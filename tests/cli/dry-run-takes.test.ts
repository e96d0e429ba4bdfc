import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dryRunLines } from "../../src/cli/human-output";
import { preflightReport } from "../../src/cli/json-report";
import { preflight } from "../../src/cli/preflight";
import { createFsResultCache } from "../../src/adapters/fs";
import type { FsResultCache } from "../../src/adapters/fs";
import { cacheKey } from "../../src/domain/ids";
import type { WorkflowNode } from "../../src/domain/workflow";
import { planOk, t2v, workflow } from "../engine/helpers/workflow";

// --dry-run on a file whose pinned take is not in this cache dir: said, not billed, not sent.

let dir: string;
let cache: FsResultCache;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reelflow-dry-takes-"));
  cache = createFsResultCache(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("dry run of a pinned node whose take is not stored here", () => {
  it("says it would fail, bills nothing for it, and the JSON report marks it failed", async () => {
    const v1 = t2v("v1", { prompt: "a cat" });
    const pinned = {
      ...v1,
      data: { ...v1.data, take: { key: cacheKey("c".repeat(64)) }, pinned: true },
    } as WorkflowNode;
    const plan = await planOk(workflow([pinned, t2v("v2", { prompt: "a dog" })], []));
    const pre = await preflight(plan, cache);
    const lines = dryRunLines(pre);
    expect(lines[0]).toMatch(
      /^v1 +missing +fal-ai\/sora-2\/text-to-video +\$0\.00 \(pinned take no longer stored here: would fail; unpin it to make a new one\)$/,
    );
    expect(lines[1]).toMatch(/^v2 +planned /);
    expect(lines.at(-1)).toBe("Dry run, nothing sent. Would pay $0.40.");

    const report = preflightReport(pre, () => undefined);
    expect(report.nodes.v1).toEqual({
      status: "failed",
      endpoint: "fal-ai/sora-2/text-to-video",
      error: "Text-to-Video v1: the pinned take is no longer stored here: unpin it to make a new one",
    });
    expect(report.totals).toEqual({ submitted: 0, cached: 0, failed: 1, estimatedCostUsd: 0.4, unknownPriceNodes: [] });
  });
});
