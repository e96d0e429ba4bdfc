import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ALLOWED_ENDPOINTS } from "../../src/proxy/policy";
import { startStandaloneProxy } from "../../src/proxy/standalone";
import { catalogueEntry, uncuratedEntries } from "./catalogue/index";
import { text, videoOut } from "./catalogue/openapi";
import { MAX_LIMIT_WITH_OPENAPI } from "./catalogue/platform-api";
import { startFakeFal, type FakeFal } from "./server";

// fal's Model API and Pricing API as the fake serves them through the proxy protocol (x-fal-target-url).

let fake: FakeFal;
beforeEach(async () => {
  fake = await startFakeFal();
});
afterEach(async () => {
  await fake.close();
});

interface ModelsPage {
  models: { endpoint_id: string; metadata?: Record<string, unknown>; openapi?: Record<string, unknown> }[];
  next_cursor: string | null;
  has_more: boolean;
}
interface PricesPage {
  prices: { endpoint_id: string; unit_price: number; unit: string; currency: string }[];
  next_cursor: string | null;
  has_more: boolean;
}

function platform(path: string, params: [string, string][] = [], method = "GET") {
  const target = new URL(`https://api.fal.ai${path}`);
  for (const [k, v] of params) target.searchParams.append(k, v);
  return fetch(fake.url, { method, headers: { "x-fal-target-url": target.href } });
}
const models = (params: [string, string][] = []) => platform("/v1/models", params);
const pricing = (params: [string, string][] = []) => platform("/v1/models/pricing", params);
const modelsPage = async (params: [string, string][] = []) => (await (await models(params)).json()) as ModelsPage;
const pricesPage = async (params: [string, string][] = []) => (await (await pricing(params)).json()) as PricesPage;
const ids = (page: ModelsPage) => page.models.map((m) => m.endpoint_id);
const WAN_T2V = "fal-ai/wan/v2.7/text-to-video";
const EXPAND: [string, string] = ["expand", "openapi-3.0"];
const lookup = (...endpointIds: string[]): [string, string][] => endpointIds.map((id) => ["endpoint_id", id]);

async function errorOf(res: Response, status: number) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { type: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  return body.error;
}

