// What the Reelflow proxy agrees to forward. Pure functions, so the rules are unit-testable and shared by the
// Vite middleware (npm start) and the standalone server (npm run proxy).
import { DEFAULT_ALLOWED_URL_PATTERNS, getEndpoint, isAllowedEndpoint, isAllowedUrl } from "@fal-ai/server-proxy";

/** Where the app points `@fal-ai/client` by default, and where both proxies listen. */
export const PROXY_ROUTE = "/api/fal/proxy";

/**
 * Endpoint ids a POST may reach when ALLOWED_ENDPOINTS is not set: the video models Reelflow has adapters for
 * (Sora 2, Veo 3.1, Kling O3, Seedance 2.0) and fal storage upload, which the client uses for image inputs.
 * Glob syntax of @fal-ai/server-proxy (picomatch): `*` is one path segment, `**` any depth.
 */
export const DEFAULT_ALLOWED_ENDPOINTS: readonly string[] = [
  "fal-ai/sora-2/text-to-video",
  "fal-ai/sora-2/text-to-video/pro",
  "fal-ai/sora-2/image-to-video",
  "fal-ai/sora-2/image-to-video/pro",
  "fal-ai/sora-2/video-to-video/remix",
  "fal-ai/veo3.1",
  "fal-ai/veo3.1/**",
  "fal-ai/kling-video/o3/**",
  "bytedance/seedance-2.0/**",
  "storage/upload/initiate",
];

/** Most fal video inputs are a prompt and a few params; images go through storage upload, not the body. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const ALLOWED_METHODS = new Set(["GET", "POST", "PUT"]);

export type Refusal = { ok: false; status: number; error: string; message: string };
export type TargetCheck = { ok: true; target: URL } | Refusal;

const refuse = (status: number, error: string, message: string): Refusal => ({ ok: false, status, error, message });

/** Splits a comma/whitespace separated env value; empty or missing gives undefined (so defaults apply). */
export function parseList(value: string | undefined): string[] | undefined {
  const items = (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

/** FAL_KEY, or FAL_KEY_ID:FAL_KEY_SECRET as @fal-ai/server-proxy accepts; blank values count as missing. */
export function falKeyFrom(env: Record<string, string | undefined>): string | undefined {
  const key = env.FAL_KEY?.trim();
  if (key) return key;
  const id = env.FAL_KEY_ID?.trim();
  const secret = env.FAL_KEY_SECRET?.trim();
  return id && secret ? `${id}:${secret}` : undefined;
}

/**
 * The app id of a queue path, e.g. `fal-ai/sora-2` for `fal-ai/sora-2/requests/<id>/status`. Status, result and
 * cancel calls carry only owner/alias (not the full endpoint), so they are allowed when some allowed endpoint
 * belongs to the same app.
 */
function queueAppOf(path: string): string | undefined {
  const m = /^([^/]+\/[^/]+)\/requests\/[^/]+(?:\/(?:status(?:\/stream)?|cancel))?$/.exec(path);
  return m?.[1];
}

function appAllowed(app: string, allowedEndpoints: readonly string[]): boolean {
  return allowedEndpoints.some((pattern) => {
    const [owner, alias] = pattern.split("/");
    return owner !== undefined && alias !== undefined && isAllowedEndpoint(app, [`${owner}/${alias}`]);
  });
}

/**
 * Decides whether a request for `rawTarget` (the x-fal-target-url header) may be forwarded with the key.
 * Only https fal hosts of @fal-ai/server-proxy's default patterns; a POST (which starts paid work) only to an
 * allowlisted endpoint id; GET/PUT only to queue status/result/cancel paths of an allowlisted app.
 */
export function checkTarget(method: string, rawTarget: string | undefined, allowedEndpoints: readonly string[]): TargetCheck {
  const verb = method.toUpperCase();
  if (!ALLOWED_METHODS.has(verb)) {
    return refuse(405, "method_not_allowed", `The fal proxy forwards only GET, POST and PUT, not ${verb}.`);
  }
  if (!rawTarget) {
    return refuse(400, "missing_target", "Missing x-fal-target-url header: point @fal-ai/client at this proxy with proxyUrl.");
  }
  let target: URL;
  try {
    target = new URL(rawTarget);
  } catch {
    return refuse(400, "bad_target", `x-fal-target-url is not a URL: ${rawTarget.slice(0, 200)}`);
  }
  const hostAndPath = `${target.host}${target.pathname}${target.search}`;
  if (target.protocol !== "https:" || target.username || target.password || !isAllowedUrl(hostAndPath, [...DEFAULT_ALLOWED_URL_PATTERNS])) {
    return refuse(403, "target_not_allowed", `This proxy only forwards to fal (fal.run, queue.fal.run, rest.fal.ai storage upload), not ${target.origin}.`);
  }
  const endpoint = getEndpoint(target.href);
  if (verb === "POST") {
    if (!isAllowedEndpoint(endpoint, allowedEndpoints.length > 0 ? [...allowedEndpoints] : ["\0never"])) {
      return refuse(403, "endpoint_not_allowed", `Endpoint ${endpoint} is not in this proxy's allowlist (ALLOWED_ENDPOINTS).`);
    }
    return { ok: true, target };
  }
  const app = queueAppOf(endpoint);
  if (app === undefined || !appAllowed(app, allowedEndpoints)) {
    return refuse(403, "endpoint_not_allowed", `${verb} ${endpoint} is not a queue call of an allowlisted endpoint (ALLOWED_ENDPOINTS).`);
  }
  if (verb === "PUT" && !endpoint.endsWith("/cancel")) {
    return refuse(403, "endpoint_not_allowed", `PUT is only forwarded to cancel a queued request, not ${endpoint}.`);
  }
  return { ok: true, target };
}

export type OriginCheck = { ok: true; origin: string | undefined } | Refusal;

/**
 * CORS origin allowlist for the standalone proxy. A browser always sends Origin on a cross-origin fetch, so a
 * request without one is not from the hosted app and is refused too (the key must not serve scripts).
 */
export function checkOrigin(origin: string | undefined, allowedOrigins: readonly string[] | "same-origin-only"): OriginCheck {
  if (allowedOrigins === "same-origin-only") return { ok: true, origin: undefined };
  if (!origin) return refuse(403, "origin_required", "Requests must come from a browser page on an allowed origin (ALLOWED_ORIGINS).");
  const normalized = origin.replace(/\/+$/, "").toLowerCase();
  if (!allowedOrigins.some((o) => o.replace(/\/+$/, "").toLowerCase() === normalized)) {
    return refuse(403, "origin_not_allowed", `Origin ${origin} is not in this proxy's ALLOWED_ORIGINS.`);
  }
  return { ok: true, origin };
}
