// @vitest-environment node
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createWorkflowRepository, openReelflowDb } from "../../../../src/adapters/db";
import type { Workflow } from "../../../../src/domain/workflow";
import { lazy } from "../../../../src/ui/app/start/lazy";

const doc = (name: string): Workflow => ({ format: "reelflow/workflow", version: 1, name, nodes: [], edges: [] });

describe("lazy(): a part that loads later", () => {
  it("wait() waits without starting the load; start() starts it once; a failed load can be started again", async () => {
    let loads = 0;
    let fail = true;
    const part = lazy(async () => {
      loads++;
      if (fail) throw new Error("offline");
      return { value: 42 };
    });
    const waiting = part.wait();
    await Promise.resolve();
    expect(loads).toBe(0);
    expect(part.now()).toBeNull();
    await expect(part.start()).rejects.toThrow("offline");
    await expect(waiting).rejects.toThrow("offline");
    fail = false;
    await expect(part.start()).resolves.toEqual({ value: 42 });
    await part.start();
    await part.wait();
    expect(loads).toBe(2);
    expect(part.now()).toEqual({ value: 42 });
  });

  it("stands in for the part's methods: a call made before it is here starts it, waits, and is kept", async () => {
    const db = openReelflowDb(`reelflow-lazy-${process.pid}`);
    let open!: () => void;
    const arrived = new Promise<void>((resolve) => (open = resolve));
    let loads = 0;
    const part = lazy(async () => {
      loads++;
      await arrived;
      return createWorkflowRepository(db);
    });
    const repo = part.calls(["save", "get"]);
    const saving = repo.save("wf-early0000" as never, doc("Typed in the first instant"));
    await new Promise((r) => setTimeout(r, 20));
    expect(loads).toBe(1);
    expect(await db.workflows.count()).toBe(0);
    open();
    await saving;
    const stored = await repo.get("wf-early0000" as never);
    expect(stored?.ok && stored.workflow.name).toBe("Typed in the first instant");
    expect(loads).toBe(1);
    db.close();
  });

  it("says a failed load in the part's own terms (`failed`), to every call and waiter, and tries again at the next", async () => {
    let loads = 0;
    const part = lazy(
      async () => {
        if (++loads === 1) throw new Error("Failed to fetch dynamically imported module");
        return { hello: async (who: string) => `hello ${who}` };
      },
      (e) => new RangeError(`not loaded: ${e instanceof Error ? e.message : String(e)}`),
    );
    const waiting = part.wait();
    const err = await part
      .calls(["hello"])
      .hello("you")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toBe("not loaded: Failed to fetch dynamically imported module");
    await expect(waiting).rejects.toBeInstanceOf(RangeError);
    expect(await part.calls(["hello"]).hello("again")).toBe("hello again");
    expect(loads).toBe(2);
  });
});
