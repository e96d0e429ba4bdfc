// @vitest-environment jsdom
import { act, cleanup, fireEvent, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { NodeId } from "../../../src/domain/ids";
import type { Params } from "../../../src/domain/workflow";
import { findAdapter } from "../../../src/nodes/registry";
import type { ModelAdapter } from "../../../src/nodes/types";
import { successorFor } from "../../../src/ui/retired/RetiredOffer";
import { buildServices } from "../harness";
import { oneNodeDoc as doc, renderNode, T2V } from "../node/one-node";

afterEach(cleanup);

const SORA = "fal-ai/sora-2/text-to-video";

const nodeData = (services: ReturnType<typeof buildServices>) => {
  const n = services.editor.getState().doc.nodes[0];
  if (!n || n.type !== "text-to-video") throw new Error("node missing");
  return n.data;
};

describe("retired model on a node", () => {
  const sora = findAdapter(SORA) as ModelAdapter;
  const next = findAdapter(sora.retired?.successor ?? "") as ModelAdapter;

  it("Sora 2 is retired with a current successor of the same kind", () => {
    expect(sora.retired?.on).toBe("2026-09-24");
    expect(next.kind).toBe("text-to-video");
    expect(next.retired).toBeUndefined();
    expect(successorFor(sora, false)?.endpoint).toBe(next.endpoint);
  });

  it("shows the marker and a switch that keeps the prompt and accepted params, in one undo step", () => {
    // One param both models take (same name, a value the successor accepts) and one only Sora takes.
    const shared = sora.params.find(
      (p) =>
        p.kind === "enum" &&
        next.params.some(
          (q) => q.name === p.name && q.kind === "enum" && q.options.includes(p.options[p.options.length - 1] as never),
        ),
    );
    // A Sora value the successor does not take (missing param, or not among its options, e.g. duration 8 vs "8s").
    const soraOnly = sora.params.find(
      (p) =>
        p.kind === "enum" &&
        p.name !== shared?.name &&
        !next.params.some((q) => q.name === p.name && q.kind === "enum" && q.options.includes(p.options[0] as never)),
    );
    expect(shared).toBeDefined();
    expect(soraOnly).toBeDefined();
    const params: Params = { prompt: "a lighthouse at dusk" };
    if (shared?.kind === "enum") params[shared.name] = shared.options[shared.options.length - 1] as string;
    if (soraOnly?.kind === "enum") params[soraOnly.name] = soraOnly.options[0] as string;
    const { services, root } = renderNode(doc(SORA, params));

    expect(within(root).getByTestId("retired-marker").textContent).toBe("Sora 2 retired 2026-09-24");
    const button = within(root).getByRole("button", { name: `Switch to ${next.label}` });
    act(() => {
      fireEvent.click(button);
    });

    const after = nodeData(services);
    expect(after.endpoint).toBe(next.endpoint);
    expect(after.params?.prompt).toBe("a lighthouse at dusk");
    if (shared) expect(after.params?.[shared.name]).toBe(params[shared.name]);
    if (soraOnly) {
      // Dropped: the successor's own default (if any) takes its place, never the Sora value.
      expect(after.params?.[soraOnly.name]).not.toBe(params[soraOnly.name]);
      expect(within(root).getByTestId("switch-dropped").textContent).toContain(soraOnly.name);
    }
    // The marker is gone once the node is on a current model.
    expect(within(root).queryByTestId("retired-marker")).toBeNull();

    act(() => {
      services.editor.getState().undo();
    });
    expect(nodeData(services).endpoint).toBe(SORA);
    expect(nodeData(services).params).toEqual(params);
    expect(within(root).getByTestId("retired-marker")).toBeTruthy();
  });

  it("after fal answers not-found the node says the model is gone and offers the switch", () => {
    const { services, root } = renderNode(doc(SORA, { prompt: "x" }));
    expect(within(root).queryByTestId("model-gone")).toBeNull();
    act(() => {
      services.runs.setState((s) => ({
        run: {
          ...s.run,
          nodes: {
            ...s.run.nodes,
            [T2V as NodeId]: {
              status: "failed",
              logs: [],
              error: { code: "not-found", message: "fal does not know it", mayHaveBeenCharged: false, httpStatus: 404 },
            },
          },
        },
      }));
    });
    expect(within(root).getByTestId("model-gone").textContent).toContain("the model is gone");
    expect(within(root).getByTestId("retired-offer").classList.contains("gone")).toBe(true);
    expect(within(root).getByRole("button", { name: `Switch to ${next.label}` })).toBeTruthy();
  });

  it("a current model shows no marker", () => {
    const { root } = renderNode(doc(next.endpoint, { prompt: "x" }));
    expect(within(root).queryByTestId("retired-offer")).toBeNull();
  });
});
