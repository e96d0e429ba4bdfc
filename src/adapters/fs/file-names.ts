import { createHash } from "node:crypto";

/**
 * File name for a key we did not mint (cache keys, content hashes). Keys are hex in practice, but
 * a key with a slash or `..` must never reach outside the cache dir, so anything unusual is hashed.
 */
export function fileStem(key: string): string {
  return /^[A-Za-z0-9_-]{1,128}$/.test(key) ? key : `h-${createHash("sha256").update(key).digest("hex")}`;
}
