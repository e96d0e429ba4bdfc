import type { TakeRow } from "./database";
import type { StoredTake } from "../../domain/take";

/** A takes row as the app sees it: the row without its namespace (the table's, not the take's). */
export function storedTakeOf(row: TakeRow): StoredTake {
  const { namespace: _namespace, ...take } = row;
  return take;
}

/** Oldest first, as strips list takes (so a take's place in its strip never changes). */
export const byAge = (a: StoredTake, b: StoredTake): number =>
  a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key);
