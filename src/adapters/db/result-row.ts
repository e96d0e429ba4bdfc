import type { CachedResult } from "../../engine/ports";
import type { ResultRow } from "./database";

/** A results row as the engine sees it: the row without its namespace (the table's, not the result's). */
export function entryOfRow(row: ResultRow): CachedResult {
  const { namespace: _namespace, ...entry } = row;
  return entry;
}
