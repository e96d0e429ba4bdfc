import type { Brand } from "./ids";

/**
 * The submit id: what makes a fal submit happen once even when the browser sends it twice (Chromium resends a
 * POST whose reused keep-alive connection closed before any byte of the answer came back). The app writes one
 * into each job's ledger row and sends it with the submit; a proxy that supports it forwards one submit per id
 * and answers every other request with that id with fal's first answer.
 *
 * Sent only to a proxy whose check listed SUBMIT_ID_CAPABILITY: a third-party proxy may refuse an unknown
 * header in its CORS preflight, which would break every submit.
 */
export type SubmitId = Brand<string, "SubmitId">;

export const SUBMIT_ID_HEADER = "x-reelflow-submit-id";
/** What a proxy lists in its check's `capabilities` when it keeps submit ids. */
export const SUBMIT_ID_CAPABILITY = "submit-id";
/** What a proxy accepts as an id: letters, digits and `.`, `_`, `:`, `-`; 8 to 200 of them. */
export const SUBMIT_ID_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

export const submitId = (s: string) => s as SubmitId;

/**
 * A fresh id: 128 random bits as hex. getRandomValues, not randomUUID: it exists outside secure contexts too
 * (a static copy served over plain http on a LAN address).
 */
export function freshSubmitId(): SubmitId {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return submitId(hex);
}
