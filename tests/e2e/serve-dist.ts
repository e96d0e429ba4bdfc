// Serves the built dist/ under a sub-path (/reelflow/), as a static host would, for the browser journeys.
// /api/fal/proxy is the real proxy handler with no key, so the "no key" journey sees the real 401 message
// and no developer's .env.local key can ever be spent by a test run.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { createFalProxyHandler } from "../../src/proxy/handler.ts";
import { PROXY_ROUTE } from "../../src/proxy/policy.ts";
import { MISSING_KEY_MESSAGE_DEV } from "../../src/proxy/vite-plugin.ts";

const port = Number(process.env.PORT ?? 4178);
const base = (process.env.BASE_PATH ?? "/reelflow/").replace(/\/?$/, "/");
// resolve, not join: REELFLOW_E2E_DIST may be an absolute folder (e.g. /tmp/dist-x), which vite build writes as given.
const root = resolve(import.meta.dirname, "..", "..", process.env.DIST_DIR ?? "dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const keylessProxy = createFalProxyHandler({
  falKey: () => undefined,
  missingKeyMessage: MISSING_KEY_MESSAGE_DEV,
  allowedOrigins: "same-origin-only",
});

if (!existsSync(join(root, "index.html"))) {
  console.error(`serve-dist: ${root}/index.html is missing; run npm run build first.`);
  process.exit(1);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === PROXY_ROUTE) {
    void keylessProxy(req, res);
    return;
  }
  if (url.pathname === "/" || url.pathname === base.slice(0, -1)) {
    res.writeHead(302, { location: base });
    res.end();
    return;
  }
  if (!url.pathname.startsWith(base) || (req.method !== "GET" && req.method !== "HEAD")) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  const rel = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403);
    res.end();
    return;
  }
  const isFile = existsSync(file) && statSync(file).isFile();
  if (!isFile && extname(file) !== "") {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  // A path without an extension gets the app, as a static host's SPA fallback would.
  const path = isFile ? file : join(root, "index.html");
  res.writeHead(200, {
    "content-type": TYPES[extname(path)] ?? "application/octet-stream",
    "content-length": statSync(path).size,
    "cache-control": "no-store",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(path).pipe(res);
});

server.listen(port, "127.0.0.1", () => console.log(`serve-dist: http://127.0.0.1:${port}${base} from ${root}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
