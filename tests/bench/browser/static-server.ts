// A minimal static file server for the browser benchmarks (the built app under /reelflow/, the bare page at /).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".mp4": "video/mp4",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` under `base` (ending in "/") on a free 127.0.0.1 port (or `port`); unknown paths fall back to index.html.
 * `dir` may be a function, read at each request: two builds served in turn from one origin share its IndexedDB (A/B runs).
 */
export async function serveStatic(dir: string | (() => string), base = "/", port = 0): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const root = normalize(typeof dir === "function" ? dir() : dir);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (!path.startsWith(base)) {
      res.writeHead(404);
      res.end();
      return;
    }
    let file = normalize(join(root, decodeURIComponent(path.slice(base.length)) || "index.html"));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      res.end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const addr = server.address();
  const bound = typeof addr === "object" && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${bound}${base}`, close: () => new Promise((r) => server.close(() => r())) };
}
