// @vitest-environment jsdom
// The take strip's code is not in the first-load script (src/ui/takes/strip/strip-body-on-demand.ts). A reopened
// workflow with takes must still draw its strips in its first frame: the start fetches that code with the first
// plan. Its own file, so the strip code starts out not loaded (modules are shared by the tests of one file).
import "fake-indexeddb/auto";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import {
  createDexieTakeStore,
  createSettingsRepository,
  createWorkflowRepository,
  DB_NAME,
  openReelflowDb,
} from "../../../../src/adapters/db";
import type { CacheKey, NodeId } from "../../../../src/domain/ids";
import type { Workflow } from "../../../../src/domain/workflow";
import { planWorkflow } from "../../../../src/engine/plan";
import { startServices } from "../../../../src/ui/app/start/compose";
import { TakeStrip } from "../../../../src/ui/takes/strip/TakeStrip";
import { Wrap } from "../../harness";
import { kiteTake } from "../../../fixtures/kite-take";

afterEach(cleanup);

const V = "v" as NodeId;
const withVideo: Workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "Videos",
  nodes: [
    {
      id: V,
      type: "text-to-video",
      position: { x: 0, y: 0 },
      data: { endpoint: "fal-ai/sora-2/text-to-video" as never, params: { prompt: "a kite", duration: 4 } },
    },
  ],
  edges: [],
};

it("a reopened workflow's take strips are drawn in the render that first shows its nodes", async () => {
  const db = openReelflowDb(DB_NAME);
  const stored = await createWorkflowRepository(db).create({ workflow: withVideo });
  const plan = await planWorkflow(withVideo);
  if (!plan.ok) throw new Error("plans");
  const key = plan.plan.nodes.get(V)?.key as CacheKey;
  await createDexieTakeStore(db, { namespace: "demo" }).record(
    kiteTake({ workflowId: stored.id, nodeId: V, key, costUsd: 0, createdAt: "2026-12-01T00:00:00.000Z" }),
  );
  await createSettingsRepository(db).update({ lastWorkflowId: stored.id, setupDone: true, mode: "demo" });
  db.close();

  // Compiled ahead (a test runner compiles a module at its first import, which can outlast the first frame's wait
  // for its first plan on a busy machine); importing the module does not load it for the strips.
  await Promise.all([
    import("../../../../src/ui/takes/strip/StripBody"),
    import("../../../../src/ui/app/start/first-plan"),
  ]);
  const { services } = await startServices();
  expect(services.editor.getState().workflowId).toBe(stored.id);
  // No waiting: this is the first frame start/index.tsx renders once startServices() has answered.
  render(
    <Wrap services={services}>
      <TakeStrip nodeId={V} />
    </Wrap>,
  );
  expect(screen.getByTestId("take-strip-v")).toBeTruthy();
  expect(screen.getByTestId("take-v-0").getAttribute("data-chosen")).toBe("true");
});
