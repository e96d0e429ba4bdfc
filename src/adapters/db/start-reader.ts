import { openDB, type IDBPDatabase } from "idb";
import type { Table } from "dexie";
import type { CacheKey, ContentHash, WorkflowId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import type { CachedResult } from "../../engine/ports";
import type { CacheNamespace, ReelflowDb, SettingRow, WorkflowRow } from "./database";
import { entryOfRow } from "./result-row";
import { DB_NAME, type IndexName, type StoreName } from "./schema";
import { DEFAULT_SETTINGS, SETTING_KEYS, settingsFromRows, type AppSettings } from "./settings";
import { byAge, storedTakeOf } from "./take-row";
import type { StoredTake } from "./takes";
import { isListed, savedWorkflowRow } from "./workflow-row";

/**
 * What the first screen needs from storage, read before Dexie is loaded (Dexie is 28 kB gzip and follows right after
 * the first paint), with plain IndexedDB through `idb`: the rows Dexie wrote, as Dexie reads them. The stores and
 * indexes named here are checked by the compiler against the one declaration of the database (./schema.ts), and each
 * row has the type Dexie's table of that store has (./database.ts).
 */
type RowOf<S extends StoreName> = ReelflowDb[S] extends Table<infer Row, infer _Key, infer _Insert> ? Row : never;
export type StartDb = {
  [S in StoreName]: { key: IDBValidKey; value: RowOf<S>; indexes: { [I in IndexName<S>]: IDBValidKey } };
};

/** The settings and the workflow rows the first screen opens. */
export interface StartRows {
  settings: AppSettings;
  /** The row of `settings.lastWorkflowId` (in the trash or not), when there is one. */
  last: WorkflowRow | undefined;
  /**
   * The most recently changed workflow in use and listed (not a draft: an example opened and left unedited);
   * read only when `last` is absent or in the trash.
   */
  recent: WorkflowRow | undefined;
}

/** What the cache holds for some keys, and the videos of the first of them. */
export interface StartResults {
  /** Every key asked: its result, or null when the cache has none (as the run controller records a miss). */
  found: Map<CacheKey, CachedResult | null>;
  /** Stored videos and take thumbnails by content hash, for the first `mediaLimit` results and takes that have one. */
  media: Map<ContentHash, Blob>;
  /** Every take of the workflow asked for (`workflowId`), oldest first, as the take store lists them. */
  takes: StoredTake[];
}

const nothingStored = (): StartRows => ({ settings: { ...DEFAULT_SETTINGS }, last: undefined, recent: undefined });

const needsRecent = (last: WorkflowRow | undefined) => !last || last.deletedAt !== null;

/**
 * Opens the database as it is, or resolves to null when it does not exist yet: that upgrade is
 * aborted, so nothing is created (Dexie creates it properly later). The connection closes itself
 * when another one (Dexie upgrading) asks for the database.
 */
export async function openExisting(name: string = DB_NAME): Promise<IDBPDatabase<StartDb> | null> {
  let absent = false;
  let db: IDBPDatabase<StartDb> | undefined;
  try {
    db = await openDB<StartDb>(name, undefined, {
      upgrade(_db, oldVersion, _newVersion, tx) {
        // Only a database that does not exist yet gets an upgrade when no version is asked for.
        absent = oldVersion === 0;
        // Aborting rejects the transaction's `done`, which nothing else waits for.
        tx.done.catch(() => undefined);
        tx.abort();
      },
      blocking() {
        db?.close();
      },
    });
    return db;
  } catch (e) {
    if (absent) return null;
    throw e;
  }
}

/**
 * Reads the start rows with plain IndexedDB. A database that does not exist yet is not created
 * (the upgrade is aborted; Dexie creates it properly later) and reads as nothing stored. The
 * connection is closed as soon as the rows are read, and at once if another connection (Dexie
 * upgrading) asks for it. Throws on any other problem: the caller then reads through Dexie.
 */
export async function readStartRows(name: string = DB_NAME): Promise<StartRows> {
  const db = await openExisting(name);
  if (!db) return nothingStored();
  try {
    const tx = db.transaction(["settings", "workflows"], "readonly");
    const settings = settingsFromRows(
      await Promise.all(SETTING_KEYS.map((key) => tx.objectStore("settings").get(key))),
    );
    const workflows = tx.objectStore("workflows");
    const last = settings.lastWorkflowId ? await workflows.get(settings.lastWorkflowId) : undefined;
    let recent: WorkflowRow | undefined;
    if (needsRecent(last)) {
      // Newest first, as the repository's list() orders them; the first one not in the trash.
      for (let c = await workflows.index("updatedAt").openCursor(null, "prev"); c; c = await c.continue()) {
        if (c.value.deletedAt === null && isListed(c.value)) {
          recent = c.value;
          break;
        }
      }
    }
    return { settings, last, recent };
  } finally {
    db.close();
  }
}

/** The same rows read through Dexie: the fallback when the plain read fails (correctness first). */
export async function readStartRowsFromDexie(db: ReelflowDb): Promise<StartRows> {
  const settings = settingsFromRows(await db.settings.bulkGet(SETTING_KEYS));
  const last = settings.lastWorkflowId ? await db.workflows.get(settings.lastWorkflowId) : undefined;
  const recent = needsRecent(last)
    ? await db.workflows
        .orderBy("updatedAt")
        .reverse()
        .filter((r) => r.deletedAt === null && isListed(r))
        .first()
    : undefined;
  return { settings, last, recent };
}

/** The plain read, or when it fails for any reason, `fallback` (reading through Dexie). */
export async function readStartRowsOr(
  fallback: () => Promise<StartRows>,
  read: () => Promise<StartRows> = () => readStartRows(),
): Promise<StartRows> {
  try {
    return await read();
  } catch {
    return fallback();
  }
}

/**
 * Reads result rows, their videos and the workflow's takes in one read-only transaction, so a
 * reopened workflow can show its earlier results and take strips in its first frame instead of
 * after Dexie and the run code have arrived. Rows are exactly what ./result-cache.ts and ./takes.ts
 * wrote (results by [namespace, key], videos in `blobs` by hash, takes by their [namespace+workflowId]
 * index). A Blob read from IndexedDB is a handle: its bytes are not loaded until something plays it.
 * Null when there is no database yet; throws on any other problem (the caller then leaves it to the
 * run controller's own lookups).
 */
export async function readStartResults(
  namespace: CacheNamespace,
  keys: readonly CacheKey[],
  opts: { workflowId?: WorkflowId; mediaLimit?: number; name?: string } = {},
): Promise<StartResults | null> {
  const db = await openExisting(opts.name ?? DB_NAME);
  if (!db) return null;
  try {
    const tx = db.transaction(["results", "blobs", "takes"], "readonly");
    const results = tx.objectStore("results");
    const rows = await Promise.all(keys.map((key) => results.get([namespace, key])));
    const found = new Map<CacheKey, CachedResult | null>();
    keys.forEach((key, i) => {
      const row = rows[i];
      found.set(key, row ? entryOfRow(row) : null);
    });
    const takeRows = opts.workflowId
      ? await tx.objectStore("takes").index("[namespace+workflowId]").getAll([namespace, opts.workflowId])
      : [];
    const limit = opts.mediaLimit ?? 100;
    const videos = rows.flatMap((r) => (r?.mediaHash ? [r.mediaHash] : [])).slice(0, limit);
    const thumbnails = takeRows.flatMap((t) => (t.thumbnailHash ? [t.thumbnailHash] : [])).slice(0, limit);
    const hashes = [...new Set([...videos, ...thumbnails])];
    const blobs = tx.objectStore("blobs");
    const blobRows = await Promise.all(hashes.map((h) => blobs.get(h)));
    const media = new Map<ContentHash, Blob>();
    hashes.forEach((h, i) => {
      const b = blobRows[i]?.blob;
      if (b) media.set(h, b);
    });
    return { found, media, takes: takeRows.map(storedTakeOf).sort(byAge) };
  } finally {
    db.close();
  }
}

/**
 * Stores the open document as the repository's save does (the row's name, text and time; a new
 * row when there is none), for autosave before Dexie is here, so an edit made in the first instant
 * is kept even when the page is closed at once. `makeLast`: in the same transaction, it becomes the
 * workflow the next start opens (the settings row Dexie's settings repository writes), as for a
 * workflow opened from a share link, whose address is cleaned at once. False when there is no
 * database yet (nothing is created: the caller then waits for Dexie).
 */
export async function saveWorkflowEarly(
  id: WorkflowId,
  workflow: Workflow,
  name: string = DB_NAME,
  at: Date = new Date(),
  opts: { makeLast?: boolean } = {},
): Promise<boolean> {
  const db = await openExisting(name);
  if (!db) return false;
  try {
    const tx = db.transaction(["workflows", "settings"], "readwrite");
    const store = tx.objectStore("workflows");
    await store.put(savedWorkflowRow(await store.get(id), id, workflow, at.toISOString()));
    if (opts.makeLast) await tx.objectStore("settings").put({ key: "lastWorkflowId", value: id } satisfies SettingRow);
    await tx.done;
    return true;
  } finally {
    db.close();
  }
}
