/**
 * A result fal sent that the model adapter could not read is kept in the job's ledger row, so whoever looks
 * into it (the user, a bug report, a newer adapter) has what fal answered for a job that was paid for. A runaway
 * answer must not fill the ledger (one IndexedDB row, one CLI file): past a cap only the start of its JSON is kept.
 */

/** The most of a raw result kept, in bytes of its JSON (UTF-8). */
export const RAW_RESULT_CAP_BYTES = 64 * 1024;

export interface KeptRawResult {
  /** The result as fal sent it, or the first `RAW_RESULT_CAP_BYTES` of its JSON text when it is longer. */
  value: unknown;
  /** The whole JSON's size in bytes when `value` is its cut text; undefined when the result is kept whole. */
  cutFromBytes?: number;
}

export function keepRawResult(raw: unknown): KeptRawResult {
  const json = jsonOf(raw);
  if (json === undefined) return { value: raw === undefined ? null : unserialisableText(raw) };
  const bytes = new TextEncoder().encode(json);
  if (bytes.length <= RAW_RESULT_CAP_BYTES) return { value: raw };
  // A character cut in two at the cap is dropped rather than kept as a replacement mark.
  const text = new TextDecoder().decode(bytes.subarray(0, RAW_RESULT_CAP_BYTES)).replace(/\uFFFD$/, "");
  return { value: text, cutFromBytes: bytes.length };
}

/** How a node's error says where the raw result went. */
export function rawResultWords(kept: KeptRawResult): string {
  if (kept.cutFromBytes === undefined) return "The raw result is kept in the job ledger.";
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  return (
    `The raw result is kept in the job ledger, cut to the first ${kb(RAW_RESULT_CAP_BYTES)} of its JSON ` +
    `(${kb(kept.cutFromBytes)} in all).`
  );
}

/** What JSON cannot hold, as text: a BigInt's digits, a function's source, "[object Object]" for a cycle. */
function unserialisableText(raw: unknown): string {
  if (typeof raw === "bigint" || typeof raw === "symbol" || typeof raw === "function") return String(raw);
  return Object.prototype.toString.call(raw);
}

function jsonOf(raw: unknown): string | undefined {
  try {
    return JSON.stringify(raw);
  } catch {
    // A cycle or a BigInt: nothing fal's JSON can hold, but a test's client might.
    return undefined;
  }
}
