import LZString from "lz-string";
import { parseWorkflow, type ParseResult } from "../../domain/parse";
import type { ShareLinkResult } from "../../domain/sharing";
import type { Workflow } from "../../domain/workflow";
import { stripSecrets } from "./strip-secrets";

/**
 * Share links carry a whole workflow in the URL fragment, `#w=<lz-string>`. The fragment never
 * reaches a server (static hosting needs no route), and the workflow inside is read by the one
 * parser like any file. Opening a link only opens the workflow; running it is the user's choice.
 */

/**
 * Longest fragment we write, in characters (`#w=` included). Browsers take far longer URLs, but
 * chat apps, mail clients and link shorteners cut or refuse links of much more than ~8 kB, and a
 * cut link is a damaged link. Bigger workflows go by file or bundle.
 */
export const SHARE_FRAGMENT_LIMIT = 8_000;
/** Longest fragment we try to read: links made elsewhere may be longer, but not without bound. */
const DECODE_LIMIT = 200_000;
const PARAM = "w";

const kB = (chars: number) => `${Math.ceil(chars / 1000)} kB`;

/** Nodes whose file is kept in this browser only (`data.asset`): a link cannot carry it. */
function localFileNodes(w: Workflow): string[] {
  return w.nodes
    .filter(
      (n) => (n.type === "image" || n.type === "video") && typeof n.data.asset === "string" && n.data.asset !== "",
    )
    .map((n) => n.id);
}

/**
 * A link to `baseUrl` (its own fragment replaced) that opens `workflow`. Refused, with the reason
 * in words, when a node holds a file kept only in this browser or when the link would be too long.
 * Secret-looking fields are never written (see strip-secrets.ts).
 */
export function encodeShareLink(workflow: Workflow, baseUrl: string): ShareLinkResult {
  const local = localFileNodes(workflow);
  if (local.length > 0) {
    const which = local.map((id) => `"${id}"`).join(", ");
    return {
      ok: false,
      reason: `${local.length === 1 ? `Node ${which} uses a file` : `Nodes ${which} use files`} kept only in this browser, which a link cannot carry; use Export bundle (it includes them), or give ${local.length === 1 ? "that node" : "those nodes"} an https URL.`,
    };
  }
  const { value, removed } = stripSecrets(workflow);
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify(value));
  const fragment = `#${PARAM}=${payload}`;
  if (fragment.length > SHARE_FRAGMENT_LIMIT) {
    return {
      ok: false,
      reason: `This workflow is too big for a link (${kB(fragment.length)}, a link holds up to ${kB(SHARE_FRAGMENT_LIMIT)}); use Save workflow or Export bundle instead.`,
    };
  }
  const base = baseUrl.split("#")[0] ?? baseUrl;
  return { ok: true, url: `${base}${fragment}`, fragmentLength: fragment.length, removed };
}

/** The `w=` value of a URL, a `#…` fragment or a bare `w=…`; undefined when there is none. */
function payloadOf(urlOrHash: string): string | undefined {
  const s = urlOrHash.trim();
  const hashAt = s.indexOf("#");
  const fragment = hashAt >= 0 ? s.slice(hashAt + 1) : s;
  for (const part of fragment.split("&")) {
    if (part.startsWith(`${PARAM}=`)) return part.slice(PARAM.length + 1);
  }
  return undefined;
}

/** True when the URL (or `location.hash`) carries a shared workflow: the app opens it on start. */
export function hasShareFragment(urlOrHash: string): boolean {
  return payloadOf(urlOrHash) !== undefined;
}

/** The URL without its share fragment, for `history.replaceState` once the workflow is open. */
export function withoutShareFragment(url: string): string {
  return url.split("#")[0] ?? url;
}

const DAMAGED =
  "This link is damaged: the workflow in it cannot be read (it was probably cut short or changed when it was copied). Ask for the link again, or for the workflow file.";

/**
 * The workflow in a share link, through the one parser (migrations, clear errors), with any
 * secret-looking fields dropped. Accepts a full URL, `location.hash` or `w=…`.
 */
export function decodeShareLink(urlOrHash: string): ParseResult {
  let payload = payloadOf(urlOrHash);
  if (payload === undefined)
    return { ok: false, errors: ["This link carries no workflow (its address has no #w=… part)."] };
  if (payload === "") return { ok: false, errors: [DAMAGED] };
  if (payload.length > DECODE_LIMIT)
    return {
      ok: false,
      errors: [`This link is too long to open (${kB(payload.length)}); ask for the workflow file instead.`],
    };
  // Some apps percent-encode a pasted link or turn its "+" into spaces; undo both.
  if (payload.includes("%")) {
    try {
      payload = decodeURIComponent(payload);
    } catch {
      return { ok: false, errors: [DAMAGED] };
    }
  }
  payload = payload.replace(/ /g, "+");

  let text: string | null;
  try {
    text = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (!text) return { ok: false, errors: [DAMAGED] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, errors: [DAMAGED] };
  }
  const parsed = parseWorkflow(stripSecrets(raw).value);
  return parsed.ok ? parsed : { ok: false, errors: ["The workflow in this link cannot be opened:", ...parsed.errors] };
}
