import { describe, expect, it } from "vitest";
import { endpointSchemas, validateBody } from "../../fake-fal/schemas";
import { CTX, PORTS, adapter, currentAdapters, nonDefaultParams, valuesOf } from "./fixtures";

// Each body is checked against the fake fal's schema, written from fal's client types independently of
// the adapters: a field name, a string-vs-number slip or an option fal does not have fails here.

const schemaOf = (endpoint: string) => {
  const s = endpointSchemas[endpoint];
  if (!s) throw new Error(`the fake fal has no schema for ${endpoint}`);
  return s;
};

/** Fields of fal's schema that no node input or param fills yet (each with the reason). */
const NOT_OFFERED: Record<string, string> = {
  end_image_url: "needs a second image input",
  end_user_id: "for fal's own end-user accounting",
};
const NOT_OFFERED_BY_ENDPOINT: Record<string, readonly string[]> = {
  // fal lists these only as free strings with defaults "7s" / "720p": no choices to offer.
  "fal-ai/veo3.1/extend-video": ["duration", "resolution"],
  // a free string in the edit schema, no documented choices.
  "fal-ai/kling-video/o3/standard/video-to-video/edit": ["shot_type"],
  "fal-ai/kling-video/o3/pro/video-to-video/edit": ["shot_type"],
};

describe.each(currentAdapters.map((a) => [a.endpoint, a] as const))("%s request body", (endpoint, a) => {
  const schema = schemaOf(endpoint);

  it("with default params is accepted by fal's schema and sends nothing fal does not know", () => {
    const body = a.buildInput({}, PORTS, CTX);
    expect(validateBody(schema, body)).toEqual({ errors: [], ignoredFields: [] });
    expect(body.prompt).toBe(PORTS.prompt);
    expect(Object.values(body)).not.toContain(null);
    expect(Object.values(body)).not.toContain(undefined);
  });

  it("with every param changed from its default is accepted", () => {
    const params = nonDefaultParams(a);
    const body = a.buildInput(params, PORTS, CTX);
    expect(validateBody(schema, body)).toEqual({ errors: [], ignoredFields: [] });
    // Every param reached the body (numbers may travel as fal's strings, e.g. Kling's duration).
    for (const [name, value] of Object.entries(params)) expect(String(body[name])).toBe(String(value));
  });

  it("accepts every value each param offers", () => {
    for (const spec of a.params) {
      for (const value of valuesOf(spec)) {
        const body = a.buildInput({ [spec.name]: value }, PORTS, CTX);
        expect({ param: spec.name, value, errors: validateBody(schema, body).errors }).toEqual({
          param: spec.name,
          value,
          errors: [],
        });
      }
    }
  });

  it("offers every choice fal's schema has, and every field bar the documented exceptions", () => {
    const exceptions = new Set([...Object.keys(NOT_OFFERED), ...(NOT_OFFERED_BY_ENDPOINT[endpoint] ?? [])]);
    const sent = new Set(Object.keys(a.buildInput(nonDefaultParams(a), PORTS, CTX)));
    for (const [field, rule] of Object.entries(schema.fields)) {
      if (exceptions.has(field)) continue;
      expect({ field, sent: sent.has(field) }).toEqual({ field, sent: true });
      if (rule.type === "string" && rule.enum) {
        const spec = a.params.find((p) => p.name === field);
        const offered = spec ? valuesOf(spec).map(String) : [];
        expect({ field, offered: [...offered].sort() }).toEqual({ field, offered: [...rule.enum].sort() });
      }
    }
  });

  it("refuses to build without the inputs fal requires, naming them", () => {
    expect(() => a.buildInput({}, { ...PORTS, prompt: "" }, CTX)).toThrow(/needs a prompt/);
    if ("image_url" in schema.fields && schema.fields.image_url?.required) {
      expect(() => a.buildInput({}, { prompt: PORTS.prompt }, CTX)).toThrow(/image/);
    }
    if ("video_url" in schema.fields) {
      expect(() => a.buildInput({}, { prompt: PORTS.prompt }, CTX)).toThrow(/needs a video/);
    }
  });
});

describe("port → field mapping and fal's value types", () => {
  it('Veo sends durations as strings such as "8s" and the image as image_url', () => {
    const body = adapter("fal-ai/veo3.1/fast/image-to-video").buildInput({ duration: "4s", seed: 42 }, PORTS, CTX);
    expect(body).toMatchObject({
      prompt: PORTS.prompt,
      image_url: "https://example.test/fox.png",
      duration: "4s",
      seed: 42,
    });
  });

  it("Veo extend sends the upstream video as video_url and leaves length and resolution to fal", () => {
    const body = adapter("fal-ai/veo3.1/extend-video").buildInput({}, PORTS, CTX);
    expect(body.video_url).toBe("https://example.test/fox.mp4");
    expect(body).not.toHaveProperty("duration");
    expect(body).not.toHaveProperty("resolution");
  });

  it("Kling shows duration as a number but sends fal's string", () => {
    const body = adapter("fal-ai/kling-video/o3/pro/text-to-video").buildInput({ duration: 12 }, PORTS, CTX);
    expect(body.duration).toBe("12");
    expect(
      validateBody(schemaOf("fal-ai/kling-video/o3/pro/text-to-video"), { ...body, duration: 12 }).errors,
    ).toHaveLength(1);
  });

  it("Kling image-to-video uses image_url (not v3's start_image_url) and has no aspect ratio", () => {
    const body = adapter("fal-ai/kling-video/o3/standard/image-to-video").buildInput({}, PORTS, CTX);
    expect(body.image_url).toBe("https://example.test/fox.png");
    expect(body).not.toHaveProperty("start_image_url");
    expect(body).not.toHaveProperty("aspect_ratio");
  });

  it("Kling edit takes any video by URL", () => {
    const body = adapter("fal-ai/kling-video/o3/standard/video-to-video/edit").buildInput(
      { keep_audio: false },
      PORTS,
      CTX,
    );
    expect(body).toEqual({ prompt: PORTS.prompt, video_url: "https://example.test/fox.mp4", keep_audio: false });
  });

  it('Seedance sends duration "auto" by default and a chosen length as a string', () => {
    const a = adapter("bytedance/seedance-2.0/text-to-video");
    expect(a.buildInput({}, PORTS, CTX).duration).toBe("auto");
    expect(a.buildInput({ duration: "10" }, PORTS, CTX).duration).toBe("10");
  });

  it("leaves out an unset seed and an empty negative prompt instead of sending null", () => {
    const body = adapter("fal-ai/veo3.1").buildInput({ negative_prompt: "  " }, PORTS, CTX);
    expect(body).not.toHaveProperty("seed");
    expect(body).not.toHaveProperty("negative_prompt");
  });

  it("drops params the endpoint does not declare", () => {
    const body = adapter("bytedance/seedance-2.0/fast/text-to-video").buildInput(
      { delete_video: false, negative_prompt: "x" },
      PORTS,
      CTX,
    );
    expect(body).not.toHaveProperty("delete_video");
    expect(body).not.toHaveProperty("negative_prompt");
  });
});
