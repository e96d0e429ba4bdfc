/**
 * What to say about something thrown: an Error's own message; an object that carries a message (an error from
 * another realm, a library's plain error object) by that message; any other object as its JSON, cut short; and
 * anything else (a string, a number) as its string form. Never "[object Object]".
 */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e !== "object" || e === null) return String(e);
  if ("message" in e && typeof e.message === "string") return e.message;
  return jsonOf(e);
}

const MAX_JSON_CHARS = 200;

function jsonOf(e: object): string {
  try {
    const json = JSON.stringify(e);
    return json.length > MAX_JSON_CHARS ? `${json.slice(0, MAX_JSON_CHARS)}…` : json;
  } catch {
    // A cycle or a BigInt cannot be JSON: its keys say at least what it held.
    return `{${Object.keys(e).join(", ")}}`;
  }
}
