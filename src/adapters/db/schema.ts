/**
 * The name of the browser's one IndexedDB database, and the start reader's view of its schema. The schema itself is
 * declared once, as `DB_VERSIONS` in ./database.ts, where Dexie opens the database from it (schema version n is
 * IndexedDB version n × 10). The start reader (./start-reader.ts: plain IndexedDB through `idb`, before Dexie is
 * loaded) names stores and indexes through `StoreName` and `IndexName` below, which the compiler reads from that
 * same declaration (a type-only import: Dexie's file stays out of the first-load script), and never asks for a
 * version: it reads the database as it is.
 */
import type { DB_VERSIONS } from "./database";

export const DB_NAME = "reelflow";

type Declarations = (typeof DB_VERSIONS)[number]["stores"];
/** Every store any version declares. */
export type StoreName = Declarations extends infer D ? (D extends D ? keyof D : never) : never;
type Declaration<S extends StoreName> = Extract<Declarations, Record<S, string>>[S];
type Fields<D extends string> = D extends `${infer Head}, ${infer Tail}` ? Head | Fields<Tail> : D;
/** The indexes of a store: every field of its declaration after the primary key. */
export type IndexName<S extends StoreName> =
  Declaration<S> extends `${string}, ${infer Indexes}` ? Fields<Indexes> : never;
