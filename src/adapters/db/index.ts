/**
 * IndexedDB adapters (Dexie 4), the browser's only storage code.
 *
 *   openReelflowDb(name = "reelflow", idb?) → ReelflowDb   (idb: { indexedDB, IDBKeyRange } for tests) tables: results, blobs, uploads, assets, jobs, workflows, settings (v1), spend, budgets (v2), takes (v3), logs (v4)
 *   createDexieResultCache(db, { namespace: "paid" | "demo", fetchMedia?, downloadTimeoutMs? }) → DexieResultCache
 *       ResultCache port + getMedia(key), putWithMedia(entry, blob), retryMedia(key), list(), remove(key)
 *   createDexieJobLedger(db, { namespace? }) → JobLedger port + all()
 *   createDexieAssetStore(db) → AssetStore port + add(file, name?) → hash, info(hash)
 *   createWorkflowRepository(db) → list({trash?}), create({name?, workflow?}), get(id), save(id, doc),
 *       rename(id, name), duplicate(id), softDelete(id), restore(id), purge(id)
 *   createSettingsRepository(db) → get(), update(patch), reset();  DEFAULT_SETTINGS
 *   createDexieSpendLedger(db) → append(record, {workflowId}), list(q), spent(q), totalsPerDay(q),
 *       totalsPerWorkflow(q), exportCsv()   (version 2 table `spend`; CSV format of src/domain/spend.ts)
 *   createBudgetRepository(db) → get(workflowId), set(workflowId, usd | null)   (version 2 table `budgets`)
 *   createDexieTakeStore(db, { namespace }) → record(take) once per (workflow, node, key), list(workflowId, nodeId)
 *       oldest first, listWorkflow(workflowId), watchWorkflow(workflowId, next) (live query), get(ref), setThumbnail(ref, blob) (kept once), thumbnail(ref),
 *       removeWorkflow(workflowId)   (version 3 table `takes`; thumbnails are Blobs in `blobs`)
 *   createJobLogStore(db, namespace) → keep(log) (bounded: JOB_LOG_LIMITS), get(key)   (version 4 table `logs`)
 *   requestPersistentStorage(), isStoragePersisted(), estimateStorage()
 *   (autosave: connectAutosave from src/editor, with repository.save as the save function)
 */
export * from "./database";
export * from "./result-cache";
export * from "./job-ledger";
export * from "./asset-store";
export * from "./workflows";
export * from "./settings";
export * from "./storage";
export * from "./spend-ledger";
export * from "./budgets";
export { putBlob, getBlob } from "./blobs";
export * from "./takes";
export * from "./job-logs";