describe("fake fal: Model API (GET api.fal.ai/v1/models)", () => {
  it("finds models by endpoint_id, in the order asked; unknown ids are absent", async () => {
    const res = await models(lookup("fal-ai/ltx-2.3/extend-video", "fal-ai/nope/never", WAN_T2V));
    expect(res.status).toBe(200);
    const page = (await res.json()) as ModelsPage;
    expect(ids(page)).toEqual(["fal-ai/ltx-2.3/extend-video", "fal-ai/wan/v2.7/text-to-video"]);
    expect(page).toMatchObject({ next_cursor: null, has_more: false });
    expect(page.models[0]?.metadata).toMatchObject({
      display_name: "LTX 2.3 Extend Video",
      category: "video-to-video",
      status: "active",
    });
    // Without the expansion there is no document.
    expect(page.models[0]).not.toHaveProperty("openapi");
  });

  it("adds each model's OpenAPI document with expand=openapi-3.0, or fal's error record", async () => {
    const [wan, broken] = (await modelsPage([...lookup(WAN_T2V, "fal-ai/wan/v2.7/reference-to-video"), EXPAND])).models;
    const schema = { $ref: "#/components/schemas/WanV27TextToVideoInput" };
    const input = { content: { "application/json": { schema } } };
    expect(wan?.openapi).toMatchObject({
      openapi: "3.0.4",
      info: { "x-fal-metadata": { endpointId: "fal-ai/wan/v2.7/text-to-video", category: "text-to-video" } },
      paths: { "/fal-ai/wan/v2.7/text-to-video": { post: { requestBody: input } } },
    });
    expect(broken?.openapi).toEqual({ error: { code: "openapi_unavailable", message: expect.any(String) } });
  });

  it("takes 1 to 50 endpoint_ids and refuses 51 with fal's error shape", async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `fal-ai/x/${i}`);
    expect((await models(lookup(...fifty))).status).toBe(200);
    const error = await errorOf(await models(lookup(...fifty, "fal-ai/x/50")), 400);
    expect(error).toMatchObject({ type: "validation_error", message: expect.stringContaining("50") });
  });

  it("pages with limit and cursor until has_more is false, every model once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const params: [string, string][] = [["limit", "7"]];
      if (cursor) params.push(["cursor", cursor]);
      const page = await modelsPage(params);
      expect(page.models.length).toBeLessThanOrEqual(7);
      expect(page.has_more).toBe(page.next_cursor !== null);
      seen.push(...ids(page));
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null);
    const all = fake.catalogue().map((e) => e.model.endpoint_id);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 7));
    // fal's cursor encodes the page number ("Mg==" is page 2).
    const second = await modelsPage([
      ["limit", "7"],
      ["cursor", "Mg=="],
    ]);
    expect(ids(second)).toEqual(all.slice(7, 14));
  });

  it("caps a page holding documents", async () => {
    const page = await modelsPage([
      ["limit", "500"],
      ["expand", "openapi-3.0"],
    ]);
    expect(page.models.length).toBe(Math.min(MAX_LIMIT_WITH_OPENAPI, fake.catalogue().length));
  });

  it("filters by category, status and free text; endpoint_id narrows a search", async () => {
    const t2v = await modelsPage([
      ["category", "text-to-video"],
      ["limit", "100"],
    ]);
    expect(ids(t2v)).toContain("fal-ai/wan/v2.7/text-to-video");
    expect(ids(t2v)).toContain("fal-ai/luma-dream-machine/ray-2");
    expect(t2v.models.every((m) => m.metadata?.category === "text-to-video")).toBe(true);
    expect(ids(t2v)).not.toContain("fal-ai/flux/dev");

    const active = await modelsPage([
      ["category", "text-to-video"],
      ["status", "active"],
      ["limit", "100"],
    ]);
    expect(ids(active)).not.toContain("fal-ai/sora-2/text-to-video");
    const deprecated = await modelsPage([["status", "deprecated"]]);
    expect(ids(deprecated).every((id) => id.startsWith("fal-ai/sora-2/"))).toBe(true);
    expect(ids(deprecated)).toHaveLength(5);

    const wan = await modelsPage([["q", "WAN 2.7"]]);
    expect(ids(wan)).toEqual([WAN_T2V, "fal-ai/wan/v2.7/edit-video", "fal-ai/wan/v2.7/reference-to-video"]);
    const narrowed = await modelsPage([["q", "wan"], ...lookup("fal-ai/wan/v2.7/edit-video", "fal-ai/flux/dev")]);
    expect(ids(narrowed)).toEqual(["fal-ai/wan/v2.7/edit-video"]);
  });

  it("answers bad queries with fal's error shape", async () => {
    expect((await errorOf(await models([["status", "retired"]]), 400)).type).toBe("validation_error");
    expect((await errorOf(await models([["limit", "0"]]), 400)).message).toContain("limit");
    expect((await errorOf(await models([["limit", "ten"]]), 400)).message).toContain("limit");
    expect((await errorOf(await models([["cursor", "not-a-cursor"]]), 400)).message).toContain("cursor");
    expect((await errorOf(await models([["expand", "everything"]]), 400)).message).toContain("expand");
  });

  it("lists models added at run time, with their price and their document", async () => {
    fake.addModel(
      catalogueEntry({
        endpointId: "acme/brand-new/text-to-video",
        displayName: "Brand New",
        category: "text-to-video",
        description: "Shipped today.",
        date: "2026-12-05T00:00:00Z",
        document: {
          input: { title: "Input", properties: { prompt: text("The prompt.") }, required: ["prompt"] },
          output: { title: "Output", properties: { video: videoOut("File", "The video") }, required: ["video"] },
        },
        price: { unitPrice: 0.2, unit: "seconds" },
      }),
    );
    const found = await modelsPage([...lookup("acme/brand-new/text-to-video"), EXPAND]);
    const schemas = { BrandNewTextToVideoInput: { required: ["prompt"] } };
    expect(found.models[0]?.openapi).toMatchObject({ components: { schemas } });
    const prices = await pricesPage(lookup("acme/brand-new/text-to-video"));
    expect(prices.prices).toEqual([
      { endpoint_id: "acme/brand-new/text-to-video", unit_price: 0.2, unit: "seconds", currency: "USD" },
    ]);
    // Over HTTP too (for a standalone fake), and reset forgets it.
    const bare = JSON.stringify({ model: { endpoint_id: "acme/bare/model" } });
    const viaHttp = await fetch(`${fake.url}/__fake/models`, { method: "POST", body: bare });
    expect(viaHttp.status).toBe(200);
    expect(ids(await modelsPage(lookup("acme/bare/model")))).toEqual(["acme/bare/model"]);
    fake.reset();
    expect(ids(await modelsPage(lookup("acme/brand-new/text-to-video")))).toEqual([]);
  });
});

