import { ApiError, createFalClient } from "@fal-ai/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFalPlatformClient } from "../../../src/adapters/catalogue/platform";
import type { FalModel, PriceFact } from "../../../src/nodes/catalogue/fal-api";
import { adapterFromFalModel, type AdapterBuild } from "../../../src/nodes/catalogue/schema-adapter";
import { secondsOf } from "../../../src/nodes/models/model-kit";
import { effectiveParams, validateParams } from "../../../src/nodes/params";
import { isImageResult } from "../../../src/nodes/results";
import type { ModelAdapter, ParamSpec, Params, PortValues } from "../../../src/nodes/types";
import { uncuratedEntries } from "../../fake-fal/catalogue/index";
import { inputSchemaOf } from "./fixtures";
import { readVideo } from "../../fixtures/video-result";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";

// Issue 15: each uncurated endpoint of the fake fal gets exactly the body its schema allows, through the real
// client. The model and its price are read from the fake's Model and Pricing APIs as the app reads them, the
// adapter is derived from that document (never from the fake's source), and its bodies (defaults, and every
// param set to another value) are sent with the real @fal-ai/client; the fake checks them as fal's pydantic
// models would. A wrong param is refused by the adapter before anything leaves.

const DATE = "2026-12-06";
const FETCHED_AT = "2026-12-06T09:30:00.000Z";
const CTX = { feedsRemix: false };
/** The source video is as long as every video model here takes (Wan's edit: 2–10 s). */
const SOURCE_SEC = 6;

