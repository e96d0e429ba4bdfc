/**
 * Settings (the proxy URL, a fal key) live in the browser's settings store, never in workflows.
 * A link or file still goes through this before it leaves or enters the app, so a key that a
 * hand-edited file, a future field or a bug put into a node does not travel in a URL that ends
 * up in chat logs and browser history.
 */

/** Key names (compared lowercase, without `_`, `-` or spaces) that may hold a secret or a proxy address. */
const SECRET_KEYS = new Set([
  "proxy",
  "proxyurl",
  "apikey",
  "falkey",
  "falapikey",
  "credentials",
  "credential",
  "secret",
  "clientsecret",
  "token",
  "accesstoken",
  "authtoken",
  "refreshtoken",
  "authorization",
  "password",
  "bearer",
  "cookie",
]);
const SECRET_SUFFIXES = ["apikey", "secret", "password", "token", "falkey", "credentials", "proxyurl"];

const normalise = (k: string) => k.toLowerCase().replace(/[\s_-]+/g, "");

export function isSecretKey(key: string): boolean {
  const k = normalise(key);
  return SECRET_KEYS.has(k) || SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

/** A fal key is `<key id>:<key secret>` (a UUID and 32+ hex digits); no prompt looks like that. */
const FAL_KEY_VALUE = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{32,}\s*$/i;

export interface Stripped<T> {
  value: T;
  /** Paths of what was removed, e.g. `nodes[2].data.apiKey` (for tests and a log line, never the values). */
  removed: string[];
}

/**
 * A deep copy of `value` without secret-looking keys anywhere and without values shaped like a
 * fal key. Node and edge ids, types and positions are never secret, so only keys are judged.
 */
export function stripSecrets<T>(value: T): Stripped<T> {
  const removed: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (typeof v === "string") return v;
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const at = path === "" ? k : `${path}.${k}`;
      if (isSecretKey(k) || (typeof x === "string" && FAL_KEY_VALUE.test(x))) {
        removed.push(at);
        continue;
      }
      // defineProperty: a `__proto__` key from a file stays a plain key, not a prototype.
      Object.defineProperty(out, k, { value: walk(x, at), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return { value: walk(value, "") as T, removed };
}
