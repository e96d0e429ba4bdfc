import type { ContentHash } from "../domain/ids";
import type { MediaRef } from "./cache-key";
import { InferenceError } from "./errors";
import { decodeDataUrl, sha256Hex } from "./hash";
import type { EnginePorts } from "./ports";

/**
 * Turns an image/video source into a URL fal can fetch. Remote URLs go as they are; local bytes
 * (a `data:` URL, or an asset the user dropped in) are uploaded to fal storage once: the URL is
 * remembered by content hash in the result cache (across runs) and in `inFlight` (within a run,
 * so two nodes showing the same picture do not race to upload it twice).
 */
export class MediaUploader {
  private readonly inFlight = new Map<ContentHash, Promise<string>>();
  constructor(private readonly ports: EnginePorts) {}

  async urlFor(ref: MediaRef): Promise<string> {
    switch (ref.kind) {
      case "remote":
        return ref.url;
      case "data-url": {
        const decoded = decodeDataUrl(ref.url);
        if (!decoded)
          throw new InferenceError({ code: "invalid-input", message: "the data: URL is damaged and cannot be read" });
        const blob = new Blob([decoded.bytes.slice().buffer], { type: decoded.mediaType });
        return this.upload(await sha256Hex(decoded.bytes), async () => blob);
      }
      case "asset":
        return this.upload(ref.hash, async () => {
          const blob = await this.ports.assets?.get(ref.hash);
          if (!blob) {
            throw new InferenceError({
              code: "storage",
              message: `the file (${ref.hash.slice(0, 12)}…) is no longer stored on this device; add it again`,
            });
          }
          return blob;
        });
      default: {
        const _: never = ref;
        return _;
      }
    }
  }

  private upload(hash: ContentHash, blob: () => Promise<Blob>): Promise<string> {
    let p = this.inFlight.get(hash);
    if (!p) {
      p = (async () => {
        const known = await this.ports.cache.getUpload(hash);
        if (known) return known;
        const url = await this.ports.client.upload(await blob());
        await this.ports.cache.putUpload(hash, url);
        return url;
      })();
      // A failed upload may be retried by a later run, not reused.
      p.catch(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, p);
    }
    return p;
  }
}
