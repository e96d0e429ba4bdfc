import { describe, expect, it } from "vitest";
import { demoCacheView } from "../../src/adapters/demo/demo-cache";
import { edgeId, nodeId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import { createEditorStore } from "../../src/editor/store";
import { ALREADY_RUNNING, createRunController, type RunEnvironment } from "../../src/ui/run/run-controller";
import { createRunStore } from "../../src/ui/run/run-store";
import { displayOf } from "../../src/ui/run/node-status";
import { memoryCache } from "./harness";
import { soraChain } from "./sora-graphs";
import { recordingDemoClient } from "./run-fixture";

const workflow: Workflow = soraChain({ name: "controller", text: "waves at night", remix: "in daylight" });

function setup(delayMs = 30) {
  const editor = createEditorStore({ doc: workflow });
  const runs = createRunStore();
  const inner = memoryCache();
  const { client, submitted } = recordingDemoClient(delayMs);
  const env: RunEnvironment = {
    simulated: () => true,
    cache: async () => inner,
    ports: async () => ({ client, cache: demoCacheView(inner) }),
  };
  const said: string[] = [];
  const runner = createRunController(runs, env, () => editor.getState().doc, { say: (m) => said.push(m) });
  const show = (id: string) => {
    const s = runs.getState();
    return displayOf(s.run.nodes[nodeId(id)], s.keys[id], s.keysAtRun[id], s.stored[id]);
  };
  return { editor, runs, runner, said, show, submits: () => submitted.length };
}

describe("run controller (demo ports, real planner and executor)", () => {
  it("Run all runs every node once; the bill then says all cached; an edit re-runs only what changed", async () => {
    const t = setup();
    await t.runner.refresh(t.editor.getState().doc);
    expect(t.runs.getState().preview).toMatchObject({ paid: 2, cached: 0, usd: 0, simulated: true });

    await t.runner.runAll();
    expect(t.show("v").status).toBe("succeeded");
    expect(t.show("r").status).toBe("succeeded");
    expect(t.show("r").result?.simulated).toBe(true);
    expect(t.submits()).toBe(2);
    expect(t.runs.getState().preview).toMatchObject({ paid: 0, cached: 2 });

    await t.runner.runAll();
    expect(t.submits()).toBe(2);
    expect(t.show("v").status).toBe("cached");

    t.editor.getState().setParam(nodeId("r"), "prompt", "at dawn");
    await t.runner.refresh(t.editor.getState().doc);
    expect(t.show("r")).toMatchObject({ status: "idle", stale: true });
    expect(t.runs.getState().preview).toMatchObject({ paid: 1, cached: 1 });
    await t.runner.runAll();
    expect(t.submits()).toBe(3);
    expect(t.show("v").status).toBe("cached");
    expect(t.show("r").status).toBe("succeeded");
  });

  it("a press while a run is being prepared starts no second run beside it: each node is sent once", async () => {
    const t = setup();
    const first = t.runner.runAll();
    // The first run is still looking up models, planning and asking its questions: not yet busy, but starting.
    expect(t.runs.getState()).toMatchObject({ busy: false, starting: true });
    const second = t.runner.runAll();
    const again = t.runner.submitAgain(nodeId("v"));
    await Promise.all([first, second, again]);
    expect(t.submits()).toBe(2);
    expect(t.said.filter((m) => m === ALREADY_RUNNING)).toHaveLength(2);
    expect(t.runs.getState()).toMatchObject({ busy: false, starting: false });
    await t.runner.runUpTo(nodeId("v"));
    expect(t.show("v").status).toBe("cached");
  });

  it("Run this node refuses while an input has no result, and says to use Run up to here", async () => {
    const t = setup();
    await t.runner.runNode(nodeId("r"));
    expect(t.submits()).toBe(0);
    expect(t.said.at(-1)).toMatch(/v has none.*Run up to here/);
    await t.runner.runUpTo(nodeId("v"));
    expect(t.submits()).toBe(1);
    expect(t.show("r").status).toBe("idle");
    await t.runner.runNode(nodeId("r"));
    expect(t.submits()).toBe(2);
    expect(t.show("r").status).toBe("succeeded");
  });

  it("Stop cancels the running job; the node then shows cancelled", async () => {
    const t = setup(60_000);
    const running = t.runner.runUpTo(nodeId("v"));
    await new Promise<void>((resolve) => {
      const off = t.runs.subscribe((s) => {
        if (s.run.nodes[nodeId("v")]?.requestId) {
          off();
          resolve();
        }
      });
    });
    expect(t.runs.getState().busy).toBe(true);
    t.runner.stop();
    await running;
    expect(t.runs.getState().busy).toBe(false);
    expect(t.show("v")).toMatchObject({ status: "failed", detail: "cancelled" });
  });

  it("refuses to run a graph with problems and names them; nothing is sent", async () => {
    const t = setup();
    t.editor.getState().removeEdges([edgeId("e1")]);
    await t.runner.runAll();
    expect(t.submits()).toBe(0);
    expect(t.said.at(-1)).toMatch(/^Nothing was sent\..*needs a prompt/);
  });
});
