// @vitest-environment jsdom
// Issue 16 item 4: deleting a workflow for good asks in the app's own dialog, not with window.confirm.
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderFoxesAndOwls } from "./workflows-panel";

const browserAsked: string[] = [];
beforeEach(() => {
  browserAsked.length = 0;
  window.confirm = (m?: string) => (browserAsked.push(String(m)), true);
});
afterEach(cleanup);

/** The panel with "Owls" already in the trash and the trash shown. */
async function panelWithOwlsInTrash() {
  await renderFoxesAndOwls({ owlsInTrash: true });
  fireEvent.click(await screen.findByRole("button", { name: "Trash (1)" }));
  return within(screen.getByRole("list", { name: "Trash" }));
}

describe("Delete for good", () => {
  it("asks in the app's dialog; Cancel keeps the workflow in the trash and says so; confirming deletes it", async () => {
    const trash = await panelWithOwlsInTrash();
    const deleteOwls = trash.getByRole("button", { name: "Delete Owls for good" });
    deleteOwls.focus(); // as a browser's click does
    fireEvent.click(deleteOwls);
    const dialog = await screen.findByRole("alertdialog", { name: 'Delete "Owls" for good?' });
    expect(within(dialog).getByText("This cannot be undone.")).toBeTruthy();
    // Losing it for good is not what Enter should do.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect((await screen.findByRole("status", { name: "Workflow message" })).textContent).toContain(
      '"Owls" stays in the trash.',
    );
    expect(trash.getByRole("button", { name: "Restore Owls" })).toBeTruthy();
    expect(document.activeElement).toBe(deleteOwls);

    fireEvent.click(deleteOwls);
    const again = await screen.findByRole("alertdialog", { name: 'Delete "Owls" for good?' });
    fireEvent.click(within(again).getByRole("button", { name: "Delete for good" }));
    await waitFor(() => expect(trash.queryByRole("button", { name: "Restore Owls" })).toBeNull());
    expect(browserAsked).toEqual([]);
  });
});
