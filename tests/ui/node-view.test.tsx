// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Workflow } from "../../src/domain/workflow";
import { adaptersFor, findAdapter } from "../../src/nodes/registry";
import type { ModelAdapter } from "../../src/nodes/types";
import { ModelPickerOverlay } from "../../src/ui/models/ModelPickerOverlay";
import { perSecondText } from "../../src/ui/models/model-facts";
import { oneNodeDoc as doc, renderNode as renderNodeOf } from "./node/one-node";

afterEach(cleanup);

const renderNode = (w: Workflow) => renderNodeOf(w, <ModelPickerOverlay />);

/** Options of the select labelled `label` inside the node, as strings. */
const optionsOf = (root: HTMLElement, label: string) =>
  [...within(root).getByLabelText<HTMLSelectElement>(label).options].map((o) => o.value);

const enumSpecs = (a: ModelAdapter) => a.params.filter((p) => p.kind === "enum");

describe("generic node view", () => {
  const t2vModels = adaptersFor("text-to-video");

  it("draws a select per enum param of the node's model, with exactly its options and the default chosen", () => {
    for (const adapter of t2vModels.slice(0, 3)) {
      const { root } = renderNode(doc(adapter.endpoint));
      expect(root.dataset.status).toBe("idle");
      // The rarely changed ones (ParamSpec.more) are behind the node's More toggle.
      const more = within(root).queryByRole("button", { name: /^More \(/ });
      if (more) act(() => void fireEvent.click(more));
      for (const spec of enumSpecs(adapter)) {
        if (spec.kind !== "enum") continue;
        expect(optionsOf(root, spec.label)).toEqual(spec.options.map(String));
        expect(within(root).getByLabelText<HTMLSelectElement>(spec.label).value).toBe(String(spec.default));
      }
      cleanup();
    }
  });

  it("the model button names the model, its price per second and mark; the picker sets another model and its params", async () => {
    const from = t2vModels.find((a) => !a.retired) as ModelAdapter;
    const to = t2vModels.find((a) => a.family !== from.family && !a.retired) as ModelAdapter;
    const { services, root } = renderNode(doc(from.endpoint));
    const button = within(root).getByRole("button", { name: /^Model / });
    expect(button.dataset.endpoint).toBe(from.endpoint);
    expect(button.textContent).toContain(from.label);
    expect(button.textContent).toContain(perSecondText(from));
    expect(button.textContent).toContain("curated");

    act(() => void fireEvent.click(button));
    const search = await screen.findByRole("combobox", { name: "Search models" });
    act(() => void fireEvent.change(search, { target: { value: to.endpoint } }));
    expect(within(screen.getByRole("listbox", { name: "Models" })).getAllByRole("option")[0]?.dataset.endpoint).toBe(
      to.endpoint,
    );
    act(() => void fireEvent.keyDown(search, { key: "Enter" }));
    expect(screen.queryByRole("dialog")).toBeNull();

    const node = services.editor.getState().doc.nodes[0];
    expect(node?.type === "text-to-video" && node.data.endpoint).toBe(to.endpoint);
    expect(within(root).getByRole("button", { name: /^Model / }).dataset.endpoint).toBe(to.endpoint);
    // Every param field now belongs to the new model (its rarely changed ones behind More).
    const shown = [...root.querySelectorAll("label.param > span")].map((s) => s.textContent);
    expect(shown).toEqual(["Model", ...to.params.filter((p) => !p.more).map((p) => p.label)]);
    // Stored params are ones the new model accepts.
    const params = node?.type === "text-to-video" ? (node.data.params ?? {}) : {};
    for (const name of Object.keys(params))
      expect(name === "prompt" || to.params.some((p) => p.name === name)).toBe(true);
    // One undo step brings the old model back.
    act(() => void services.editor.getState().undo());
    expect(within(root).getByRole("button", { name: /^Model / }).dataset.endpoint).toBe(from.endpoint);
  });

  it("switching the variant changes the allowed options (Sora 2 standard → Pro offers 1080p)", async () => {
    const standard = findAdapter("fal-ai/sora-2/text-to-video") as ModelAdapter;
    const pro = findAdapter("fal-ai/sora-2/text-to-video/pro") as ModelAdapter;
    const { services, root } = renderNode(doc(standard.endpoint));
    expect(optionsOf(root, "Resolution")).toEqual(["720p"]);
    act(() => void fireEvent.click(within(root).getByRole("button", { name: /^Model / })));
    const search = await screen.findByRole("combobox", { name: "Search models" });
    act(() => void fireEvent.change(search, { target: { value: "sora pro" } }));
    act(() => void fireEvent.keyDown(search, { key: "Enter" }));
    expect(optionsOf(root, "Resolution")).toEqual(["720p", "1080p"]);
    const node = services.editor.getState().doc.nodes[0];
    expect(node?.type === "text-to-video" && node.data.endpoint).toBe(pro.endpoint);
  });

  it("a chosen option is stored as its typed value (numbers stay numbers) and is undoable", () => {
    const standard = findAdapter("fal-ai/sora-2/text-to-video") as ModelAdapter;
    const { services, root } = renderNode(doc(standard.endpoint));
    act(() => {
      fireEvent.change(within(root).getByLabelText("Duration (s)"), { target: { value: "8" } });
    });
    const params = () => {
      const n = services.editor.getState().doc.nodes[0];
      return n?.type === "text-to-video" ? n.data.params : undefined;
    };
    expect(params()?.duration).toBe(8);
    act(() => void services.editor.getState().undo());
    expect(params()?.duration).not.toBe(8);
    expect(within(root).getByLabelText<HTMLSelectElement>("Duration (s)").value).toBe("4");
  });

  it("shows a prompt textarea while no edge feeds the prompt input, and typing goes into the node", () => {
    const { services, root } = renderNode(doc("fal-ai/sora-2/text-to-video"));
    const box = within(root).getByLabelText<HTMLTextAreaElement>("Prompt");
    act(() => {
      fireEvent.change(box, { target: { value: "a fox in snow" } });
    });
    const n = services.editor.getState().doc.nodes[0];
    expect(n?.type === "text-to-video" && n.data.params?.prompt).toBe("a fox in snow");
    expect(screen.queryByText(/Unknown model/)).toBeNull();
  });
});
