import { describe, expect, it } from "vitest";
import { endpointId } from "../../../src/domain/ids";
import type { ErrorCode } from "../../../src/engine/errors";
import { findAdapter } from "../../../src/nodes/registry";
import { adviceFor } from "../../../src/ui/reliability/error-words";

const err = (code: ErrorCode, extra: { field?: string } = {}) => ({ code, message: "fal's words", mayHaveBeenCharged: false, ...extra });

describe("advice on a node's error", () => {
  it("has words for every fault the user can act on", () => {
    const actionable: ErrorCode[] = ["auth", "not-found", "validation", "invalid-input", "rate-limited", "server", "network", "moderation", "submit-unknown", "storage", "bad-result"];
    for (const code of actionable) expect(adviceFor(err(code)), code).toMatch(/\w{3,}/);
    expect(adviceFor(err("auth"))).toMatch(/FAL_KEY/);
    expect(adviceFor(err("rate-limited"))).toMatch(/429/);
    expect(adviceFor(err("server"))).toMatch(/5xx/);
    expect(adviceFor(err("network"))).toMatch(/offline/);
    expect(adviceFor(err("moderation"))).toMatch(/content policy/);
    expect(adviceFor(err("storage"))).toMatch(/Storage panel/);
    expect(adviceFor(err("submit-unknown"))).toMatch(/Submit again/);
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
