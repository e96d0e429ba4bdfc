// @vitest-environment jsdom
// A node's display re-renders its view only when something it shows can change: a plan handing every node of a
// just-opened graph its cache key must not re-render all of them (bench 4b), while after a run an edit (new key)
// still turns the node's finished run into "changed".
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CacheKey, NodeId } from "../../../src/domain/ids";
import type { NodeRunState } from "../../../src/engine/run-state";
import { useNodeDisplay } from "../../../src/ui/node/use-node";
import { renderCounted } from "./render-counted";

const key = (k: string) => k as CacheKey;

const setUp = () => renderCounted(() => useNodeDisplay("v1"));

describe("useNodeDisplay", () => {
  it("a node no run has touched does not re-render when a plan gives it a key, or a new one", () => {
    const { services, hook, renders } = setUp();
    const before = renders();
    act(() => services.runs.setState({ keys: { v1: key("k1") } }));
    act(() => services.runs.setState({ keys: { v1: key("k2") } }));
    expect(renders()).toBe(before);
    expect(hook.result.current.status).toBe("idle");
  });

  it("after a run, a new key (the node was edited) makes its finished run stale, and the old key brings it back", () => {
    const { services, hook } = setUp();
    const done = { status: "succeeded", logs: [] } as unknown as NodeRunState;
    act(() =>
      services.runs.setState((s) => ({
        keys: { v1: key("k1") },
        keysAtRun: { v1: key("k1") },
        run: { ...s.run, nodes: { ["v1" as NodeId]: done } },
      })),
    );
    expect(hook.result.current.status).toBe("succeeded");
    act(() => services.runs.setState({ keys: { v1: key("k2") } }));
    expect(hook.result.current.status).toBe("idle");
    act(() => services.runs.setState({ keys: { v1: key("k1") } }));
    expect(hook.result.current.status).toBe("succeeded");
  });
});
