import { describe, expect, it } from "vitest";
import { encodeShareLink } from "../../../src/adapters/share";
import type { Workflow } from "../../../src/domain/workflow";
import { takeSharedWorkflow } from "../../../src/ui/app/start/shared-link";
import { copyShareLink } from "../../../src/ui/share/share-actions";
import { saveBlob } from "../../../src/ui/workflows/save-file";

const wf = (name: string, extra: Partial<Workflow> = {}): Workflow =>
  ({
    format: "reelflow/workflow",
    version: 1,
    name,
    nodes: [{ id: "p", type: "prompt", position: { x: 0, y: 0 }, data: { text: "a cat" } }],
    edges: [],
    ...extra,
  }) as Workflow;

const TYPE = { description: "Reelflow workflow", mime: "application/json", extension: ".json" };

describe("saveBlob (File System Access API)", () => {
  it("writes through the save dialog when the browser has one", async () => {
    const written: Blob[] = [];
    let offered: unknown;
    const win = {
      showSaveFilePicker: async (opts: unknown) => {
        offered = opts;
        return {
          createWritable: async () => ({
            write: async (b: Blob) => void written.push(b),
            close: async () => undefined,
          }),
        };
      },
    };
    const blob = new Blob(["{}"]);
    expect(await saveBlob(blob, "cat.reelflow.json", TYPE, win)).toBe("saved");
    expect(written).toEqual([blob]);
    expect(offered).toMatchObject({
      suggestedName: "cat.reelflow.json",
      types: [{ accept: { "application/json": [".json"] } }],
    });
  });

  it("treats a cancelled dialog as cancelled, not as an error", async () => {
    const win = {
      showSaveFilePicker: async () => Promise.reject(new DOMException("The user aborted a request.", "AbortError")),
    };
    expect(await saveBlob(new Blob(["{}"]), "x.json", TYPE, win)).toBe("cancelled");
  });
});

describe("share link actions", () => {
  it("copies the link to the clipboard", async () => {
    const copied: string[] = [];
    const r = await copyShareLink(encodeShareLink(wf("Cat"), "https://host/reelflow/#old"), {
      writeText: async (t) => void copied.push(t),
    });
    expect(r.ok && r.copied).toBe(true);
    expect(copied[0]).toMatch(/^https:\/\/host\/reelflow\/#w=/);
  });

  it("returns the link for copying by hand when the clipboard refuses", async () => {
    const r = await copyShareLink(encodeShareLink(wf("Cat"), "https://host/"), {
      writeText: async () => Promise.reject(new Error("denied")),
    });
    expect(r).toMatchObject({ ok: true, copied: false });
  });

  it("says why when the workflow is too big for a link", async () => {
    const nodes = Array.from({ length: 400 }, (_, i) => ({
      id: `p${i}`,
      type: "prompt",
      position: { x: i, y: 0 },
      data: { text: `${Math.random().toString(36)} ${i} ${crypto.randomUUID()}` },
    }));
    const r = await copyShareLink(encodeShareLink(wf("Big", { nodes } as never), "https://host/"), {
      writeText: async () => undefined,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/too big for a link.*Export bundle/);
  });

  it("on start, opens the workflow in the address and cleans the address", () => {
    const link = encodeShareLink(wf("Shared cat"), "https://host/reelflow/");
    if (!link.ok) throw new Error(link.reason);
    const replaced: string[] = [];
    const hash = link.url.slice(link.url.indexOf("#"));
    const r = takeSharedWorkflow({ href: link.url, hash }, (u) => replaced.push(u));
    expect(r.kind).toBe("workflow");
    expect(r.kind === "workflow" && r.workflow.nodes.map((n) => n.id)).toEqual(["p"]);
    expect(replaced).toEqual(["https://host/reelflow/"]);
  });

  it("a damaged link is reported, and the address cleaned", () => {
    const replaced: string[] = [];
    const r = takeSharedWorkflow({ href: "https://host/#w=garbage!!", hash: "#w=garbage!!" }, (u) => replaced.push(u));
    expect(r.kind).toBe("damaged");
    expect(r.kind === "damaged" && r.message).toMatch(/not opened/);
    expect(replaced).toEqual(["https://host/"]);
  });

  it("no fragment: nothing happens", () => {
    const replaced: string[] = [];
    expect(takeSharedWorkflow({ href: "https://host/", hash: "" }, (u) => replaced.push(u))).toEqual({ kind: "none" });
    expect(replaced).toEqual([]);
  });
});
