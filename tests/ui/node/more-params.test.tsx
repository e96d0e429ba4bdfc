// @vitest-environment jsdom
// Issue 16 item 8: a generation node keeps its rarely changed params behind More, says what is set there, and
// never hides one that is wrong.
import { act, cleanup, fireEvent, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Params } from "../../../src/domain/workflow";
import { oneNodeDoc, renderNode } from "./one-node";

afterEach(cleanup);

const renderVeo = (params: Params) => renderNode(oneNodeDoc("fal-ai/veo3.1/fast", params, "more")).root;

describe("More on a generation node", () => {
  it("hides negative prompt, seed, auto-fix and safety until opened, and counts what differs from the defaults", () => {
    const root = renderVeo({ seed: 7, safety_tolerance: "4" });
    expect(within(root).queryByLabelText("Seed")).toBeNull();
    expect(within(root).getByLabelText("Duration")).toBeTruthy();
    const more = within(root).getByRole("button", { name: "More (4 · 1 set)" });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    act(() => void fireEvent.click(more));
    for (const label of ["Negative prompt", "Seed", "Auto-fix prompt", "Safety tolerance"]) {
      expect(within(root).getByLabelText(label)).toBeTruthy();
    }
    expect(more.getAttribute("aria-expanded")).toBe("true");
  });

  it("shows a hidden field that is wrong, with the toggle saying so", () => {
    const root = renderVeo({ seed: -5 });
    const more = within(root).getByRole("button", { name: /^More \(4 · 1 set · 1 to fix\)$/ });
    expect(more.getAttribute("aria-expanded")).toBe("true");
    // Its label carries the reason after its name.
    expect(within(root).getByLabelText(/^Seed/)).toBeTruthy();
  });
});
