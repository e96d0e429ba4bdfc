// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { endpointId } from "../../../src/domain/ids";
import { adaptersFor, findAdapter } from "../../../src/nodes/registry";
import { DefaultModelSettings, endpointForNewNode } from "../../../src/ui/retired/default-models";
import { buildServices, Wrap } from "../harness";

afterEach(cleanup);

const SORA = endpointId("fal-ai/sora-2/text-to-video");

describe("default model for new nodes", () => {
  const current = adaptersFor("text-to-video").filter((a) => !a.retired);
  const other = current[current.length - 1];

  it("uses the chosen current model, never a retired or wrong-kind one, and a palette pick wins", () => {
    if (!other) throw new Error("no current text-to-video model");
    expect(endpointForNewNode("text-to-video", undefined, { "text-to-video": other.endpoint })).toBe(other.endpoint);
    expect(endpointForNewNode("text-to-video", undefined, { "text-to-video": SORA })).toBeUndefined();
    expect(endpointForNewNode("image-to-video", undefined, { "image-to-video": other.endpoint })).toBeUndefined();
    expect(endpointForNewNode("text-to-video", "fal-ai/veo3.1", { "text-to-video": other.endpoint })).toBe(
      "fal-ai/veo3.1",
    );
    expect(endpointForNewNode("prompt", undefined, { "text-to-video": other.endpoint })).toBeUndefined();
  });

  it("settings list only current models per kind and store the choice", async () => {
    if (!other) throw new Error("no current text-to-video model");
    const services = buildServices();
    render(
      <Wrap services={services}>
        <DefaultModelSettings />
      </Wrap>,
    );
    const select = screen.getByLabelText<HTMLSelectElement>("Default model: Text-to-Video");
    expect([...select.options].map((o) => o.value)).toEqual(current.map((a) => a.endpoint));
    expect([...select.options].some((o) => findAdapter(o.value)?.retired)).toBe(false);
    await act(async () => {
      fireEvent.change(select, { target: { value: other.endpoint } });
    });
    expect(services.settings.getState().defaultModels["text-to-video"]).toBe(other.endpoint);
    // The editor, given that endpoint as the UI does, makes the node on it.
    const id = services.editor
      .getState()
      .addNode(
        "text-to-video",
        { x: 0, y: 0 },
        { endpoint: endpointForNewNode("text-to-video", undefined, services.settings.getState().defaultModels) },
      );
    const node = services.editor.getState().doc.nodes.find((n) => n.id === id);
    expect(node?.type === "text-to-video" && node.data.endpoint).toBe(other.endpoint);
  });
});
