// @vitest-environment jsdom
// Issue 16 item 14: the Workflows panel's row buttons draw SVG icons and carry names; no button text depends on an
// emoji font (on a machine without one, Duplicate and Delete rendered as the same empty box).
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderFoxesAndOwls } from "./workflows-panel";

afterEach(cleanup);

async function renderPanel() {
  await renderFoxesAndOwls();
  return within(await screen.findByRole("list", { name: "Workflow list" }));
}

describe("Workflows panel icons", () => {
  it("row buttons draw an SVG and are named Rename/Duplicate/Delete <workflow>", async () => {
    const rows = await renderPanel();
    for (const name of ["Foxes", "Owls"]) {
      for (const action of ["Rename", "Duplicate", "Delete"]) {
        const button = await rows.findByRole("button", { name: `${action} ${name}` });
        const svg = button.querySelector("svg");
        expect(svg, `${action} ${name} has an svg`).not.toBeNull();
        expect(svg?.getAttribute("aria-hidden")).toBe("true");
      }
    }
    // The two that looked alike without an emoji font now differ.
    const dup = (await rows.findByRole("button", { name: "Duplicate Foxes" })).innerHTML;
    const del = (await rows.findByRole("button", { name: "Delete Foxes" })).innerHTML;
    expect(dup).not.toBe(del);
  });

  it("no button text in the panel contains an emoji or pictograph", async () => {
    const rows = await renderPanel();
    await rows.findByRole("button", { name: "Delete Owls" });
    const panel = screen.getByRole("complementary", { name: "Workflows panel" });
    const buttons = within(panel).getAllByRole("button");
    expect(buttons.length).toBeGreaterThan(6);
    for (const b of buttons) {
      expect(b.textContent ?? "", b.getAttribute("aria-label") ?? b.textContent ?? "").not.toMatch(
        /\p{Extended_Pictographic}/u,
      );
    }
  });
});
