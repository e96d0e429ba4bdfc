// The proxy as `npm start` mounts it: a real Vite dev server with falProxyPlugin, answered over HTTP.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServer } from "vite";
import type { ViteDevServer } from "vite";
import { falProxyPlugin, MISSING_KEY_MESSAGE_DEV, proxyBanner } from "../../src/proxy/vite-plugin";
import { startUpstream } from "./upstream";

let root: string;
let server: ViteDevServer | undefined;
const savedKey = process.env.FAL_KEY;

async function start(plugin = falProxyPlugin()): Promise<string> {
  const options = { port: 0, host: "127.0.0.1", ws: false as const };
  server = await createServer({ root, configFile: false, logLevel: "silent", plugins: [plugin], server: options });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("vite did not listen");
  return `http://127.0.0.1:${address.port}/api/fal/proxy`;
}

const post = (url: string, target: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-fal-target-url": target },
    body: "{}",
  });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "reelflow-vite-proxy-"));
  delete process.env.FAL_KEY;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(root, { recursive: true, force: true });
  if (savedKey === undefined) delete process.env.FAL_KEY;
  else process.env.FAL_KEY = savedKey;
});

describe("falProxyPlugin on the Vite dev server", () => {
  it.each([
    [undefined, /no FAL_KEY: put FAL_KEY=… in \.env\.local and restart, or choose Try the demo/],
    ["from-env", /FAL_KEY found/],
  ])("prints where the proxy is and whether a key was found (key %s)", async (given, says) => {
    if (given) process.env.FAL_KEY = given;
    const url = await start();
    const lines: string[] = [];
    const info = server!.config.logger.info;
    server!.config.logger.info = (msg) => void lines.push(msg);
    try {
      server!.printUrls();
    } finally {
      server!.config.logger.info = info;
    }
    const banner = lines.find((l) => l.includes("fal proxy:"));
    expect(banner).toContain(url);
    expect(banner).toMatch(says);
    expect(banner).toBe(proxyBanner(url, given !== undefined));
  });

  it("answers 401 with what to do when there is no FAL_KEY", async () => {
    const url = await start();
    const res = await post(url, "https://queue.fal.run/fal-ai/sora-2/text-to-video");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "no_fal_key", message: MISSING_KEY_MESSAGE_DEV });
    expect(MISSING_KEY_MESSAGE_DEV).toContain(".env.local");
    expect(MISSING_KEY_MESSAGE_DEV).toContain("Demo");
  });

  it("takes the key from .env.local, then applies the fal-only policy", async () => {
    writeFileSync(join(root, ".env.local"), "FAL_KEY=from-file\n");
    const url = await start();
    // With a key, a foreign target gets the policy refusal instead of the 401: the file was read.
    const res = await post(url, "https://evil.example.com/steal");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe("target_not_allowed");
  });

  it("never puts the key into the browser's environment", async () => {
    writeFileSync(join(root, ".env.local"), "FAL_KEY=secret-in-file\n");
    writeFileSync(join(root, "index.html"), '<script type="module">console.log(import.meta.env)</script>');
    writeFileSync(join(root, "main.ts"), "export const env = import.meta.env;\n");
    const url = await start();
    const mod = await fetch(url.replace("/api/fal/proxy", "/main.ts"));
    expect(mod.status).toBe(200);
    expect(await mod.text()).not.toContain("secret-in-file");
  });

  it("serves only pages of its own origin", async () => {
    writeFileSync(join(root, ".env.local"), "FAL_KEY=from-file\n");
    const url = await start();
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.com", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const target = "https://queue.fal.run/fal-ai/sora-2/requests/abc/status";
    for (const origin of ["https://evil.example.com", "http://localhost:9999"]) {
      const res = await fetch(url, { headers: { origin, "x-fal-target-url": target } });
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe("origin_not_allowed");
    }
    // Its own origin passes the origin check and reaches the target policy (a foreign target, so no fal call).
    const own = await fetch(url, {
      method: "POST",
      headers: { origin: new URL(url).origin, "x-fal-target-url": "https://evil.example.com/x" },
      body: "{}",
    });
    expect(((await own.json()) as { error: string }).error).toBe("target_not_allowed");
  });

  it("forwards any fal endpoint and fal's Model and Pricing APIs with the key, no more on api.fal.ai", async () => {
    const upstream = await startUpstream();
    try {
      const url = await start(falProxyPlugin({ falKey: () => "dev-key", testUpstreamOrigin: upstream.origin }));
      const own = new URL(url).origin;
      const send = (method: string, target: string) => {
        const headers = { origin: own, "content-type": "application/json", "x-fal-target-url": target };
        return fetch(url, { method, headers, body: method === "GET" ? undefined : "{}" });
      };
      // Any endpoint id: the catalogue makes every fal model usable from npm start.
      expect((await send("POST", "https://queue.fal.run/minimax/h3/image-to-video")).status).toBe(200);
      expect((await send("GET", "https://queue.fal.run/minimax/h3/requests/abc/status")).status).toBe(200);
      expect((await send("GET", "https://api.fal.ai/v1/models?q=wan&category=text-to-video")).status).toBe(200);
      const pricing = "https://api.fal.ai/v1/models/pricing?endpoint_id=minimax/h3/image-to-video";
      expect((await send("GET", pricing)).status).toBe(200);
      expect(upstream.seen.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
        "POST /minimax/h3/image-to-video Key dev-key",
        "GET /minimax/h3/requests/abc/status Key dev-key",
        "GET /v1/models?q=wan&category=text-to-video Key dev-key",
        "GET /v1/models/pricing?endpoint_id=minimax%2Fh3%2Fimage-to-video Key dev-key",
      ]);
      upstream.seen.length = 0;
      for (const [method, target] of [
        ["POST", "https://api.fal.ai/v1/models/pricing/estimate"],
        ["POST", "https://api.fal.ai/v1/models"],
        ["GET", "https://api.fal.ai/v1/keys"],
        ["GET", "https://api.fal.ai/v1/models/x"],
        ["GET", "https://api.fal.ai/v1/models/%2e%2e/keys"],
        ["GET", "https://api.fal.ai.evil.com/v1/models"],
        ["GET", "http://api.fal.ai/v1/models"],
      ] as const) {
        const res = await send(method, target);
        expect([403, 405], `${method} ${target}`).toContain(res.status);
      }
      expect(upstream.seen).toEqual([]);
    } finally {
      await upstream.close();
    }
  });
});
