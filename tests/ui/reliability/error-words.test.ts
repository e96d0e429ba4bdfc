import { describe, expect, it } from "vitest";
import { endpointId } from "../../../src/domain/ids";
import type { ErrorCode } from "../../../src/engine/errors";
import { findAdapter } from "../../../src/nodes/registry";
import { adviceFor } from "../../../src/ui/reliability/error-words";

const err = (code: ErrorCode, extra: { field?: string } = {}) => ({
  code,
  message: "fal's words",
  mayHaveBeenCharged: false,
  ...extra,
});

describe("advice on a node's error", () => {
  it("has words for every fault the user can act on", () => {
    const actionable: ErrorCode[] = [
      "auth",
      "not-found",
      "validation",
      "invalid-input",
      "rate-limited",
      "server",
      "network",
      "no-proxy",
      "moderation",
      "submit-unknown",
      "storage",
      "bad-result",
    ];
    for (const code of actionable) expect(adviceFor(err(code)), code).toMatch(/\w{3,}/);
    expect(adviceFor(err("auth"))).toMatch(/FAL_KEY/);
    expect(adviceFor(err("rate-limited"))).toMatch(/429/);
    expect(adviceFor(err("server"))).toMatch(/5xx/);
    expect(adviceFor(err("network"))).toMatch(/offline/);
    expect(adviceFor(err("moderation"))).toMatch(/content policy/);
    expect(adviceFor(err("storage"))).toMatch(/Storage panel/);
    expect(adviceFor(err("submit-unknown"))).toMatch(/Submit again/);
  });

  it("on no proxy at the Proxy URL says nothing reached fal and what to do, not a fal failure (issue 16 item 2)", () => {
    const words = adviceFor(err("no-proxy")) ?? "";
    expect(words).toContain("Settings → Proxy URL");
    expect(words).toContain("npm run proxy");
    expect(words).toMatch(/Nothing was sent to fal/);
    expect(words).not.toMatch(/5xx|server error|retired/);
    // On a copy under a sub-path, the default URL points at the host root: said when it is the case.
    const subPath =
      adviceFor(err("no-proxy"), undefined, {
        proxyUrl: "/api/fal/proxy",
        pageUrl: "https://me.github.io/reelflow/",
      }) ?? "";
    expect(subPath).toContain("https://me.github.io/api/fal/proxy");
    expect(subPath).toContain("/reelflow/");
    expect(
      adviceFor(err("no-proxy"), undefined, { proxyUrl: "/api/fal/proxy", pageUrl: "http://localhost:5173/" }),
    ).toBe(words);
  });

  it("names the field of a 422", () => {
    expect(adviceFor(err("validation", { field: "duration" }))).toMatch(/"duration"/);
  });

  it("on a 404 of a retired model names its successor by label", () => {
    const sora = findAdapter("fal-ai/sora-2/text-to-video");
    expect(sora?.retired).toBeDefined();
    const successor = findAdapter(sora?.retired?.successor ?? "");
    const words = adviceFor(err("not-found"), endpointId("fal-ai/sora-2/text-to-video"));
    expect(words).toContain("retired");
    expect(words).toContain(successor?.label);
  });

  it("on a 404 of a current model says it may be retired and offers another of its kind", () => {
    const words = adviceFor(err("not-found"), endpointId("fal-ai/veo3.1"));
    expect(words).toMatch(/may be retired/);
    expect(words).toMatch(/Try .+ in this node's model list/);
    expect(words).not.toContain(findAdapter("fal-ai/veo3.1")?.label + " in");
  });
});
