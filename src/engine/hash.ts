import type { ContentHash } from "../domain/ids";
import { contentHash } from "../domain/ids";

/**
 * Hashing for cache keys and upload dedupe. Uses Web Crypto (`globalThis.crypto.subtle`), which
 * exists in browsers and in Node 20, so the engine stays free of Node built-ins.
 */

const encoder = new TextEncoder();

export async function sha256Hex(input: string | Uint8Array | ArrayBuffer | Blob): Promise<ContentHash> {
  const bytes =
    typeof input === "string"
      ? encoder.encode(input)
      : input instanceof Blob
        ? new Uint8Array(await input.arrayBuffer())
        : input instanceof Uint8Array
          ? input
          : new Uint8Array(input);
  // Copy into a fresh ArrayBuffer: subtle.digest refuses views over SharedArrayBuffer in some runtimes.
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes.slice().buffer);
  let hex = "";
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, "0");
  return contentHash(hex);
}

/**
 * JSON with object keys sorted at every depth, so two equal values always hash the same no
 * matter how they were written or loaded. `undefined` members are dropped (as JSON.stringify
 * does); non-finite numbers are refused because JSON would silently turn them into null and two
 * different inputs would share a key. -0 is written as 0 (JSON cannot tell them apart anyway).
 */
export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

function write(v: unknown, path: string): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "number":
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${path} is ${v}, which JSON cannot represent`);
      return JSON.stringify(Object.is(v, -0) ? 0 : v);
    case "object": {
      if (Array.isArray(v))
        return `[${v.map((x, i) => (x === undefined ? "null" : write(x, `${path}[${i}]`))).join(",")}]`;
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonicalJson: ${path} is not a plain object`);
      }
      const rec = v as Record<string, unknown>;
      const parts: string[] = [];
      for (const k of Object.keys(rec).sort()) {
        const x = rec[k];
        if (x === undefined) continue;
        parts.push(`${JSON.stringify(k)}:${write(x, `${path}.${k}`)}`);
      }
      return `{${parts.join(",")}}`;
    }
    case "undefined":
      throw new TypeError(`canonicalJson: ${path} is undefined`);
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof v}, which JSON cannot represent`);
  }
}

/** Bytes of a `data:` URL (base64 or percent-encoded), with its media type. */
export function decodeDataUrl(url: string): { mediaType: string; bytes: Uint8Array } | undefined {
  const m = /^data:([^,]*?),(.*)$/s.exec(url);
  if (!m) return undefined;
  const meta = m[1] ?? "";
  const payload = m[2] ?? "";
  const isBase64 = /;base64$/i.test(meta);
  const mediaType = (isBase64 ? meta.slice(0, -";base64".length) : meta).split(";")[0] || "text/plain";
  try {
    if (isBase64) {
      const bin = atob(payload.replace(/\s+/g, ""));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return { mediaType, bytes };
    }
    return { mediaType, bytes: encoder.encode(decodeURIComponent(payload)) };
  } catch {
    return undefined;
  }
}
