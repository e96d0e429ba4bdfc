// @vitest-environment jsdom
// The Sweep dialog asks for a bill when its values change; the hook keeps one array while they stay the same, so a
// re-render that makes an equal array (every render does) does not ask again.
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ParamValue } from "../../../src/domain/workflow";
import { sameValues, useSameValues } from "../../../src/ui/takes/sweep/same-values";

describe("useSameValues", () => {
  it("hands back the first array while later ones hold the same values, and a new one when they change", () => {
    const first: ParamValue[] = [4, 8, "12"];
    const { result, rerender } = renderHook(({ values }) => useSameValues(values), { initialProps: { values: first } });
    expect(result.current).toBe(first);
    rerender({ values: [4, 8, "12"] });
    expect(result.current).toBe(first);
    const changed: ParamValue[] = [4, 8, 12];
    rerender({ values: changed });
    expect(result.current).toBe(changed);
    rerender({ values: [4, 8] });
    expect(result.current).toEqual([4, 8]);
  });
});

describe("sameValues", () => {
  it.each<[ParamValue[], ParamValue[], boolean]>([
    [[], [], true],
    [[4, "8", true], [4, "8", true], true],
    [[4], ["4"], false],
    [[4, 8], [8, 4], false],
    [[4, 8], [4], false],
    [[true], [false], false],
  ])("%j and %j: %s", (a, b, same) => {
    expect(sameValues(a, b)).toBe(same);
  });
});
