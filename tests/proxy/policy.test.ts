// The default allowlist must let every model Reelflow ships reach fal, and nothing else.
import { isAllowedUrl } from "@fal-ai/server-proxy";
import { describe, expect, it } from "vitest";
import { modelAdapters } from "../../src/nodes/models/index";
import { snapshotEndpointIds } from "../../src/proxy/snapshot-endpoints";
import {
  checkTarget,
  DEFAULT_ALLOWED_ENDPOINTS,
  FAL_PLATFORM_URL_PATTERNS,
  LOCAL_ALLOWED_ENDPOINTS,
  PROXY_URL_PATTERNS,
  standaloneDefaultEndpoints,
} from "../../src/proxy/policy";

describe("default proxy allowlist", () => {
  it("admits submit, status, result and cancel of every model adapter", () => {
    expect(modelAdapters.length).toBeGreaterThan(0);
    for (const { endpoint } of modelAdapters) {
      const app = endpoint.split("/").slice(0, 2).join("/");
      expect(
        checkTarget("POST", `https://queue.fal.run/${endpoint}`, DEFAULT_ALLOWED_ENDPOINTS),
        endpoint,
      ).toMatchObject({ ok: true });
      expect(
        checkTarget("GET", `https://queue.fal.run/${app}/requests/r1/status?logs=1`, DEFAULT_ALLOWED_ENDPOINTS),
        endpoint,
      ).toMatchObject({ ok: true });
      expect(
        checkTarget("GET", `https://queue.fal.run/${app}/requests/r1/status/stream`, DEFAULT_ALLOWED_ENDPOINTS),
        endpoint,
      ).toMatchObject({ ok: true });
      expect(
        checkTarget("GET", `https://queue.fal.run/${app}/requests/r1`, DEFAULT_ALLOWED_ENDPOINTS),
        endpoint,
      ).toMatchObject({ ok: true });
      expect(
        checkTarget("PUT", `https://queue.fal.run/${app}/requests/r1/cancel`, DEFAULT_ALLOWED_ENDPOINTS),
        endpoint,
      ).toMatchObject({ ok: true });
    }
    expect(
      checkTarget(
        "POST",
        "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3",
        DEFAULT_ALLOWED_ENDPOINTS,
      ),
    ).toMatchObject({ ok: true });
  });

  it("refuses other models, other fal APIs and other hosts", () => {
    const refused: [string, string][] = [
      // FLUX.1 [dev] is curated since issue 19; FLUX.1 [schnell] and FLUX pro are not.
      ["POST", "https://queue.fal.run/fal-ai/flux/schnell"],
      ["POST", "https://fal.run/fal-ai/flux-pro/v1.1"],
      ["GET", "https://queue.fal.run/fal-ai/flux-pro/requests/r1"],
      ["POST", "https://rest.fal.ai/tokens/"],
      ["POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=other"],
      ["GET", "https://queue.fal.run/fal-ai/sora-2/anything-else"],
      ["POST", "https://example.com/fal-ai/sora-2/text-to-video"],
      ["PATCH", "https://queue.fal.run/fal-ai/sora-2/requests/r1/cancel"],
    ];
    for (const [method, url] of refused) {
      expect(checkTarget(method, url, DEFAULT_ALLOWED_ENDPOINTS).ok, `${method} ${url}`).toBe(false);
    }
    expect(checkTarget("POST", "https://queue.fal.run/fal-ai/sora-2/text-to-video", [])).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe("fal's Model and Pricing APIs on api.fal.ai", () => {
  const refusedWith = (method: string, url: string) => {
    const r = checkTarget(method, url, DEFAULT_ALLOWED_ENDPOINTS);
    return r.ok ? "forwarded" : r.status;
  };

  it("forwards GET to exactly /v1/models and /v1/models/pricing, with or without a query", () => {
    for (const url of [
      "https://api.fal.ai/v1/models",
      "https://api.fal.ai/v1/models?endpoint_id=fal-ai/flux/dev&endpoint_id=fal-ai/wan/v2.7/text-to-video&expand=x",
      "https://api.fal.ai/v1/models?q=text%20to%20video&category=text-to-video&status=active&limit=50&cursor=Mg%3D%3D",
      "https://api.fal.ai/v1/models/pricing?endpoint_id=fal-ai/veo3.1",
      "https://api.fal.ai/v1/models/pricing?endpoint_id=fal-ai%2Fveo3.1%2Clightricks%2Fltx-2.5%2Ftext-to-video%2Ffast",
      "https://API.FAL.AI:443/v1/models?limit=1#fragment",
    ]) {
      expect(refusedWith("GET", url), url).toBe("forwarded");
    }
  });

  it("forwards the query re-encoded (same parameters, no fragment) so the URL pattern check sees all of it", () => {
    const url = "https://api.fal.ai/v1/models?endpoint_id=fal-ai/flux/dev&q=a b#x";
    const r = checkTarget("GET", url, DEFAULT_ALLOWED_ENDPOINTS);
    if (!r.ok) throw new Error(r.message);
    expect(r.target.href).toBe("https://api.fal.ai/v1/models?endpoint_id=fal-ai%2Fflux%2Fdev&q=a+b");
    expect(r.target.searchParams.getAll("endpoint_id")).toEqual(["fal-ai/flux/dev"]);
    expect(r.target.searchParams.get("q")).toBe("a b");
  });

  it("refuses every other method there, the pricing estimate included", () => {
    expect(refusedWith("POST", "https://api.fal.ai/v1/models/pricing/estimate")).toBe(403);
    expect(refusedWith("POST", "https://api.fal.ai/v1/models/pricing")).toBe(405);
    expect(refusedWith("POST", "https://api.fal.ai/v1/models")).toBe(405);
    expect(refusedWith("PUT", "https://api.fal.ai/v1/models")).toBe(405);
    expect(refusedWith("DELETE", "https://api.fal.ai/v1/models")).toBe(405);
    expect(refusedWith("PATCH", "https://api.fal.ai/v1/models")).toBe(405);
  });

  it("refuses every other path and host, path tricks included", () => {
    for (const url of [
      "https://api.fal.ai/v1/models/x",
      "https://api.fal.ai/v1/models/fal-ai/flux/dev",
      "https://api.fal.ai/v1/models/",
      "https://api.fal.ai/v1/models/pricing/",
      "https://api.fal.ai/v1/modelsx",
      "https://api.fal.ai/v1/models/pricing/estimate",
      "https://api.fal.ai/v1/models/usage",
      "https://api.fal.ai/v1/keys",
      "https://api.fal.ai/v1/models/../keys",
      "https://api.fal.ai/v1/models/%2e%2e/keys",
      "https://api.fal.ai/v1/models/pricing/%2E%2E/%2E%2E/keys",
      "https://api.fal.ai/v1/models%2Fpricing",
      "https://api.fal.ai/v1/models%3Fq=x",
      "https://api.fal.ai//v1/models",
      "https://api.fal.ai/v1//models",
      "https://api.fal.ai/v1/models//pricing",
      "https://api.fal.ai/v2/models",
      "https://api.fal.ai/",
      "https://api.fal.ai.evil.com/v1/models",
      "https://evil.com/api.fal.ai/v1/models",
      "https://api.fal.ai:8443/v1/models",
      "http://api.fal.ai/v1/models",
      "https://user:pw@api.fal.ai/v1/models",
      "https://fal.ai/v1/models",
      "https://rest.fal.ai/v1/models",
    ]) {
      expect(refusedWith("GET", url), url).toBe(403);
    }
  });

  it("matches the two paths with @fal-ai/server-proxy's own URL matcher, a query included", () => {
    const platform = (url: string) => isAllowedUrl(url, [...FAL_PLATFORM_URL_PATTERNS]);
    expect(platform("api.fal.ai/v1/models?endpoint_id=fal-ai%2Fflux%2Fdev")).toBe(true);
    expect(platform("api.fal.ai/v1/models/pricing?endpoint_id=a")).toBe(true);
    expect(platform("api.fal.ai/v1/models/pricing/estimate")).toBe(false);
    expect(platform("api.fal.ai/v1/models/x?y=1")).toBe(false);
    // The patterns the library itself checks include them, so its second check agrees with ours.
    expect(isAllowedUrl("api.fal.ai/v1/models?limit=1", [...PROXY_URL_PATTERNS])).toBe(true);
  });
});

describe("allowlists: npm start takes any endpoint, npm run proxy the curated families and the snapshot", () => {
  it("lets the local proxy submit to any fal endpoint and follow its queue calls", () => {
    const local = (method: string, url: string) => checkTarget(method, url, LOCAL_ALLOWED_ENDPOINTS);
    for (const endpoint of ["fal-ai/wan/v2.7/text-to-video", "minimax/h3/image-to-video", "fal-ai/flux/dev"]) {
      const app = endpoint.split("/").slice(0, 2).join("/");
      expect(local("POST", `https://queue.fal.run/${endpoint}`), endpoint).toMatchObject({ ok: true });
      expect(local("GET", `https://queue.fal.run/${app}/requests/r1/status`)).toMatchObject({ ok: true });
      expect(local("PUT", `https://queue.fal.run/${app}/requests/r1/cancel`)).toMatchObject({ ok: true });
    }
    const upload = "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3";
    expect(local("POST", upload)).toMatchObject({ ok: true });
    // Still fal only, and still queue calls only for GET/PUT.
    expect(checkTarget("POST", "https://example.com/fal-ai/flux/dev", LOCAL_ALLOWED_ENDPOINTS).ok).toBe(false);
    expect(checkTarget("GET", "https://queue.fal.run/fal-ai/flux/anything", LOCAL_ALLOWED_ENDPOINTS).ok).toBe(false);
    expect(checkTarget("PUT", "https://queue.fal.run/fal-ai/flux/requests/r1", LOCAL_ALLOWED_ENDPOINTS).ok).toBe(false);
  });

  it("adds each plain endpoint id of the snapshot to the curated list, once, and never a glob", () => {
    const list = standaloneDefaultEndpoints([
      "fal-ai/wan/v2.7/text-to-video",
      "fal-ai/wan/v2.7/text-to-video",
      "fal-ai/veo3.1/lite/image-to-video", // already covered by fal-ai/veo3.1/**
      "**",
      "fal-ai/**",
      "fal-ai/../keys",
      "noslash",
      "minimax/h3/image-to-video",
    ]);
    expect(list).toEqual([...DEFAULT_ALLOWED_ENDPOINTS, "fal-ai/wan/v2.7/text-to-video", "minimax/h3/image-to-video"]);
    expect(checkTarget("POST", "https://queue.fal.run/minimax/h3/image-to-video", list)).toMatchObject({ ok: true });
    expect(checkTarget("GET", "https://queue.fal.run/minimax/h3/requests/r1/status", list)).toMatchObject({ ok: true });
    expect(checkTarget("POST", "https://queue.fal.run/minimax/h3/text-to-video", list).ok).toBe(false);
    expect(checkTarget("POST", "https://queue.fal.run/fal-ai/flux/schnell", list).ok).toBe(false);
  });
});

describe("the standalone default with the bundled catalogue snapshot", () => {
  it("admits a submit and the queue calls of every endpoint the app ships with", () => {
    const ids = snapshotEndpointIds();
    expect(ids.length).toBeGreaterThan(100);
    const list = standaloneDefaultEndpoints(ids);
    for (const id of ids) {
      const app = id.split("/").slice(0, 2).join("/");
      expect(checkTarget("POST", `https://queue.fal.run/${id}`, list), id).toMatchObject({ ok: true });
      expect(checkTarget("GET", `https://queue.fal.run/${app}/requests/r1/status`, list), id).toMatchObject({
        ok: true,
      });
    }
    // An endpoint no model of the snapshot uses (FLUX.1 [schnell] is in it now, as a text-to-image model).
    expect(ids).toContain("fal-ai/flux/schnell");
    expect(checkTarget("POST", "https://queue.fal.run/fal-ai/whisper", list).ok).toBe(false);
  });
});