describe("fake fal: Pricing API (GET api.fal.ai/v1/models/pricing)", () => {
  it("answers one row per known endpoint, repeated or comma separated; unknown ids are absent", async () => {
    const commaSeparated = "bytedance/seedance-2.0/reference-to-video,fal-ai/luma-dream-machine/ray-2";
    const res = await pricing([...lookup(WAN_T2V, "fal-ai/none"), ["endpoint_id", commaSeparated]]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      prices: [
        { endpoint_id: "fal-ai/wan/v2.7/text-to-video", unit_price: 0.1, unit: "seconds", currency: "USD" },
        { endpoint_id: "bytedance/seedance-2.0/reference-to-video", unit_price: 0.014, unit: "units", currency: "USD" },
        { endpoint_id: "fal-ai/luma-dream-machine/ray-2", unit_price: 0.5, unit: "videos", currency: "USD" },
      ],
      next_cursor: null,
      has_more: false,
    });
  });

  it("has a price for every uncurated endpoint, mostly per second", async () => {
    const everyId = uncuratedEntries.map((e) => e.model.endpoint_id);
    const page = await pricesPage(lookup(...everyId));
    expect(page.prices.map((p) => p.endpoint_id)).toEqual(everyId);
    expect(page.prices.filter((p) => p.unit === "seconds").length).toBeGreaterThan(everyId.length / 2);
  });

  it("needs an endpoint_id", async () => {
    expect((await errorOf(await pricing(), 400)).message).toContain("endpoint_id");
  });

  it("answers 401 without a key (so does the Model API), and a status of choice when pricing is refused", async () => {
    fake.set({ noKey: true });
    expect((await errorOf(await pricing(lookup("fal-ai/veo3.1")), 401)).type).toBe("authorization_error");
    expect((await errorOf(await models(), 401)).type).toBe("authorization_error");
    fake.set({ noKey: false, pricingStatus: 403 });
    expect((await errorOf(await pricing(lookup("fal-ai/veo3.1")), 403)).type).toBe("authorization_error");
    expect((await models()).status).toBe(200);
  });
});

describe("fake fal: catalogue faults and logs", () => {
  it("is down on demand: 503 with fal's error, or a dropped socket", async () => {
    fake.set({ catalogueDown: true });
    expect((await errorOf(await models(), 503)).type).toBe("server_error");
    expect((await pricing(lookup("fal-ai/veo3.1"))).status).toBe(503);
    fake.set({ catalogueDown: "drop" });
    await expect(models()).rejects.toThrow();
    fake.set({ catalogueDown: false, failNext: { models: { times: 1, status: 429, retryAfterSec: 3 } } });
    const limited = await models();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await models()).status).toBe(200);
  });

  it("logs each call with its own kind, so tests can count them", async () => {
    await models(lookup("fal-ai/veo3.1"));
    await models();
    await pricing(lookup("fal-ai/veo3.1"));
    expect(fake.requestsOf("models").map((r) => r.status)).toEqual([200, 200]);
    expect(fake.requestsOf("pricing")).toHaveLength(1);
    const target = "https://api.fal.ai/v1/models/pricing?endpoint_id=fal-ai%2Fveo3.1";
    expect(fake.requestsOf("pricing")[0]?.target).toBe(target);
  });

  it("as a proxy, forwards nothing else on api.fal.ai", async () => {
    expect((await platform("/v1/models/pricing/estimate", [], "POST")).status).toBe(400);
    expect((await platform("/v1/models", [], "POST")).status).toBe(400);
    expect((await platform("/v1/keys")).status).toBe(400);
    expect((await platform("/v1/models/x")).status).toBe(400);
    expect(fake.requestsOf("models")).toHaveLength(0);
  });
});

describe("fake fal behind the real standalone proxy", () => {
  it("answers the Model and Pricing APIs the proxy forwards, with the proxy's key", async () => {
    const app = "https://app.example.org";
    const proxy = await startStandaloneProxy({
      falKey: "proxy-key",
      allowedOrigins: [app],
      allowedEndpoints: DEFAULT_ALLOWED_ENDPOINTS,
      maxBodyBytes: 4096,
      port: 0,
      host: "127.0.0.1",
      testUpstreamOrigin: fake.url,
    });
    try {
      const get = (target: string) => fetch(proxy.url, { headers: { origin: app, "x-fal-target-url": target } });
      const h3 = "endpoint_id=minimax/h3/image-to-video";
      const page = (await (await get(`https://api.fal.ai/v1/models?${h3}&expand=openapi-3.0`)).json()) as ModelsPage;
      expect(ids(page)).toEqual(["minimax/h3/image-to-video"]);
      const prices = (await (await get(`https://api.fal.ai/v1/models/pricing?${h3}`)).json()) as PricesPage;
      expect(prices.prices[0]).toMatchObject({ unit_price: 0.13, unit: "seconds" });
      expect((await get("https://api.fal.ai/v1/keys")).status).toBe(403);
      expect(fake.requestsOf("models")[0]?.headers.authorization).toBe("Key proxy-key");
      expect(fake.requestsOf("models")).toHaveLength(1);
      expect(fake.requestsOf("pricing")).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
