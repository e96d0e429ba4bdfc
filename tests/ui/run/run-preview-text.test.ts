import { describe, expect, it } from "vitest";
import type { RunPreview } from "../../../src/ui/run/run-store";
import { previewText, runIsNoOp } from "../../../src/ui/run/RunButton";

const preview = (p: Partial<RunPreview>): RunPreview => ({
  ...{ paid: 0, cached: 0, usd: 0, upperBound: false, unknownPrice: 0, simulated: false },
  ...p,
});

describe("the Run button's words say what pressing it would do", () => {
  it("says why there is nothing to run on a graph with no generation node", () => {
    expect(previewText(preview({}))).toBe("nothing to run: add a generation node");
    expect(previewText(preview({ simulated: true }))).toBe("nothing to run: add a generation node");
  });

  it("says when everything is cached that there is nothing to pay (or to simulate)", () => {
    expect(previewText(preview({ cached: 2 }))).toBe("all 2 cached: nothing to pay");
    expect(previewText(preview({ cached: 1 }))).toBe("1 cached: nothing to pay");
    expect(previewText(preview({ cached: 3, simulated: true }))).toBe("all 3 cached: nothing to simulate");
  });

  it("says 'simulated', never 'paid', in Demo mode", () => {
    expect(previewText(preview({ paid: 2, cached: 1, simulated: true }))).toBe("2 simulated · 1 cached · $0");
    expect(previewText(preview({ paid: 1, simulated: true }))).toBe("1 simulated · 0 cached · $0");
  });

  it("keeps the bill in fal mode: paid, cached, dollars, bounds and unknown prices (never $0.00 for an unknown one)", () => {
    expect(previewText(preview({ paid: 2, cached: 1, usd: 1.2 }))).toBe("2 paid · 1 cached · $1.20");
    expect(previewText(preview({ paid: 1, usd: 0.5, upperBound: true }))).toBe("1 paid · 0 cached · ≤ $0.50");
    expect(previewText(preview({ paid: 1, unknownPrice: 1 }))).toBe("1 paid · 0 cached · price unknown");
    expect(previewText(preview({ paid: 3, usd: 1.2, unknownPrice: 1 }))).toBe(
      "3 paid · 0 cached · $1.20 + 1 of unknown price",
    );
  });

  it("says nothing before the first plan", () => {
    expect(previewText(null)).toBe("");
  });
});

describe("Run is a no-op only when there is no generation node at all", () => {
  it("is a no-op with nothing to run, but not when results are cached (Run shows them) or jobs are due", () => {
    expect(runIsNoOp(preview({}))).toBe(true);
    expect(runIsNoOp(preview({ simulated: true }))).toBe(true);
    expect(runIsNoOp(preview({ cached: 2 }))).toBe(false);
    expect(runIsNoOp(preview({ paid: 1 }))).toBe(false);
    expect(runIsNoOp(null)).toBe(false);
  });
});
