import { capabilitiesOf } from "../domain/proxy-health";
import { SUBMIT_ID_CAPABILITY } from "../domain/submit-id";
import type { InferenceClient } from "../engine/ports";
import type { Connection } from "./connection";

/**
 * The fal client of a real run (loaded only then: --help, --dry-run and refusals start faster without it).
 * Through `--proxy`, the proxy is checked once, here: only when it lists "submit-id" does each submit carry its
 * job's id (issue 20); a proxy that answers anything else, or nothing, gets requests exactly as before.
 */
export async function createCliFalClient(c: Connection): Promise<InferenceClient> {
  const { createFalInferenceClient } = await import("../adapters/fal/client");
  switch (c.kind) {
    case "proxy": {
      const keepsIds = await proxyKeepsSubmitIds(c.url);
      return createFalInferenceClient({ proxyUrl: c.url, sendSubmitId: () => keepsIds });
    }
    case "key":
      return createFalInferenceClient({ credentials: c.key });
    default: {
      const _: never = c;
      return _;
    }
  }
}

async function proxyKeepsSubmitIds(proxyUrl: string): Promise<boolean> {
  const { checkProxy } = await import("../adapters/proxy-check/check-proxy");
  return capabilitiesOf(await checkProxy(proxyUrl)).includes(SUBMIT_ID_CAPABILITY);
}
