// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ask } from "../../../src/ui/ask/ask";
import type { Question } from "../../../src/ui/ask/question";

const question: Question = {
  title: "Price unknown: send anyway?",
  body: "fal publishes no price for this model.\n• clip: Unpriced Video",
  confirmLabel: "Send anyway",
  defaultChoice: "cancel",
};

let app: HTMLElement;
let opener: HTMLButtonElement;

beforeEach(() => {
  // The app's own tree, with the control that led to the question focused.
  app = document.createElement("div");
  app.id = "root";
  opener = document.createElement("button");
  opener.textContent = "Run";
  app.append(opener);
  document.body.append(app);
  opener.focus();
});

afterEach(() => {
  // A question a failed test left open would hold back every later one (they wait their turn): answer it.
  for (const open of screen.queryAllByRole("alertdialog")) fireEvent.keyDown(open, { key: "Escape" });
  cleanup();
  document.body.replaceChildren();
});

/** Asks, and waits until the dialog is on screen (its code loads on demand). */
async function open(q: Question = question): Promise<{ answer: Promise<boolean>; dialog: HTMLElement }> {
  let answer!: Promise<boolean>;
  act(() => {
    answer = ask(q);
  });
  const dialog = await screen.findByRole("alertdialog");
  return { answer, dialog };
}

describe("the app's question dialog", () => {
  it("is a labelled, described modal alert dialog that takes the focus and shuts the app off while it is open", async () => {
    const { dialog, answer } = await open();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(screen.getByRole("alertdialog", { name: "Price unknown: send anyway?" })).toBe(dialog);
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute("aria-describedby") ?? "")?.textContent).toContain(
      "• clip: Unpriced Video",
    );
    // The default choice here is the safe one: Enter cancels unless the person moves to "Send anyway".
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    expect(app.hasAttribute("inert")).toBe(true);
    fireEvent.keyDown(dialog, { key: "Escape" });
    await answer;
  });

  it("answers yes with its confirm button, then gives the focus back and the app back", async () => {
    const { answer } = await open();
    fireEvent.click(screen.getByRole("button", { name: "Send anyway" }));
    await expect(answer).resolves.toBe(true);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(document.activeElement).toBe(opener);
    expect(app.hasAttribute("inert")).toBe(false);
  });

  it("answers no with Cancel and with Escape; the Escape goes no further (no panel or shortcut sees it)", async () => {
    const seen: string[] = [];
    const onKey = (e: KeyboardEvent) => seen.push(e.key);
    document.addEventListener("keydown", onKey);
    try {
      const first = await open();
      fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
      await expect(first.answer).resolves.toBe(false);
      const second = await open();
      fireEvent.keyDown(second.dialog, { key: "Escape" });
      await expect(second.answer).resolves.toBe(false);
      expect(seen).toEqual([]);
      expect(document.activeElement).toBe(opener);
    } finally {
      document.removeEventListener("keydown", onKey);
    }
  });

  it("Enter outside the buttons presses the default one, whichever it is", async () => {
    const safe = await open();
    fireEvent.keyDown(safe.dialog, { key: "Enter" });
    await expect(safe.answer).resolves.toBe(false);
    const eager = await open({ ...question, defaultChoice: "confirm" });
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Send anyway" }));
    fireEvent.keyDown(eager.dialog, { key: "Enter" });
    await expect(eager.answer).resolves.toBe(true);
  });

  it("keeps Tab inside the dialog", async () => {
    const { dialog, answer } = await open();
    const cancel = screen.getByRole("button", { name: "Cancel" });
    const send = screen.getByRole("button", { name: "Send anyway" });
    send.focus();
    fireEvent.keyDown(send, { key: "Tab" });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(send);
    fireEvent.keyDown(dialog, { key: "Escape" });
    await answer;
  });

  it("asks one question at a time, in order", async () => {
    let a!: Promise<boolean>;
    let b!: Promise<boolean>;
    act(() => {
      a = ask({ ...question, title: "First?" });
      b = ask({ ...question, title: "Second?", confirmLabel: "Delete for good" });
    });
    await screen.findByRole("alertdialog", { name: "First?" });
    expect(screen.getAllByRole("alertdialog")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Send anyway" }));
    await expect(a).resolves.toBe(true);
    await screen.findByRole("alertdialog", { name: "Second?" });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await expect(b).resolves.toBe(false);
    expect(app.hasAttribute("inert")).toBe(false);
  });
});
