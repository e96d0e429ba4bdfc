// @vitest-environment jsdom
// A node's price comes from the plan, which is a new object after every replan: an edit elsewhere (same price)
// must not re-render the node, while a changed price shows at once.
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/engine/plan";
import type { Price } from "../../../src/nodes/types";
import { usePlannedPrice } from "../../../src/ui/node/use-node";
import { renderCounted } from "./render-counted";

/** A plan object as a replan makes it: new each time, holding only what the hook reads. */
const planWith = (price: Price): Plan =>
  ({ nodes: new Map([["v1", { role: "generation", price: { ...price } }]]) }) as unknown as Plan;

const setUp = () => renderCounted(() => usePlannedPrice("v1"));

const EIGHT_SECONDS: Price = { usd: 0.8, upperBound: false, basis: "8 s × $0.10/s" };

describe("usePlannedPrice", () => {
  it("does not re-render for a new plan with the same price", () => {
    const { services, hook, renders } = setUp();
    act(() => services.runs.setState({ plan: planWith(EIGHT_SECONDS) }));
    expect(hook.result.current).toEqual(EIGHT_SECONDS);
    const before = renders();
    act(() => services.runs.setState({ plan: planWith(EIGHT_SECONDS) }));
    expect(renders()).toBe(before);
  });

  it("shows a changed price, and null when there is no plan", () => {
    const { services, hook } = setUp();
    act(() => services.runs.setState({ plan: planWith(EIGHT_SECONDS) }));
    act(() => services.runs.setState({ plan: planWith({ ...EIGHT_SECONDS, upperBound: true }) }));
    expect(hook.result.current).toEqual({ ...EIGHT_SECONDS, upperBound: true });
    act(() => services.runs.setState({ plan: planWith({ usd: 1.2, upperBound: false, basis: "12 s × $0.10/s" }) }));
    expect(hook.result.current?.usd).toBe(1.2);
    act(() => services.runs.setState({ plan: null }));
    expect(hook.result.current).toBeNull();
  });
});
