// Reading the answer to the proxy check: Reelflow's proxy (with or without a key), another fal proxy, or no proxy.
import { describe, expect, it } from "vitest";
import {
  capabilitiesOf,
  readProxyAnswer,
  stopsRuns,
  subPathNote,
  unreachableProxy,
} from "../../src/domain/proxy-health";

const URL_ = "https://me.example.org/api/fal/proxy";
const ours = (over: Record<string, unknown>) =>
  JSON.stringify({ service: "reelflow-fal-proxy", version: 1, capabilities: [], ...over });

describe("readProxyAnswer", () => {
  it("reads Reelflow's proxy with a key, keeping its capabilities (strings only)", () => {
    const h = readProxyAnswer(URL_, 200, ours({ falKey: true, capabilities: ["submit-id", 7, "x"] }));
    expect(h).toEqual({ kind: "ready", url: URL_, capabilities: ["submit-id", "x"] });
    expect(capabilitiesOf(h)).toEqual(["submit-id", "x"]);
    expect(stopsRuns(h)).toBe(false);
  });

  it("reads Reelflow's proxy without a key, with its advice, and stops runs", () => {
    const h = readProxyAnswer(URL_, 200, ours({ falKey: false, message: "No FAL_KEY: put it in .env.local" }));
    expect(h).toEqual({ kind: "no-key", url: URL_, capabilities: [], message: "No FAL_KEY: put it in .env.local" });
    expect(stopsRuns(h)).toBe(true);
  });

  it.each([
    [400, "Invalid request"],
    [401, JSON.stringify({ detail: "Unauthorized" })],
    [200, JSON.stringify({ fake: "fal" })],
    [403, JSON.stringify({ error: "origin_not_allowed", message: "…" })],
  ])("takes %s %s for another fal proxy: runs go, no capabilities", (status, text) => {
    const h = readProxyAnswer(URL_, status, text);
    expect(h).toEqual({ kind: "other-proxy", url: URL_, status });
    expect(stopsRuns(h)).toBe(false);
    expect(capabilitiesOf(h)).toEqual([]);
  });

  it.each([404, 405, 501, 502, 503])("takes HTTP %s for no proxy, whatever the body", (status) => {
    const h = readProxyAnswer(URL_, status, "<html><body>Not here</body></html>");
    expect(h).toEqual({ kind: "no-proxy", url: URL_, why: { kind: "status", status, message: null } });
    expect(stopsRuns(h)).toBe(true);
  });

  it("keeps the words of a JSON 404 (npm run proxy asked at the wrong path)", () => {
    const message = "The fal proxy lives at /api/fal/proxy.";
    const h = readProxyAnswer(URL_, 404, JSON.stringify({ error: "not_found", message }));
    expect(h).toMatchObject({ kind: "no-proxy", why: { kind: "status", status: 404, message } });
  });

  it("takes a web page answered with 200 (a static host's single-page fallback) for no proxy", () => {
    const h = readProxyAnswer(URL_, 200, "<!doctype html><html><head><title>Reelflow</title></head></html>");
    expect(h).toEqual({ kind: "no-proxy", url: URL_, why: { kind: "web-page", status: 200 } });
    expect(capabilitiesOf(h)).toEqual([]);
  });

  it("an unreachable URL is no proxy, and stops runs", () => {
    const h = unreachableProxy(URL_, "Failed to fetch");
    expect(h).toEqual({ kind: "no-proxy", url: URL_, why: { kind: "unreachable", detail: "Failed to fetch" } });
    expect(stopsRuns(h)).toBe(true);
    expect(capabilitiesOf(undefined)).toEqual([]);
  });
});

describe("subPathNote", () => {
  it("says a root path points at the host root when the app is under a sub-path", () => {
    const note = subPathNote("/api/fal/proxy", "https://me.github.io/reelflow/?x=1");
    expect(note).toContain("/reelflow/");
    expect(note).toContain("https://me.github.io/api/fal/proxy");
  });

  it.each([
    ["/api/fal/proxy", "https://me.github.io/"],
    ["/reelflow/api/fal/proxy", "https://me.github.io/reelflow/"],
    ["https://proxy.example.org/api/fal/proxy", "https://me.github.io/reelflow/"],
    ["api/fal/proxy", "https://me.github.io/reelflow/"],
  ])("says nothing for %s on %s", (configured, page) => {
    expect(subPathNote(configured, page)).toBeNull();
  });
});
