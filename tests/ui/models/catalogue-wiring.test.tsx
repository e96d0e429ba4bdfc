// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createModelCatalogue } from "../../../src/adapters/catalogue/service";
import { loadSnapshot } from "../../../src/adapters/catalogue/snapshot";
import { createMemoryCatalogueStore } from "../../../src/adapters/catalogue/store";
import { createBudgetRepository, createDexieSpendLedger } from "../../../src/adapters/db";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings";
import { endpointId, nodeId, workflowId, type EndpointId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import type { ModelCatalogue } from "../../../src/engine/ports";
import { resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import { findAdapter } from "../../../src/nodes/registry";
import BillPanel from "../../../src/ui/money/BillPanel";
import { createMoneyService } from "../../../src/ui/money/money-service";
import { catalogueOnDemand, type CatalogueWiring, type LoadedCatalogue } from "../../../src/ui/models/catalogue-access";
import { describeStatus, pickerEntry } from "../../../src/ui/app/start/catalogue";
import { NodeView } from "../../../src/ui/node/NodeView";
import { createRunController } from "../../../src/ui/run/run-controller";
import { createRunStore } from "../../../src/ui/run/run-store";
import { previewText } from "../../../src/ui/run/RunButton";
import { createSettingsStore } from "../../../src/ui/settings/settings-store";
import { freshDb } from "../../adapters/db/helpers";
import { buildServices, memoryCache, textToVideoWorkflow, Wrap } from "../harness";

afterEach(() => {
  cleanup();
  resetCatalogueForTests();
});

const WAN = "fal-ai/wan/v2.7/text-to-video";
const snapshotCatalogue = () => createModelCatalogue({ store: createMemoryCatalogueStore(), snapshot: loadSnapshot });

describe("catalogue access (start path)", () => {
  function access(mode: "demo" | "fal") {
    const asked: (string | null)[] = [];
    const ensured: string[][] = [];
    const loaded: LoadedCatalogue = {
      ensure: async (endpoints) => void ensured.push([...endpoints]),
      catalogue: async () => [],
      searchLive: async () => [],
      describe: async () => "",
      refresh: async () => undefined,
    };
    const wiring: CatalogueWiring = { catalogueFor: (proxyUrl) => (asked.push(proxyUrl), loaded) };
    const load = vi.fn(async () => wiring);
    const settings = createSettingsStore(
      { ...DEFAULT_SETTINGS, mode, proxyUrl: "/api/fal/proxy" },
      async (p) => ({ ...DEFAULT_SETTINGS, ...p }),
      () => {},
    );
    return { models: catalogueOnDemand(settings, load), load, asked, ensured };
  }

  it("never loads the catalogue code for curated models", async () => {
    const a = access("fal");
    await a.models.ensure([endpointId("fal-ai/veo3.1"), endpointId("fal-ai/sora-2/text-to-video")]);
    expect(a.load).not.toHaveBeenCalled();
    expect(a.models.loaded()).toBe(false);
  });

  it("loads it once for a model it does not know, through the proxy in fal mode and without one in Demo mode", async () => {
    const fal = access("fal");
    await fal.models.ensure([endpointId("fal-ai/veo3.1"), endpointId(WAN)]);
    await fal.models.ensure([endpointId("minimax/h3/image-to-video")]);
    expect(fal.load).toHaveBeenCalledTimes(1);
    expect(fal.ensured).toEqual([[WAN], ["minimax/h3/image-to-video"]]);
    expect(fal.asked).toEqual(["/api/fal/proxy", "/api/fal/proxy"]);
    expect(fal.models.loaded()).toBe(true);
    const demo = access("demo");
    await demo.models.ensure([endpointId(WAN)]);
    expect(demo.asked).toEqual([null]);
  });
});

describe("planning with catalogue models", () => {
  const wanNode = (): Workflow => textToVideoWorkflow([{ id: "wan", endpoint: WAN }]);

  function controller(doc: Workflow, catalogue?: ModelCatalogue) {
    const store = createRunStore();
    const env = {
      simulated: () => false,
      cache: async () => memoryCache(),
      ports: async () => Promise.reject(new Error("nothing is sent")),
      ...(catalogue ? { catalogue } : {}),
    };
    return { store, runner: createRunController(store, env, () => doc, { say: () => {} }) };
  }

  it("resolves the workflow's catalogue models before the plan, so Run shows their price from the snapshot", async () => {
    const { store, runner } = controller(wanNode(), snapshotCatalogue());
    await runner.refresh(wanNode());
    expect(store.getState().planErrors).toEqual([]);
    const planned = store.getState().plan?.nodes.get(nodeId("wan"));
    expect(planned?.role === "generation" && planned.price.usd).toBeCloseTo(0.75);
    // The basis says where the price comes from and how old it is.
    expect(planned?.role === "generation" && planned.price.basis).toMatch(/\$0\.15\/s .*snapshot of \d{4}-\d\d-\d\d/);
    expect(previewText(store.getState().preview)).toBe("1 paid · 0 cached · $0.75");
  });

  it("without a catalogue the node's model is unknown and the plan says so (nothing priced $0)", async () => {
    const { store, runner } = controller(wanNode());
    await runner.refresh(wanNode());
    expect(
      store
        .getState()
        .planErrors.map((e) => e.message)
        .join(" "),
    ).toContain(WAN);
    expect(store.getState().preview).toBeNull();
  });

  it("the Bill panel lists a catalogue model with its price and basis", async () => {
    const doc = wanNode();
    const services = buildServices({ doc });
    const db = freshDb();
    const cache = memoryCache();
    const money = createMoneyService({
      env: {
        simulated: () => false,
        cache: async () => cache,
        ports: async () => ({ client: {} as never, cache }),
        catalogue: snapshotCatalogue(),
      },
      spend: createDexieSpendLedger(db),
      budgets: createBudgetRepository(db),
      settings: services.settings,
      getWorkflow: () => services.editor.getState().doc,
      workflowId: () => workflowId("wf-wan"),
      onError: () => {},
    });
    render(
      <Wrap services={{ ...services, money }}>
        <BillPanel onClose={() => {}} />
      </Wrap>,
    );
    const table = await screen.findByRole("table", { name: "Bill" });
    const row = within(table)
      .getAllByRole("row")
      .find((r) => r.firstElementChild?.textContent === "wan") as HTMLElement;
    expect(row.textContent).toContain("Wan V2.7 Text to Video");
    expect(row.textContent).toContain("$0.75");
    expect(row.textContent).toMatch(/snapshot of \d{4}-\d\d-\d\d/);
    expect(screen.getByTestId("bill-total").textContent).toBe("$0.75");
  });
});

describe("a node naming a catalogue model", () => {
  it("is drawn with its model once it resolves", async () => {
    const doc = textToVideoWorkflow([{ id: "wan", endpoint: WAN }]);
    const services = buildServices({ doc });
    const { container } = render(
      <Wrap services={services}>
        <NodeView id="wan" />
      </Wrap>,
    );
    const button = () => within(container).getByRole("button", { name: /^Model / });
    expect(button().textContent).toContain(`${WAN} · not available`);
    expect(container.textContent).toContain(`Looking up ${WAN} in fal's catalogue…`);
    await act(async () => snapshotCatalogue().ensure([WAN as EndpointId]));
    await waitFor(() => expect(button().textContent).toContain("Wan V2.7 Text to Video"));
    expect(button().textContent).toMatch(/\$0\.15\/s · fal schema \d{4}-\d\d-\d\d/);
    expect(findAdapter(WAN)?.kind).toBe("text-to-video");
    expect(container.textContent).not.toContain("Looking up");
  });

  it("says why when the catalogue found no such model", async () => {
    const missing = "fal-ai/no-such-model/text-to-video";
    const services = buildServices({ doc: textToVideoWorkflow([{ id: "gone", endpoint: missing }]) });
    const { container } = render(
      <Wrap services={services}>
        <NodeView id="gone" />
      </Wrap>,
    );
    await act(async () => snapshotCatalogue().ensure([missing as EndpointId]));
    await waitFor(() =>
      expect(container.querySelector(".node-error")?.textContent).toMatch(
        /^This node's model cannot run: model "fal-ai\/no-such-model\/text-to-video" cannot be used: .+\. Pick another/,
      ),
    );
  });
});

describe("picker rows from the catalogue service", () => {
  it("shows a price per second, a price per video, or the unit of an unknown price: never $0", async () => {
    const c = snapshotCatalogue();
    await c.ready();
    const rows = c.search({ kind: "text-to-video" }).map(pickerEntry);
    // Before its adapter is made, a rate that depends on the resolution is shown as its range…
    expect(rows.find((r) => r.endpoint === WAN)?.price).toBe("$0.10–$0.15/s");
    // …and once made, at the model's defaults (1080p), as on the node's model button.
    await c.ensure([WAN as EndpointId]);
    const wan = c
      .search({ kind: "text-to-video" })
      .map(pickerEntry)
      .find((r) => r.endpoint === WAN);
    expect(wan?.price).toBe("$0.15/s");
    expect(wan?.mark).toMatch(/^fal schema \d{4}-\d\d-\d\d$/);
    expect(wan?.curated).toBe(false);
    const curated = rows.filter((r) => r.curated);
    expect(curated.length).toBeGreaterThan(0);
    expect(rows.slice(0, curated.length).every((r) => r.curated)).toBe(true);
    for (const r of rows) {
      expect(r.price).not.toMatch(/^\$0(\.0+)?(\/s| )/);
      expect(
        r.price === "price unknown" ||
          /^price unknown \(unit .+\)$/.test(r.price) ||
          /^≈? ?\$[\d.]+(–\$[\d.]+)?(\/s| per video)/.test(r.price),
      ).toBe(true);
    }
  });

  it("says which catalogue is in use", () => {
    const snapshot = { date: "2026-12-06", origin: "public-material" as const, count: 378, note: "" };
    expect(describeStatus({ snapshot, live: { state: "not-configured" }, prices: { state: "not-configured" } })).toBe(
      "Model catalogue: the bundled snapshot of 2026-12-06 (378 models, assembled from public material); fal's live catalogue is not asked in Demo mode.",
    );
    expect(
      describeStatus({
        snapshot,
        live: { state: "unreachable", message: "no answer from the proxy" },
        prices: { state: "ok" },
      }),
    ).toBe(
      "Model catalogue: the bundled snapshot of 2026-12-06 (378 models, assembled from public material), because fal's catalogue could not be reached (no answer from the proxy).",
    );
    expect(
      describeStatus({
        snapshot,
        live: { state: "ok", checkedAt: "2026-12-06T10:11:12.000Z" },
        prices: { state: "ok" },
      }),
    ).toBe(
      "Model catalogue: fal's live catalogue through your proxy (last answered 2026-12-06 10:11 UTC), over the bundled snapshot of 2026-12-06 (378 models, assembled from public material).",
    );
  });
});

describe("image models from the bundled snapshot (no live catalogue)", () => {
  const SEEDREAM = "fal-ai/bytedance/seedream/v4/text-to-image";
  const SEEDREAM_EDIT = "fal-ai/bytedance/seedream/v4/edit";

  it("are offered to a Text-to-Image node after the curated ones; one without a checked price says so, never $0", async () => {
    const c = snapshotCatalogue();
    await c.ready();
    const rows = c.search({ kind: "text-to-image" }).map(pickerEntry);
    const curated = rows.filter((r) => r.curated).map((r) => r.endpoint);
    expect(curated).toContain("fal-ai/flux/dev");
    expect(rows.slice(0, curated.length).every((r) => r.curated)).toBe(true);
    const seedream = rows.find((r) => r.endpoint === SEEDREAM);
    expect(seedream).toMatchObject({ curated: false, price: "price unknown" });
    expect(seedream?.mark).toMatch(/^fal schema \d{4}-\d\d-\d\d$/);
    expect(rows.length - curated.length).toBeGreaterThan(100);
    // Each where its node is: an edit model for Image Edit nodes, neither among the video models.
    expect(rows.some((r) => r.endpoint === SEEDREAM_EDIT)).toBe(false);
    expect(c.search({ kind: "image-edit" }).some((e) => e.endpoint === SEEDREAM_EDIT)).toBe(true);
    expect(c.search({ kind: "text-to-video" }).some((e) => e.endpoint === SEEDREAM)).toBe(false);
    for (const r of rows) expect(r.price).not.toMatch(/^\$0(\.0+)?( |\/)/);
  });

  it("once picked, runs in a Text-to-Image node at an unknown price (planned, not counted as $0)", async () => {
    const c = snapshotCatalogue();
    await c.ensure([SEEDREAM as EndpointId]);
    const adapter = findAdapter(SEEDREAM);
    expect(adapter?.kind).toBe("text-to-image");
    expect(adapter?.price({}, {})).toMatchObject({ usd: null, basis: expect.stringMatching(/^price unknown/) });
    const picked = c
      .search({ kind: "text-to-image" })
      .map(pickerEntry)
      .find((r) => r.endpoint === SEEDREAM);
    expect(picked?.price).toMatch(/^price unknown/);
  });
});

describe("curated models fal describes differently", () => {
  it("a live price that disagrees with a curated table puts a warning on the model button, its words in the title", async () => {
    const { registerPriceFacts } = await import("../../../src/nodes/catalogue/known");
    const { publishCuratedDrift } = await import("../../../src/ui/app/start/catalogue");
    const VEO = "fal-ai/veo3.1";
    const services = buildServices({ doc: textToVideoWorkflow([{ id: "veo", endpoint: VEO }]) });
    const { modelWarnings } = services.views;
    const { container } = render(
      <Wrap services={services}>
        <NodeView id="veo" />
      </Wrap>,
    );
    const button = () => within(container).getByRole("button", { name: /^Model / });
    expect(within(container).queryByTestId("model-warning")).toBeNull();
    // fal's one rate for Veo 3.1 is its audio-on 720p/1080p tier ($0.40/s): a different live rate is drift.
    registerPriceFacts([
      {
        endpoint_id: VEO,
        unit_price: 0.55,
        unit: "seconds",
        currency: "USD",
        source: "fal pricing API",
        fetchedAt: new Date().toISOString(),
      },
    ]);
    await act(async () => publishCuratedDrift(createMemoryCatalogueStore(), modelWarnings));
    await waitFor(() => expect(within(container).getByTestId("model-warning")).toBeTruthy());
    expect(button().getAttribute("title")).toMatch(/^fal-ai\/veo3\.1\n⚠ fal's live description differs: .*0\.55/s);
    // A snapshot figure is not live: it never warns.
    act(() => modelWarnings.setState({}, true));
    resetCatalogueForTests();
    registerPriceFacts([
      {
        endpoint_id: VEO,
        unit_price: 0.55,
        unit: "seconds",
        currency: "USD",
        source: "fal's model page",
        fetchedAt: new Date().toISOString(),
      },
    ]);
    await act(async () => publishCuratedDrift(createMemoryCatalogueStore(), modelWarnings));
    expect(within(container).queryByTestId("model-warning")).toBeNull();
  });
});

describe("curated image models fal prices differently", () => {
  it("a live price per image that disagrees with FLUX.1 [dev]'s table warns on a Text-to-Image node's model button", async () => {
    const { registerPriceFacts } = await import("../../../src/nodes/catalogue/known");
    const { publishCuratedDrift } = await import("../../../src/ui/app/start/catalogue");
    const FLUX = "fal-ai/flux/dev";
    const flow = textToVideoWorkflow([{ id: "key", endpoint: FLUX }]);
    const doc: Workflow = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, type: "text-to-image" as const })) };
    const services = buildServices({ doc });
    const { container } = render(
      <Wrap services={services}>
        <NodeView id="key" />
      </Wrap>,
    );
    const fluxPrice = (unit_price: number) => ({
      endpoint_id: FLUX,
      unit_price,
      unit: "image",
      currency: "USD",
      source: "fal pricing API",
      fetchedAt: new Date().toISOString(),
    });
    registerPriceFacts([fluxPrice(0.025)]);
    await act(async () => publishCuratedDrift(createMemoryCatalogueStore(), services.views.modelWarnings));
    expect(within(container).queryByTestId("model-warning")).toBeNull();
    registerPriceFacts([fluxPrice(0.03)]);
    await act(async () => publishCuratedDrift(createMemoryCatalogueStore(), services.views.modelWarnings));
    await waitFor(() => expect(within(container).getByTestId("model-warning")).toBeTruthy());
    expect(
      within(container)
        .getByRole("button", { name: /^Model / })
        .getAttribute("title"),
    ).toContain("fal's live description differs: fal's rate is $0.03 per image");
  });
});

