import "fake-indexeddb/auto";
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { DBCore, DBCoreMutateRequest } from "dexie";
import { cacheKey, endpointId, requestId } from "../../../src/domain/ids";
import { openReelflowDb, type ReelflowDb } from "../../../src/adapters/db";
import type { CachedResult } from "../../../src/engine/ports";

export const TINY_MP4 = readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "media", "tiny.mp4"));

let n = 0;
/** A fresh, empty database per test (fake-indexeddb keeps all of them in memory). */
export function freshDb(): ReelflowDb {
  return openReelflowDb(`reelflow-test-${process.pid}-${++n}`, { indexedDB, IDBKeyRange });
}

/** Makes every write to `table` fail as a full disk does in a browser. */
export function failWritesWithQuota(db: ReelflowDb, table: string): void {
  db.use({
    stack: "dbcore",
    name: `quota-${table}`,
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          if (name !== table) return t;
          return {
            ...t,
            mutate: (_req: DBCoreMutateRequest) =>
              Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError")),
          };
        },
      };
    },
  });
}

export function sampleEntry(key: string, url: string, extra: Partial<CachedResult> = {}): CachedResult {
  return {
    key: cacheKey(key),
    endpoint: endpointId("fal-ai/sora-2/text-to-video"),
    result: { video: { url, content_type: "video/mp4" }, videoId: "video_123", thumbnail: null, durationSec: 4 },
    requestId: requestId("req-1"),
    costUsd: 0.4,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

/** A real HTTP server on 127.0.0.1 serving the tiny MP4 at /video.mp4 and 404 elsewhere; counts requests. */
export async function startMediaServer(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    if (req.url === "/video.mp4") {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": TINY_MP4.length });
      res.end(TINY_MP4);
    } else {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${addr.port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
