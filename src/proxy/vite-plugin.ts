// `npm start`: the local fal proxy mounted on the Vite dev and preview servers at /api/fal/proxy, so the key
// stays in this Node process (from the environment or .env.local) and never reaches the browser bundle.
// Imports in src/proxy carry a .ts extension because Vite's config loader reads them (it warns otherwise).
import { loadEnv } from "vite";
import type { Connect, Plugin } from "vite";
import { createFalProxyHandler } from "./handler.ts";
import type { FalProxyOptions } from "./handler.ts";
import { falKeyFrom, LOCAL_ALLOWED_ENDPOINTS, PROXY_ROUTE } from "./policy.ts";
import { submitIdSupport } from "./submit-once.ts";

export const MISSING_KEY_MESSAGE_DEV =
  "No FAL_KEY: put FAL_KEY=… in .env.local and restart npm start, or switch to Demo.";

/**
 * The line `npm start` prints under Vite's URLs: where the proxy is and whether it found a key, so a new user
 * knows before the first Run whether the app can reach fal.
 */
export function proxyBanner(proxyUrl: string, hasKey: boolean): string {
  return hasKey
    ? `  fal proxy: ${proxyUrl} (FAL_KEY found; the key stays in this process)`
    : `  fal proxy: ${proxyUrl} (no FAL_KEY: put FAL_KEY=… in .env.local and restart, or choose Try the demo)`;
}

export interface FalProxyPluginOptions {
  /** Mount path; default /api/fal/proxy (the app's default Proxy URL). */
  route?: string;
  /** Overrides the key lookup; `() => undefined` gives a keyless proxy (the e2e tests use it). */
  falKey?: () => string | undefined;
  /** Default LOCAL_ALLOWED_ENDPOINTS: any fal endpoint (same origin only, the developer's own key). */
  allowedEndpoints?: readonly string[];
  maxBodyBytes?: number;
  /** Tests only: see FalProxyOptions.testUpstreamOrigin. */
  testUpstreamOrigin?: string;
}

export function falProxyPlugin(opts: FalProxyPluginOptions = {}): Plugin {
  const route = opts.route ?? PROXY_ROUTE;
  let key: string | undefined;
  const handlerOptions = (): FalProxyOptions => ({
    falKey: opts.falKey ?? (() => key),
    missingKeyMessage: MISSING_KEY_MESSAGE_DEV,
    allowedOrigins: "same-origin-only",
    allowedEndpoints: opts.allowedEndpoints ?? LOCAL_ALLOWED_ENDPOINTS,
    // One fal submit per submit id the app sends (a browser may send a POST twice), said in the proxy check.
    ...submitIdSupport(),
    ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}),
    ...(opts.testUpstreamOrigin ? { testUpstreamOrigin: opts.testUpstreamOrigin } : {}),
  });
  const mount = (middlewares: Connect.Server) => {
    const handle = createFalProxyHandler(handlerOptions());
    middlewares.use(route, (req, res) => {
      void handle(req, res);
    });
  };
  return {
    name: "reelflow-fal-proxy",
    configResolved(config) {
      // Prefix "" reads every variable of .env / .env.local; only this server-side closure sees FAL_KEY
      // (Vite exposes just VITE_* to the bundle). The process environment wins over the files.
      key = falKeyFrom({ ...loadEnv(config.mode, config.envDir || config.root, ""), ...process.env });
    },
    configureServer(server) {
      mount(server.middlewares);
      const printUrls = server.printUrls.bind(server);
      server.printUrls = () => {
        printUrls();
        const local = server.resolvedUrls?.local[0]?.replace(/\/$/, "") ?? "";
        const hasKey = (opts.falKey ?? (() => key))() !== undefined;
        server.config.logger.info(proxyBanner(`${local}${route}`, hasKey));
      };
    },
    configurePreviewServer(server) {
      mount(server.middlewares);
    },
  };
}