describe("Settings: which catalogue is in use", () => {
  it("says what will be used without fetching the catalogue code, and its details on request", async () => {
    const { CatalogueStatusLine } = await import("../../../src/ui/models/CatalogueStatusLine");
    const services = buildServices({ settings: { mode: "demo" } });
    const describe = vi.fn(async () => "Model catalogue: the bundled snapshot of 2026-12-06 (378 models).");
    const refresh = vi.fn(async () => undefined);
    let loaded = false;
    const models = {
      ensure: async () => undefined,
      loaded: () => loaded,
      current: async () => (
        (loaded = true),
        { ensure: async () => undefined, catalogue: async () => [], searchLive: async () => [], describe, refresh }
      ),
    };
    render(
      <Wrap services={{ ...services, models }}>
        <CatalogueStatusLine />
      </Wrap>,
    );
    const line = screen.getByTestId("catalogue-status");
    expect(line.textContent).toContain(
      "the bundled snapshot of fal's video and image models (Demo mode simulates every model in it)",
    );
    expect(loaded).toBe(false);
    await act(async () => within(line).getByRole("button", { name: "Show the snapshot's date" }).click());
    await waitFor(() => expect(line.textContent).toContain("bundled snapshot of 2026-12-06 (378 models)"));
    expect(refresh).not.toHaveBeenCalled();
  });
});
