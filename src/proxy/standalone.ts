// The deployable proxy behind `npm run proxy`, as a function so tests can start it on a free port.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createFalProxyHandler } from "./handler.ts";
import { DEFAULT_MAX_BODY_BYTES, falKeyFrom, parseList, PROXY_ROUTE, standaloneDefaultEndpoints } from "./policy.ts";
import { snapshotEndpointIds } from "./snapshot-endpoints.ts";
import { submitIdSupport } from "./submit-once.ts";

export const MISSING_KEY_MESSAGE_STANDALONE =
  "No FAL_KEY: start the proxy with FAL_KEY=… in its environment (for example FAL_KEY=… npm run proxy), or use Demo in the app.";

export interface StandaloneProxyConfig {
  falKey: string | undefined;
  allowedOrigins: string[];
  /** ALLOWED_ENDPOINTS, else the curated families plus every endpoint id of the bundled catalogue snapshot. */
  allowedEndpoints: readonly string[];
  maxBodyBytes: number;
  port: number;
  host: string;
  /** Tests only (never from the environment): see FalProxyOptions.testUpstreamOrigin. */
  testUpstreamOrigin?: string;
}

export type ConfigResult = { ok: true; config: StandaloneProxyConfig } | { ok: false; errors: string[] };

/**
 * Reads the proxy's settings from the environment only; the key is never taken from a file or an argument.
 * `snapshotIds` (default: read from the bundled snapshot) widen the default allowlist, not ALLOWED_ENDPOINTS.
 */
export function readStandaloneConfig(
  env: Record<string, string | undefined>,
  snapshotIds: () => readonly string[] = snapshotEndpointIds,
): ConfigResult {
  const errors: string[] = [];
  const allowedOrigins = parseList(env.ALLOWED_ORIGINS) ?? [];
  if (allowedOrigins.length === 0) {
    errors.push(
      "ALLOWED_ORIGINS is empty: set it to the origin(s) serving the app, e.g. ALLOWED_ORIGINS=https://me.github.io",
    );
  }
  for (const o of allowedOrigins) {
    if (o === "*")
      errors.push("ALLOWED_ORIGINS=* would let any web page spend your fal credit: list the app's origins instead.");
    else if (!/^https?:\/\/[^/\s]+$/i.test(o))
      errors.push(`ALLOWED_ORIGINS entry "${o}" is not an origin like https://example.com (no path).`);
  }
  const port = Number(env.PORT ?? "8787");
  if (!Number.isInteger(port) || port < 0 || port > 65535) errors.push(`PORT "${env.PORT}" is not a port number.`);
  const maxBodyBytes = Number(env.MAX_BODY_BYTES ?? DEFAULT_MAX_BODY_BYTES);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0)
    errors.push(`MAX_BODY_BYTES "${env.MAX_BODY_BYTES}" is not a positive byte count.`);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      falKey: falKeyFrom(env),
      allowedOrigins,
      allowedEndpoints: parseList(env.ALLOWED_ENDPOINTS) ?? standaloneDefaultEndpoints(snapshotIds()),
      maxBodyBytes,
      port,
      host: env.HOST?.trim() || "127.0.0.1",
    },
  };
}

export interface RunningProxy {
  server: Server;
  /** Base URL of the proxy route, e.g. http://127.0.0.1:8787/api/fal/proxy */
  url: string;
  close(): Promise<void>;
}

export async function startStandaloneProxy(config: StandaloneProxyConfig): Promise<RunningProxy> {
  const handle = createFalProxyHandler({
    falKey: () => config.falKey,
    missingKeyMessage: MISSING_KEY_MESSAGE_STANDALONE,
    allowedOrigins: config.allowedOrigins,
    allowedEndpoints: config.allowedEndpoints,
    maxBodyBytes: config.maxBodyBytes,
    // One fal submit per submit id the app sends (a browser may send a POST twice), said in the proxy check.
    ...submitIdSupport(),
    ...(config.testUpstreamOrigin ? { testUpstreamOrigin: config.testUpstreamOrigin } : {}),
  });
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === PROXY_ROUTE || path === `${PROXY_ROUTE}/`) {
      void handle(req, res);
      return;
    }
    res.statusCode = 404;
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ error: "not_found", message: `The fal proxy lives at ${PROXY_ROUTE}.` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    server,
    url: `http://${host}:${port}${PROXY_ROUTE}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
