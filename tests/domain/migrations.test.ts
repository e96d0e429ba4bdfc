import { describe, expect, it } from "vitest";
import { migrateWorkflow, workflowMigrations, type WorkflowMigration } from "../../src/domain/migrations";
import { parseWorkflow } from "../../src/domain/parse";

// A made-up history used to prove the mechanism: v0 kept the prompt under `prompt`,
// v1 keeps it under `text`.
const v0ToV1: WorkflowMigration = {
  name: "v0-to-v1: prompt text moves from data.prompt to data.text",
  from: 0,
  migrate: (doc) => ({
    ...doc,
    nodes: (doc.nodes as Record<string, unknown>[]).map((n) => {
      if (n.type !== "prompt") return n;
      const { prompt, ...data } = n.data as Record<string, unknown>;
      return { ...n, data: { ...data, text: prompt } };
    }),
  }),
};
const v1ToV2: WorkflowMigration = {
  name: "v1-to-v2: adds groups",
  from: 1,
  migrate: (doc) => ({ ...doc, groups: [] }),
};

describe("workflow migrations", () => {
  it("the built-in registry has no steps yet (version 1 is the first format)", () => {
    expect(workflowMigrations).toEqual([]);
  });

  it("applies named steps in order and sets each step's version", () => {
    const r = migrateWorkflow({ format: "reelflow/workflow", version: 0, nodes: [] }, 0, [v1ToV2, v0ToV1], 2);
    expect(r).toEqual({
      ok: true,
      doc: { format: "reelflow/workflow", version: 2, nodes: [], groups: [] },
      applied: [v0ToV1.name, v1ToV2.name],
    });
  });

  it("does nothing for a file already at the target version", () => {
    const doc = { version: 1, x: 1 };
    expect(migrateWorkflow(doc, 1, [v0ToV1], 1)).toEqual({ ok: true, doc, applied: [] });
  });

  it("names the missing step", () => {
    expect(migrateWorkflow({ version: 0 }, 0, [v1ToV2], 2)).toEqual({
      ok: false,
      error:
        "This file uses workflow format version 0, which this Reelflow cannot read (there is no migration from version 0 to 1).",
    });
  });

  it("refuses a registry with two steps from one version", () => {
    const r = migrateWorkflow({ version: 0 }, 0, [v0ToV1, { ...v0ToV1, name: "other" }], 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("more than one migration from version 0");
  });

  it("reports a step that throws, by name", () => {
    const broken: WorkflowMigration = {
      name: "v0-to-v1: broken",
      from: 0,
      migrate: () => {
        throw new Error("nodes is not a list");
      },
    };
    expect(migrateWorkflow({ version: 0 }, 0, [broken], 1)).toEqual({
      ok: false,
      error: "Could not update this file from format version 0 to 1 (v0-to-v1: broken): nodes is not a list",
    });
  });

  it("parseWorkflow opens an older file through a registry, says it migrated, and keeps unknown fields", () => {
    const old = {
      format: "reelflow/workflow",
      version: 0,
      name: "Old",
      extra: { kept: true },
      nodes: [{ id: "p1", type: "prompt", position: { x: 0, y: 0 }, data: { prompt: "A cat", mood: "calm" } }],
      edges: [],
    };
    const r = parseWorkflow(old, { migrations: [v0ToV1] });
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.migratedFrom).toBe(0);
    expect(r.workflow.version).toBe(1);
    expect(r.workflow.extra).toEqual({ kept: true });
    expect(r.workflow.nodes[0]?.data).toEqual({ mood: "calm", text: "A cat" });
    expect(old.nodes[0]?.data).toEqual({ prompt: "A cat", mood: "calm" });
  });

  it("a migrated document is still validated by the current schema", () => {
    const sloppy: WorkflowMigration = {
      name: "v0-to-v1: forgets nodes",
      from: 0,
      migrate: ({ nodes: _, ...rest }) => rest,
    };
    expect(parseWorkflow({ format: "reelflow/workflow", version: 0, nodes: [] }, { migrations: [sloppy] })).toEqual({
      ok: false,
      errors: [`The "nodes" field is missing`],
    });
  });
});
