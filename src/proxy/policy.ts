// What the Reelflow proxy agrees to forward. Pure functions, so the rules are unit-testable and shared by the
// Vite middleware (npm start) and the standalone server (npm run proxy).
import { DEFAULT_ALLOWED_URL_PATTERNS, getEndpoint, isAllowedEndpoint, isAllowedUrl } from "@fal-ai/server-proxy";

/** Where the app points `@fal-ai/client` by default, and where both proxies listen. */
export const PROXY_ROUTE = "/api/fal/proxy";

/**
 * The curated model families Reelflow has hand-written adapters for (Sora 2, Veo 3.1, Kling O3, Seedance 2.0) and
 * fal storage upload, which the client uses for image inputs. The standalone proxy allows these plus every endpoint
 * of the bundled catalogue snapshot when ALLOWED_ENDPOINTS is not set (see standaloneDefaultEndpoints).
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
  // Curated image models (issue 19): FLUX.1 [dev] and the Nano Banana family, each as text-to-image and edit.
  "fal-ai/flux/dev",
  "fal-ai/nano-banana",
  "fal-ai/nano-banana/edit",
  "fal-ai/nano-banana-2",
  "fal-ai/nano-banana-2/edit",
  "fal-ai/nano-banana-pro",
  "fal-ai/nano-banana-pro/edit",
  "storage/upload/initiate",
];

/**
 * `npm start`'s proxy: any fal endpoint (the catalogue makes every fal video model usable) plus storage upload.
 * It serves only pages of its own origin and spends the developer's own key, so no list is kept there.
 */
export const LOCAL_ALLOWED_ENDPOINTS: readonly string[] = ["**", "storage/upload/initiate"];

// An endpoint id as fal writes them (owner/alias/…): no globs, no empty, `.` or `..` segments.
const ENDPOINT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9._-]+)+$/;
const isPlainEndpointId = (id: string) => ENDPOINT_ID.test(id) && !id.split("/").some((s) => s === "." || s === "..");

/**
 * The standalone proxy's default allowlist: the curated families, then each endpoint id of the bundled catalogue
 * snapshot that they do not already cover. Ids that are not plain endpoint ids are skipped: a glob in the snapshot
 * must not widen the list.
 */
export function standaloneDefaultEndpoints(snapshotEndpointIds: readonly string[]): string[] {
  const covered = (id: string) => isAllowedEndpoint(id, [...DEFAULT_ALLOWED_ENDPOINTS]);
  const extra = snapshotEndpointIds.filter((id) => isPlainEndpointId(id) && !covered(id));
  return [...DEFAULT_ALLOWED_ENDPOINTS, ...new Set(extra)];
}

/** fal's Model API and Pricing API host: only GET to exactly these two paths is forwarded there. */
export const FAL_PLATFORM_HOST = "api.fal.ai";
export const FAL_PLATFORM_PATHS: readonly string[] = ["/v1/models", "/v1/models/pricing"];

/**
 * The same two URLs as @fal-ai/server-proxy `allowedUrlPatterns` (host + path + query; `\\?` is a literal `?`).
 * picomatch's `*` never crosses a `/`, so a query is matched after canonicalPlatformUrl re-encodes it (a `/` in
 * `endpoint_id=fal-ai/flux/dev` becomes %2F); nothing else on the host matches.
 */
export const FAL_PLATFORM_URL_PATTERNS: readonly string[] = FAL_PLATFORM_PATHS.flatMap((path) => [
  `${FAL_PLATFORM_HOST}${path}`,
  `${FAL_PLATFORM_HOST}${path}\\?*`,
]);

/** Every URL pattern the proxy forwards to: fal's default hosts and the two platform API paths. */
export const PROXY_URL_PATTERNS: readonly string[] = [...DEFAULT_ALLOWED_URL_PATTERNS, ...FAL_PLATFORM_URL_PATTERNS];

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

/** The owner/alias part of an allowlist pattern; `**` alone (npm start's "any endpoint") spans both. */
function appPatternOf(pattern: string): string | undefined {
  const [owner, alias] = pattern.split("/");
  if (owner === undefined) return undefined;
  if (alias !== undefined) return `${owner}/${alias}`;
  return owner === "**" ? "**" : undefined;
}

function appAllowed(app: string, allowedEndpoints: readonly string[]): boolean {
  return allowedEndpoints.some((pattern) => {
    const appPattern = appPatternOf(pattern);
    return appPattern !== undefined && isAllowedEndpoint(app, [appPattern]);
  });
}

/**
 * The platform URL as it is forwarded: path as given, query re-encoded (form encoding: every `/`, `?` and `#`
 * inside a value is escaped), no fragment. fal reads the same parameters from it.
 */
function canonicalPlatformUrl(target: URL): URL {
  const canonical = new URL(`${target.protocol}//${target.host}${target.pathname}`);
  canonical.search = new URLSearchParams(target.search).toString();
  return canonical;
}

