import type { Workflow } from "../../../src/domain/workflow";

/**
 * The workflow the storage tests save and read back: `name`, one prompt node "prompt-1" saying "hi" (plus `data`,
 * e.g. a field from a later version that must be kept), and `extra` top-level fields.
 */
export const promptDoc = (
  name: string,
  data: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name,
  nodes: [
    {
      id: "prompt-1" as Workflow["nodes"][number]["id"],
      type: "prompt",
      position: { x: 1, y: 2 },
      data: { text: "hi", ...data },
    },
  ],
  edges: [],
  ...extra,
});
