// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GenerationKind } from "../../../src/domain/workflow";
import { adaptersFor, type AdapterLookup } from "../../../src/nodes/registry";
import type { ModelAdapter } from "../../../src/nodes/types";
import { ModelPicker } from "../../../src/ui/models/ModelPicker";
import type { ModelSource } from "../../../src/ui/models/model-source";
import { entryOf } from "../../../src/ui/models/model-list";
import { fakeCatalogueModel, manyModels } from "./fake-models";

afterEach(cleanup);

const wan = fakeCatalogueModel({ endpoint: "fal-ai/wan/v2.7/text-to-video", label: "Wan 2.7", usdPerSecond: 0.1 });
const ltx = fakeCatalogueModel({
  endpoint: "lightricks/ltx-2.5/text-to-video/pro",
  label: "LTX 2.5 Pro",
  usdPerSecond: 0.12,
});
const tokens = fakeCatalogueModel({
  endpoint: "bytedance/seedance-2.0/mini/text-to-video",
  label: "Seedance 2.0 Mini",
  usdPerSecond: null,
});
const i2v = fakeCatalogueModel({
  endpoint: "minimax/h3/image-to-video",
  label: "MiniMax H3",
  kind: "image-to-video",
  usdPerSecond: 0.06,
});

/** A source over fixed lists; `resolve` answers from `resolvable` (as the catalogue's ensure would). */
function sourceOf(
  list: ModelAdapter[],
  opts: { resolvable?: ModelAdapter[]; live?: ModelAdapter[] } = {},
): ModelSource & { resolved: string[] } {
  const resolved: string[] = [];
  const byEndpoint = new Map([...list, ...(opts.resolvable ?? [])].map((a) => [a.endpoint as string, a]));
  return {
    resolved,
    catalogue: async () => list.map(entryOf),
    ...(opts.live ? { searchLive: async () => (opts.live ?? []).map(entryOf) } : {}),
    async resolve(endpoint): Promise<AdapterLookup> {
      resolved.push(endpoint);
      const adapter = byEndpoint.get(endpoint);
      return adapter ? { ok: true, adapter } : { ok: false, reason: `fal's catalogue has no model "${endpoint}"` };
    },
  };
}

function open(source: ModelSource, kind: GenerationKind = "text-to-video") {
  const onPick = vi.fn<(a: ModelAdapter) => void>();
  const onClose = vi.fn();
  render(<ModelPicker kind={kind} title="Model of t2v-1" source={source} onPick={onPick} onClose={onClose} />);
  const dialog = screen.getByRole("dialog", { name: "Model of t2v-1" });
  const search = within(dialog).getByRole("combobox", { name: "Search models" });
  const rows = () => within(dialog).queryAllByRole("option");
  const endpoints = () => rows().map((r) => r.dataset.endpoint);
  const type = (text: string) => act(() => void fireEvent.change(search, { target: { value: text } }));
  const key = (k: string) => act(() => void fireEvent.keyDown(search, { key: k }));
  return { dialog, search, rows, endpoints, type, key, onPick, onClose };
}

