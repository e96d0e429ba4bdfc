/**
 * Share links: a workflow compressed into the URL fragment (`#w=…`, lz-string).
 *
 *   encodeShareLink(workflow, baseUrl) → { ok: true, url, fragmentLength, removed } | { ok: false, reason }
 *       reason, e.g. "This workflow is too big for a link (12 kB, a link holds up to 8 kB); use Save
 *       workflow or Export bundle instead." or "Node "img1" uses a file kept only in this browser, …".
 *       Secret-looking fields (proxyUrl, apiKey, falKey, credentials, token, …, anywhere) and values
 *       shaped like a fal key are never written; `removed` lists their paths.
 *   decodeShareLink(urlOrHash) → ParseResult of src/domain/parse.ts ({ ok, workflow } | { ok: false, errors })
 *       accepts a full URL, `location.hash` or `w=…`; a damaged link gets one clear sentence.
 *       Opening a link must never start a run: the caller only opens the workflow.
 *   hasShareFragment(urlOrHash) → boolean          (on start: does location.hash carry a workflow?)
 *   withoutShareFragment(url) → string             (for history.replaceState after opening it)
 *   inlineLocalFiles(workflow, getBlob, { maxBytes? }) → Promise<{ workflow, notInlined }>
 *       optional step before encodeShareLink: small local files become data: URLs (cache keys unchanged).
 *   stripSecrets(value) → { value, removed }; SHARE_FRAGMENT_LIMIT (8,000 characters of fragment).
 */
export { encodeShareLink, decodeShareLink, hasShareFragment, withoutShareFragment, SHARE_FRAGMENT_LIMIT } from "./link";
export { inlineLocalFiles, INLINE_MAX_BYTES, type InlineOutcome } from "./inline-files";
export { stripSecrets, isSecretKey } from "./strip-secrets";
