import { capabilitiesOf, noProxyWhyWords, type ProxyHealth } from "../domain/proxy-health";
import { SUBMIT_ID_CAPABILITY } from "../domain/submit-id";
import type { InferenceClient } from "../engine/ports";
import type { Connection } from "./connection";

/** The client, or why the run must not start (the proxy check found no proxy, or one without a key). */
export type CliFalClient = { ok: true; client: InferenceClient } | { ok: false; problem: string };

/**
 * The fal client of a real run (loaded only then: --help, --dry-run and refusals start faster without it).
 * Through `--proxy`, the proxy is checked once, here, before anything is sent: no proxy there, or one without a
 * fal key, stops the run (issue 16); only when it lists "submit-id" does each submit carry its job's id (issue 20);
 * a proxy that answers anything else gets requests exactly as before.
 */
export async function createCliFalClient(c: Connection): Promise<CliFalClient> {
  const { createFalInferenceClient } = await import("../adapters/fal/client");
  switch (c.kind) {
    case "proxy": {
      const { checkProxy } = await import("../adapters/proxy-check/check-proxy");
      const health = await checkProxy(c.url);
      const problem = proxyProblem(health);
      if (problem) return { ok: false, problem };
      const keepsIds = capabilitiesOf(health).includes(SUBMIT_ID_CAPABILITY);
      return { ok: true, client: createFalInferenceClient({ proxyUrl: c.url, sendSubmitId: () => keepsIds }) };
    }
    case "key":
      return { ok: true, client: createFalInferenceClient({ credentials: c.key }) };
    default: {
      const _: never = c;
      return _;
    }
  }
}

const START_ONE =
  "Start one (npm run proxy with FAL_KEY in its environment, or npm start, whose proxy is at /api/fal/proxy) " +
  "and pass its URL with --proxy, or set FAL_KEY and leave --proxy out.";

/** What stops a run at this proxy, in the CLI's words; null when runs may go. */
function proxyProblem(health: ProxyHealth): string | null {
  switch (health.kind) {
    case "ready":
    case "other-proxy":
      return null;
    case "no-key": {
      const said = health.message ? `: ${health.message}` : ".";
      return `the proxy at ${health.url} has no fal key${said} Nothing was sent.`;
    }
    case "no-proxy":
      return `no proxy at ${health.url}: ${noProxyWhyWords(health.why)} Nothing was sent. ${START_ONE}`;
    default: {
      const _: never = health;
      return _;
    }
  }
}