describe("model picker", () => {
  const curatedT2v = adaptersFor("text-to-video").map((a) => a.endpoint as string);

  it("lists the curated models of the node's kind first, then the catalogue's, each with a price and a mark", async () => {
    const p = open(sourceOf([wan, ltx, tokens, i2v]));
    await waitFor(() => expect(p.endpoints()).toContain(wan.endpoint));
    const shown = p.endpoints();
    // Curated (current before retired), then the catalogue's; the image-to-video model is not offered here.
    expect(new Set(shown.slice(0, curatedT2v.length))).toEqual(new Set(curatedT2v));
    expect(shown.slice(curatedT2v.length)).toEqual([wan.endpoint, ltx.endpoint, tokens.endpoint]);
    const row = (endpoint: string) => p.rows().find((r) => r.dataset.endpoint === endpoint) as HTMLElement;
    expect(row(wan.endpoint).textContent).toContain("$0.1/s");
    expect(row(wan.endpoint).textContent).toContain("fal schema 2026-12-05");
    expect(row(curatedT2v[0] ?? "").textContent).toContain("curated");
    // An unknown price says so, with fal's unit when one is known, and is never $0.
    expect(row(tokens.endpoint).textContent).toContain("price unknown");
    for (const r of p.rows()) expect(r.textContent).not.toMatch(/\$0(\.0+)?(\/s| per)/);
    // A retired curated model says so.
    expect(p.rows().some((r) => r.textContent?.includes("retired"))).toBe(true);
  });

  it("filters as one types (every word must match: name, endpoint or mark)", async () => {
    const p = open(sourceOf([wan, ltx, tokens]));
    await waitFor(() => expect(p.endpoints()).toContain(wan.endpoint));
    p.type("wan");
    expect(p.endpoints()).toEqual([wan.endpoint]);
    p.type("text-to-video pro");
    expect(p.endpoints()).toContain(ltx.endpoint);
    expect(p.endpoints()).not.toContain(wan.endpoint);
    p.type("fal schema");
    expect(p.endpoints()).toEqual([wan.endpoint, ltx.endpoint, tokens.endpoint]);
    p.type("nothing like this");
    expect(p.endpoints()).toEqual([]);
    expect(within(p.dialog).getByRole("status").textContent).toContain("No model matches");
  });

  it("is driven by the keyboard: arrows move the active option, Enter picks it, Escape closes", async () => {
    const p = open(sourceOf([wan, ltx]));
    await waitFor(() => expect(p.endpoints()).toContain(ltx.endpoint));
    p.type("fal schema");
    expect(p.rows()[0]?.getAttribute("aria-selected")).toBe("true");
    p.key("ArrowDown");
    expect(p.rows()[1]?.getAttribute("aria-selected")).toBe("true");
    expect(p.search.getAttribute("aria-activedescendant")).toBe(p.rows()[1]?.id);
    p.key("ArrowDown");
    expect(p.rows()[1]?.getAttribute("aria-selected")).toBe("true");
    p.key("ArrowUp");
    p.key("ArrowDown");
    await act(async () => void fireEvent.keyDown(p.search, { key: "Enter" }));
    await waitFor(() => expect(p.onPick).toHaveBeenCalledTimes(1));
    // A catalogue model is resolved before it is set (the registry must know it).
    expect(p.onPick.mock.calls[0]?.[0].endpoint).toBe(ltx.endpoint);
    p.key("Escape");
    expect(p.onClose).toHaveBeenCalled();
  });

  it("picks a curated model at once, without asking the catalogue", async () => {
    const source = sourceOf([wan]);
    const p = open(source);
    const veo = adaptersFor("text-to-video").find((a) => a.endpoint === "fal-ai/veo3.1") as ModelAdapter;
    p.type("veo3.1 standard");
    expect(p.endpoints()[0]).toBe(veo.endpoint);
    p.key("Enter");
    expect(p.onPick).toHaveBeenCalledWith(veo);
    expect(source.resolved).toEqual([]);
  });

  it("shows at most 50 rows and says how many more match", async () => {
    const models = manyModels(500);
    const p = open(sourceOf(models));
    await waitFor(() => expect(within(p.dialog).getByRole("status").textContent).toMatch(/more: refine the search/));
    expect(p.rows()).toHaveLength(50);
    const matches = curatedT2v.length + 500;
    expect(within(p.dialog).getByRole("status").textContent).toContain(`${matches - 50} more: refine the search.`);
    p.type("WAN v3.0");
    const expected = models.filter((a) => a.label.startsWith("wan v3.0 ")).map((a) => a.endpoint);
    expect(expected.length).toBeGreaterThan(10);
    expect(p.endpoints()).toEqual(expected);
    expect(within(p.dialog).getByRole("status").textContent).not.toContain("more");
  });

  it("appends what fal's live search finds, after a pause in typing", async () => {
    const live = fakeCatalogueModel({
      endpoint: "alibaba/happy-horse/v1.1/text-to-video",
      label: "Happy Horse 1.1",
      usdPerSecond: 0.14,
    });
    const p = open(sourceOf([wan], { live: [live, wan] }));
    await waitFor(() => expect(p.endpoints()).toContain(wan.endpoint));
    p.type("horse");
    expect(p.endpoints()).toEqual([]);
    await waitFor(() => expect(p.endpoints()).toEqual([live.endpoint]), { timeout: 3000 });
    expect(p.rows()[0]?.textContent).toContain("$0.14/s");
  });

  describe("Use another fal endpoint…", () => {
    const useOther = async (p: ReturnType<typeof open>, endpoint: string) => {
      fireEvent.click(within(p.dialog).getByRole("button", { name: "Use another fal endpoint…" }));
      fireEvent.change(within(p.dialog).getByLabelText("fal endpoint id"), { target: { value: endpoint } });
      await act(async () => void fireEvent.click(within(p.dialog).getByRole("button", { name: "Use this endpoint" })));
    };

    it("resolves any endpoint id and sets it when it is a model of this kind", async () => {
      const extra = fakeCatalogueModel({
        endpoint: "fal-ai/new-model/text-to-video",
        label: "New Model",
        usdPerSecond: 0.2,
      });
      const source = sourceOf([wan], { resolvable: [extra] });
      const p = open(source);
      await useOther(p, " fal-ai/new-model/text-to-video ");
      expect(source.resolved).toEqual(["fal-ai/new-model/text-to-video"]);
      expect(p.onPick).toHaveBeenCalledWith(extra);
    });

    it("says why when fal has no such model, and sets nothing", async () => {
      const p = open(sourceOf([wan]));
      await useOther(p, "fal-ai/no-such/model");
      await waitFor(() =>
        expect(p.dialog.textContent).toContain(
          `fal-ai/no-such/model cannot be used: fal's catalogue has no model "fal-ai/no-such/model"`,
        ),
      );
      expect(p.onPick).not.toHaveBeenCalled();
    });

    it("says why when the endpoint is a model of another kind", async () => {
      const p = open(sourceOf([wan], { resolvable: [i2v] }));
      await useOther(p, i2v.endpoint);
      await waitFor(() =>
        expect(p.dialog.textContent).toContain(
          "MiniMax H3 (minimax/h3/image-to-video) is an Image-to-Video model; this node is a Text-to-Video node",
        ),
      );
      expect(p.onPick).not.toHaveBeenCalled();
    });

    it("refuses what is not an endpoint id before asking anyone", async () => {
      const source = sourceOf([wan]);
      const p = open(source);
      await useOther(p, "wan 2.7");
      expect(p.dialog.textContent).toContain(`"wan 2.7" is not a fal endpoint id`);
      expect(source.resolved).toEqual([]);
    });
  });
});
