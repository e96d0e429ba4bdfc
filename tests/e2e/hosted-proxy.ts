import { startStandaloneProxy } from "../../src/proxy/standalone";
import { DEFAULT_ALLOWED_ENDPOINTS, DEFAULT_MAX_BODY_BYTES } from "../../src/proxy/policy";

/**
 * `npm run proxy` as a hosted set-up runs it (issue 7): its own origin, holding the fal key, letting in the app's
 * origin (from the page's `baseURL`), with the fake fal at `falUrl` behind it (the test-only upstream option).
 */
export const startHostedProxy = (baseURL: string | undefined, falUrl: string) =>
  startStandaloneProxy({
    falKey: "key-held-by-the-proxy",
    allowedOrigins: [new URL(baseURL ?? "").origin],
    allowedEndpoints: DEFAULT_ALLOWED_ENDPOINTS,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    port: 0,
    host: "127.0.0.1",
    testUpstreamOrigin: falUrl,
  });
