// @vitest-environment node
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, endpointId } from "../../../src/domain/ids";
import type { CachedResult } from "../../../src/engine/ports";
import { browserThumbnailMaker } from "../../../src/ui/takes/strip/thumbnail";

// The thumbnail of a take comes from fal's own `thumbnail` image when the result has one
// (downloaded, as fal's URLs expire); a missing or unusable one falls back to a local frame.

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/thumb.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PNG);
    } else if (req.url === "/page.html") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>not an image</html>");
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function resultWith(thumbnailUrl: string | null): CachedResult {
  return {
    key: cacheKey("k1"),
    endpoint: endpointId("fal-ai/veo3.1"),
    result: {
      video: { url: "" },
      videoId: null,
      thumbnail: thumbnailUrl ? { url: thumbnailUrl } : null,
      durationSec: 4,
    },
    requestId: null,
    costUsd: 0.4,
    createdAt: "2026-11-25T12:00:00.000Z",
    mediaHash: null,
  };
}

describe("browserThumbnailMaker", () => {
  it("keeps fal's thumbnail image, byte for byte, without touching the video", async () => {
    let videoReads = 0;
    const make = browserThumbnailMaker(async () => {
      videoReads++;
      return undefined;
    });
    const blob = await make(resultWith(`${base}/thumb.png`));
    expect(blob).not.toBeNull();
    expect(Buffer.from(await blob!.arrayBuffer()).equals(PNG)).toBe(true);
    expect(blob!.type).toBe("image/png");
    expect(videoReads).toBe(0);
  });

  it("does not keep a thumbnail URL that is gone (404) or is not an image", async () => {
    const make = browserThumbnailMaker(async () => undefined);
    // No local video and no video URL to draw from: nothing rather than a broken image.
    expect(await make(resultWith(`${base}/gone.png`))).toBeNull();
    expect(await make(resultWith(`${base}/page.html`))).toBeNull();
  });
});

describe("browserThumbnailMaker for image results", () => {
  const images: CachedResult = {
    ...resultWith(null),
    result: { images: [{ url: `http://unused.invalid/0.png` }, { url: "" }], seed: null },
  };

  it("scales down the take's own image, from its local copy, never keeping the image itself as a thumbnail", async () => {
    const asked: (number | undefined)[] = [];
    const scaled: string[] = [];
    const make = browserThumbnailMaker(
      async (_r, image) => {
        asked.push(image);
        return new Blob([`image ${image}`], { type: "image/png" });
      },
      async (source) => {
        scaled.push(await source.text());
        return new Blob(["small"], { type: "image/jpeg" });
      },
    );
    const thumb = await make({ ...images, result: { ...images.result, images: [{ url: "" }, { url: "" }] } }, 1);
    expect(asked).toEqual([1]);
    expect(scaled).toEqual(["image 1"]);
    expect(await thumb?.text()).toBe("small");
  });

  it("downloads the image from its URL when no local copy is kept", async () => {
    const scaled: Blob[] = [];
    const make = browserThumbnailMaker(
      async () => undefined,
      async (source) => {
        scaled.push(source);
        return new Blob(["small"], { type: "image/jpeg" });
      },
    );
    const thumb = await make({ ...images, result: { images: [{ url: `${base}/thumb.png` }], seed: null } }, 0);
    expect(Buffer.from(await scaled[0]!.arrayBuffer()).equals(PNG)).toBe(true);
    expect(thumb).not.toBeNull();
    // An image the result does not hold has no thumbnail.
    expect(await make(images, 5)).toBeNull();
  });
});
