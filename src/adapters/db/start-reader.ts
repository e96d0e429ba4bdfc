import { openDB, type IDBPDatabase } from "idb";
import type { Table } from "dexie";
import type { WorkflowId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import type { ReelflowDb, SettingRow, WorkflowRow } from "./database";
import { DB_NAME, type IndexName, type StoreName } from "./schema";
import { DEFAULT_SETTINGS, type AppSettings } from "../../domain/settings";
import { SETTING_KEYS, settingsFromRows } from "./settings";
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
