// The app's latest proxy check: one check per URL at a time, the URL asked last wins, capabilities per URL.
import { describe, expect, it } from "vitest";
import type { ProxyHealth } from "../../../src/domain/proxy-health";
import { createProxyHealthService } from "../../../src/ui/settings/proxy-health-store";

function controlled() {
  const pending = new Map<string, (h: ProxyHealth) => void>();
  let calls = 0;
  const service = createProxyHealthService(
    (url) =>
      new Promise<ProxyHealth>((resolve) => {
        calls += 1;
        pending.set(url, resolve);
      }),
  );
  return { service, answer: (url: string, h: ProxyHealth) => pending.get(url)?.(h), calls: () => calls };
}

const A = "http://a.example/api/fal/proxy";
const B = "http://b.example/api/fal/proxy";

describe("proxy health service", () => {
  it("shares a check of the same URL on its way and publishes its answer with the capabilities", async () => {
    const t = controlled();
    const first = t.service.check(A);
    const second = t.service.check(A);
    expect(t.calls()).toBe(1);
    expect(t.service.state.getState()).toEqual({ latest: null, checking: A });
    t.answer(A, { kind: "ready", url: A, capabilities: ["submit-id"] });
    expect(await first).toEqual(await second);
    const latest = { kind: "ready", url: A, capabilities: ["submit-id"] };
    expect(t.service.state.getState()).toEqual({ latest, checking: null });
    expect(t.service.capabilities(A)).toEqual(["submit-id"]);
    expect(t.service.capabilities(B)).toEqual([]);
  });

  it("an answer for a URL the user has since replaced does not become the latest", async () => {
    const t = controlled();
    const a = t.service.check(A);
    const b = t.service.check(B);
    t.answer(B, { kind: "no-proxy", url: B, why: { kind: "status", status: 404, message: null } });
    await b;
    t.answer(A, { kind: "ready", url: A, capabilities: [] });
    await a;
    expect(t.service.state.getState().latest).toMatchObject({ kind: "no-proxy", url: B });
  });

  it("a check whose code cannot load is an unreachable proxy, not a stuck one", async () => {
    const service = createProxyHealthService(() => Promise.reject(new Error("chunk failed")));
    const why = { kind: "unreachable", detail: "chunk failed" };
    expect(await service.check(A)).toEqual({ kind: "no-proxy", url: A, why });
    expect(service.state.getState().checking).toBeNull();
  });
});