/** api.fal.ai: GET to exactly the Model API or the Pricing API path, with any query; nothing else there. */
function checkPlatformTarget(verb: string, target: URL): TargetCheck {
  const canonical = canonicalPlatformUrl(target);
  const url = `${canonical.host}${canonical.pathname}${canonical.search}`;
  if (!isAllowedUrl(url, [...FAL_PLATFORM_URL_PATTERNS])) {
    const paths = `GET ${FAL_PLATFORM_PATHS.join(", GET ")}`;
    const path = target.pathname.slice(0, 200);
    const apis = `fal's Model and Pricing APIs (${paths})`;
    const message = `On ${FAL_PLATFORM_HOST} this proxy forwards only ${apis}, not ${path}.`;
    return refuse(403, "target_not_allowed", message);
  }
  if (verb !== "GET") {
    return refuse(405, "method_not_allowed", `fal's Model and Pricing APIs are forwarded for GET only, not ${verb}.`);
  }
  return { ok: true, target: canonical };
}

/** queue.fal.run and friends: a POST only to an allowlisted endpoint; GET/PUT only to its queue calls. */
function checkQueueTarget(verb: string, target: URL, allowedEndpoints: readonly string[]): TargetCheck {
  const endpoint = getEndpoint(target.href);
  if (verb === "POST") {
    if (!isAllowedEndpoint(endpoint, allowedEndpoints.length > 0 ? [...allowedEndpoints] : ["\0never"])) {
      const message = `Endpoint ${endpoint} is not in this proxy's allowlist (ALLOWED_ENDPOINTS).`;
      return refuse(403, "endpoint_not_allowed", message);
    }
    return { ok: true, target };
  }
  const app = queueAppOf(endpoint);
  if (app === undefined || !appAllowed(app, allowedEndpoints)) {
    const message = `${verb} ${endpoint} is not a queue call of an allowlisted endpoint (ALLOWED_ENDPOINTS).`;
    return refuse(403, "endpoint_not_allowed", message);
  }
  if (verb === "PUT" && !endpoint.endsWith("/cancel")) {
    return refuse(403, "endpoint_not_allowed", `PUT is only forwarded to cancel a queued request, not ${endpoint}.`);
  }
  return { ok: true, target };
}

/**
 * Decides whether a request for `rawTarget` (the x-fal-target-url header) may be forwarded with the key, and to
 * which URL. Only https fal hosts: @fal-ai/server-proxy's default patterns and fal's Model and Pricing APIs on
 * api.fal.ai (GET only). A POST (which starts paid work) only to an allowlisted endpoint id; GET/PUT only to queue
 * status/result/cancel paths of an allowlisted app.
 */
export function checkTarget(
  method: string,
  rawTarget: string | undefined,
  allowedEndpoints: readonly string[],
): TargetCheck {
  const verb = method.toUpperCase();
  if (!ALLOWED_METHODS.has(verb)) {
    return refuse(405, "method_not_allowed", `The fal proxy forwards only GET, POST and PUT, not ${verb}.`);
  }
  if (!rawTarget) {
    const message = "Missing x-fal-target-url header: point @fal-ai/client at this proxy with proxyUrl.";
    return refuse(400, "missing_target", message);
  }
  let target: URL;
  try {
    target = new URL(rawTarget);
  } catch {
    return refuse(400, "bad_target", `x-fal-target-url is not a URL: ${rawTarget.slice(0, 200)}`);
  }
  const hosts = `fal.run, queue.fal.run, rest.fal.ai storage upload, ${FAL_PLATFORM_HOST} model and pricing APIs`;
  const origin = target.origin;
  const foreign = refuse(403, "target_not_allowed", `This proxy only forwards to fal (${hosts}), not ${origin}.`);
  if (target.protocol !== "https:" || target.username || target.password) return foreign;
  if (target.host === FAL_PLATFORM_HOST) return checkPlatformTarget(verb, target);
  const url = `${target.host}${target.pathname}${target.search}`;
  if (!isAllowedUrl(url, [...DEFAULT_ALLOWED_URL_PATTERNS])) return foreign;
  return checkQueueTarget(verb, target, allowedEndpoints);
}

export type OriginCheck = { ok: true; origin: string | undefined } | Refusal;

/**
 * CORS origin allowlist for the standalone proxy. A browser always sends Origin on a cross-origin fetch, so a
 * request without one is not from the hosted app and is refused too (the key must not serve scripts).
 */
export function checkOrigin(
  origin: string | undefined,
  allowedOrigins: readonly string[] | "same-origin-only",
): OriginCheck {
  if (allowedOrigins === "same-origin-only") return { ok: true, origin: undefined };
  if (!origin)
    return refuse(
      403,
      "origin_required",
      "Requests must come from a browser page on an allowed origin (ALLOWED_ORIGINS).",
    );
  const normalized = origin.replace(/\/+$/, "").toLowerCase();
  if (!allowedOrigins.some((o) => o.replace(/\/+$/, "").toLowerCase() === normalized)) {
    return refuse(403, "origin_not_allowed", `Origin ${origin} is not in this proxy's ALLOWED_ORIGINS.`);
  }
  return { ok: true, origin };
}
