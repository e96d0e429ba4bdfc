/**
 * How the CLI reaches fal. A proxy named on the command line wins (the key stays on the proxy's
 * machine); otherwise FAL_KEY from the environment talks to fal directly. With neither there is
 * nothing to run with, and the user is told both ways to fix it.
 */
export type Connection = { kind: "proxy"; url: string } | { kind: "key"; key: string };

export function resolveConnection(
  proxy: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; connection: Connection } | { ok: false; error: string } {
  if (proxy !== undefined) return { ok: true, connection: { kind: "proxy", url: proxy } };
  const key = env.FAL_KEY?.trim();
  if (key) return { ok: true, connection: { kind: "key", key } };
  return {
    ok: false,
    error:
      "no way to reach fal: pass --proxy <url> (your fal proxy, e.g. http://localhost:5173/api/fal/proxy) " +
      "or set FAL_KEY in the environment (your fal API key, used directly)",
  };
}

export function describeConnection(c: Connection): string {
  switch (c.kind) {
    case "proxy":
      return `via proxy ${c.url}`;
    case "key":
      return "direct to fal with FAL_KEY";
    default: {
      const _: never = c;
      return _;
    }
  }
}