let fake: FakeFal;
beforeAll(async () => {
  fake = await startFakeFal({ switches: { queueMs: 0, runMs: 20, streamIntervalMs: 10 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

/** The model's document and price as the fake's Model and Pricing APIs answer them. */
async function fromFake(endpoint: string): Promise<{ model: FalModel; price: PriceFact | undefined }> {
  const platform = createFalPlatformClient({ proxyUrl: fake.url });
  const { models } = await platform.models({ endpointIds: [endpoint], expandOpenapi: true });
  const [row] = await platform.prices([endpoint]);
  const model = models.find((m) => m.endpoint_id === endpoint);
  if (!model) throw new Error(`the fake's Model API does not list ${endpoint}`);
  return { model, price: row && { ...row, source: "fal pricing API", fetchedAt: FETCHED_AT } };
}

async function derived(endpoint: string): Promise<AdapterBuild> {
  const { model, price } = await fromFake(endpoint);
  return adapterFromFalModel(model, price, "live", DATE);
}

async function adapterOf(endpoint: string): Promise<ModelAdapter> {
  const built = await derived(endpoint);
  if (!built.ok) throw new Error(`expected an adapter for ${endpoint}: ${built.reason}`);
  return built.adapter;
}

/** What the fake's price row makes of a request: × seconds, × 1 video, else unknown (never $0). */
async function expectedUsd(a: ModelAdapter, params: Params): Promise<number | null> {
  const { price } = await fromFake(a.endpoint);
  const seconds = askedSeconds(a, params) ?? (a.kind === "remix" ? SOURCE_SEC : null);
  if (price?.unit === "seconds" && seconds !== null) return price.unit_price * seconds;
  if (price?.unit === "videos") return price.unit_price;
  return null;
}

/** A value for every port the adapter declares: the reference images several, in an order to keep. */
function portsFor(a: ModelAdapter): PortValues {
  const out: PortValues = {};
  for (const handle of Object.keys(a.inputs ?? {})) {
    switch (handle) {
      case "prompt":
        out.prompt = "A red fox runs through fresh snow at dawn";
        break;
      case "image":
        out.image = { url: "https://v3.fal.media/files/test/first.png" };
        break;
      case "end_image":
        out.endImage = { url: "https://v3.fal.media/files/test/last.png" };
        break;
      case "images":
        out.images = ["c", "a", "b"].map((n) => ({ url: `https://v3.fal.media/files/test/ref-${n}.png` }));
        break;
      case "video":
        out.video = { url: "https://v3.fal.media/files/test/source.mp4", durationSec: SOURCE_SEC };
        break;
      default:
        throw new Error(`${a.endpoint} declares a port this test does not know: ${handle}`);
    }
  }
  return out;
}

/** What each port put in the body must be there as sent: URLs as strings, several images as a list in order. */
function portValuesSent(ports: PortValues): unknown[] {
  const values: unknown[] = [];
  if (ports.prompt !== undefined) values.push(ports.prompt);
  if (ports.image) values.push(ports.image.url);
  if (ports.endImage) values.push(ports.endImage.url);
  if (ports.images) values.push(ports.images.map((i) => i.url));
  if (ports.video) values.push(ports.video.url);
  return values;
}

/** fal's schemas rarely bound a number: a value a real request would send, not the end of a 2^53 range. */
const WIDE = 1e15;

/** A value other than the param's default (the catalogue version of tests/nodes/models/fixtures.ts). */
function otherValue(spec: ParamSpec): string | number | boolean | undefined {
  switch (spec.kind) {
    case "enum":
      return [...spec.options].reverse().find((o) => o !== spec.default);
    case "boolean":
      return !(spec.default ?? false);
    case "number": {
      if (spec.max < WIDE) return spec.max !== spec.default ? spec.max : spec.min;
      return spec.default === undefined ? 7 : spec.default + 1;
    }
    case "text":
      // A free text field with fal's default ("2K", the only resolution MiniMax makes) keeps it, sent explicitly.
      return spec.default ?? "blurry, low quality";
    default: {
      const _: never = spec;
      return _;
    }
  }
}

/** Every param the model shows, set: the "full" body. */
function fullParams(a: ModelAdapter): Params {
  const out: Params = {};
  for (const spec of a.params) {
    const value = otherValue(spec);
    if (value !== undefined) out[spec.name] = value;
  }
  return out;
}

/** The seconds of video the request asks for, when it names a number of them ("auto" and Wan's 0 do not). */
function askedSeconds(a: ModelAdapter, params: Params): number | null {
  const sec = secondsOf(effectiveParams(a, params).duration);
  return sec !== null && sec > 0 ? sec : null;
}

async function send(endpoint: string, input: Record<string, unknown>) {
  const fal = createFalClient({ proxyUrl: { url: fake.url, when: "always" } });
  const { data, requestId } = await fal.subscribe(endpoint, { input, pollInterval: 20 });
  return { data: data as Record<string, unknown>, requestId };
}

/** Every uncurated model but the image model and the one whose document fal could not make. */
const usable = uncuratedEntries.filter(
  (e) => e.model.endpoint_id !== "fal-ai/flux/dev" && "paths" in (e.model.openapi ?? {}),
);

describe("catalogue adapters from the fake fal's Model and Pricing APIs", () => {
  it("covers the three kinds, and refuses the image model and the model without a document, saying why", async () => {
    const kinds = new Set<string>();
    for (const e of usable) kinds.add((await adapterOf(e.model.endpoint_id)).kind);
    expect([...kinds].sort()).toEqual(["image-to-video", "remix", "text-to-video"]);

    // An image model's document makes an image node's adapter (issue 19); see "image models from their schemas".
    expect(await adapterOf("fal-ai/flux/dev")).toMatchObject({ kind: "text-to-image" });
    const noDocument = await derived("fal-ai/wan/v2.7/reference-to-video");
    expect(noDocument).toEqual({
      ok: false,
      reason: expect.stringMatching(/no OpenAPI document.*could not be generated/),
    });
    expect(usable.length + 2).toBe(uncuratedEntries.length);
  });
});

describe("image models from their schemas (issue 19)", () => {
  it("FLUX.1 [dev]'s document: a text-to-image node, priced per image × images asked, its images[] read", async () => {
    const a = await adapterOf("fal-ai/flux/dev");
    expect(a.kind).toBe("text-to-image");
    expect(a.inputs).toEqual({ prompt: { type: "text", label: "Prompt", required: true } });
    const params = { num_images: 3, image_size: "landscape_16_9" };
    const price = a.price(params, {});
    expect(price.usd).toBeCloseTo(0.075, 6);
    expect(price.basis).toMatch(/3 images × \$0\.025/);
    const { data } = await send(a.endpoint, a.buildInput(params, { prompt: "A lighthouse at dusk" }, CTX));
    const result = a.readResult(data, params);
    expect(isImageResult(result) && result.images.map((i) => i.url)).toEqual([
      expect.stringMatching(/_0\.jpg$/),
      expect.stringMatching(/_1\.jpg$/),
      expect.stringMatching(/_2\.jpg$/),
    ]);
  });

  it("an image-to-image document with a required image makes an Image Edit node", async () => {
    const { model, price } = await fromFake("fal-ai/flux/dev");
    const edit = structuredClone(model);
    edit.endpoint_id = "fal-ai/flux/dev/image-to-image";
    if (edit.metadata) edit.metadata.category = "image-to-image";
    const input = inputSchemaOf(edit);
    input.properties.image_url = { type: "string", title: "Image Url" };
    input.required.push("image_url");
    const built = adapterFromFalModel(edit, price, "live", DATE);
    expect(built.ok && built.adapter.kind).toBe("image-edit");
    expect(built.ok && built.adapter.inputs?.image).toEqual({ type: "image", label: "Image", required: true });
  });

  it("a price fal gives per megapixel is worked out from the size asked; an unknown size stays unknown", async () => {
    const { model, price } = await fromFake("fal-ai/flux/dev");
    if (!price) throw new Error("fixture: no price");
    const built = adapterFromFalModel(model, { ...price, unit: "megapixels" }, "live", DATE);
    if (!built.ok) throw new Error(built.reason);
    // landscape_16_9 is 1024 × 576 (0.59 MP, billed as 1 MP); square_hd 1024 × 1024 (1.05 MP, billed as 2).
    expect(built.adapter.price({ image_size: "landscape_16_9", num_images: 2 }, {}).usd).toBeCloseTo(0.05, 6);
    expect(built.adapter.price({ image_size: "square_hd" }, {}).usd).toBeCloseTo(0.05, 6);
    const odd = { ...price, unit: "compute seconds" };
    const unknown = adapterFromFalModel(model, odd, "live", DATE);
    expect(unknown.ok && unknown.adapter.price({}, {})).toMatchObject({ usd: null });
  });
});

describe.each(usable.map((e) => e.model.endpoint_id))("%s through the real client", (endpoint) => {
  const bodies = [
    ["defaults", (_: ModelAdapter): Params => ({})],
    ["every param set to another value", fullParams],
  ] as const;

  it.each(bodies)("%s: priced by fal's row; fal takes exactly the body built; its result read", async (_, paramsOf) => {
    const a = await adapterOf(endpoint);
    const params = paramsOf(a);
    const ports = portsFor(a);
    expect(validateParams(a, params, ports)).toEqual([]);
    const usd = a.price(effectiveParams(a, params), { sourceDurationSec: SOURCE_SEC }).usd;
    const expected = await expectedUsd(a, params);
    if (expected === null) expect(usd).toBeNull();
    else expect(usd).toBeCloseTo(expected, 6);
    const input = a.buildInput(params, ports, CTX);
    for (const value of portValuesSent(ports)) expect(Object.values(input)).toContainEqual(value);

    const { data, requestId } = await send(endpoint, input);

    const [submit, ...more] = fake.requestsOf("submit");
    expect(more).toEqual([]);
    expect(submit?.status).toBe(200);
    expect(submit?.body).toEqual(input);
    expect(submit?.ignoredFields).toEqual([]);
    const result = readVideo(a, data, params);
    const video = data.video as { url: string; duration?: number };
    expect(result.video.url).toBe(video.url);
    expect(result.video.url).toMatch(/\/media\/video_.*\.mp4$/);
    const asked = askedSeconds(a, params);
    if (asked !== null) {
      expect(fake.jobs.find((j) => j.requestId === requestId)?.durationSec).toBe(asked);
      expect(result.durationSec).toBe(asked);
    } else {
      // "auto" or "as long as the source": the length fal's file reports, else none (never a guess).
      expect(result.durationSec).toBe(video.duration ?? null);
    }
  });

  it("a param not in its list, out of its bounds or not whole is refused before anything is sent", async () => {
    const a = await adapterOf(endpoint);
    const ports = portsFor(a);
    const wrong = wrongParams(a);
    expect(wrong.length).toBeGreaterThan(0);
    const fal = createFalClient({ proxyUrl: { url: fake.url, when: "always" } });
    for (const [field, value] of wrong) {
      const said = `${field}=${String(value)}`;
      const params = { [field]: value };
      expect(
        validateParams(a, params, ports).map((i) => i.field),
        said,
      ).toContain(field);
      // As the engine does: the body is built (and checked) first, and only a body that was built is sent.
      const sent = (async () => send(endpoint, a.buildInput(params, ports, CTX)))();
      await expect(sent, said).rejects.toThrow(new RegExp(`not sent: (.*; )?${field}: `));
      expect(fake.requestsOf("submit"), said).toEqual([]);
      // What the adapter refused is what fal would refuse, on the same field.
      const body = { ...a.buildInput({}, ports, CTX), [field]: value };
      const answer = await fal.queue.submit(endpoint, { input: body }).catch((e: unknown) => e);
      expect(answer, said).toBeInstanceOf(ApiError);
      const { status, body: detail } = answer as ApiError<{ detail: { loc: unknown[] }[] }>;
      expect(status, said).toBe(422);
      expect(
        detail.detail.map((d) => d.loc),
        said,
      ).toContainEqual(["body", field]);
      fake.reset();
    }
  });
});

/**
 * One wrong value per kind of param the model has: an enum value it does not list, a number out of its bounds,
 * a fraction for a whole number.
 */
function wrongParams(a: ModelAdapter): [string, string | number][] {
  const out: [string, string | number][] = [];
  const choice = a.params.find((s) => s.kind === "enum");
  if (choice?.kind === "enum") out.push([choice.name, typeof choice.options[0] === "number" ? 99 : "not-an-option"]);
  const whole = a.params.find((s) => s.kind === "number" && s.integer);
  if (whole) out.push([whole.name, 5.5]);
  for (const spec of a.params) {
    if (spec.kind !== "number" || spec.max >= WIDE) continue;
    out.push([spec.name, spec.max + 1], [spec.name, spec.min - 0.5]);
  }
  return out;
}
