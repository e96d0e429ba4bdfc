/**
 * Bundles: one .zip carrying a workflow with its results, so the receiver sees every video and a
 * run pays for nothing the sender already paid for.
 *
 *   exportBundle(db, workflow) → Promise<Blob>                 the .zip (type application/zip)
 *   exportBundleWithReport(db, workflow) → Promise<{ blob, manifest, warnings }>
 *       warnings: what the receiver will not get, in words ("Node "t2v" has no result yet; …")
 *   bundleFileName(workflow) → "My workflow.reelflow.zip"
 *   importBundle(db, file: Blob) → Promise<{ workflow, migratedFrom?, restored, alreadyPresent, assets, errors }>
 *       Opens nothing and stores no workflow: the caller opens `workflow` (e.g. as a new workflow).
 *       `errors`: entries skipped (damaged file, key no node uses), the rest is restored.
 *       Throws BundleError (`.message`, `.problems: string[]`) when the file cannot be imported at
 *       all (not a zip, no manifest, newer bundle version, invalid workflow, storage full);
 *       nothing is written then.
 *
 * Contents of the .zip: `manifest.json` ({ format: "reelflow/bundle", version: 1, workflow,
 * entries: [{ cacheKey, namespace, nodeIds, endpoint, mediaHash, file, type, size, requestId,
 * costUsd, createdAt, simulated?, result }], assets: [{ hash, name, type, size, file, nodeIds }],
 * uploads: [{ hash, url }] }), `workflow.reelflow.json`, and `media/<sha256>.<ext>` files.
 * Demo results travel marked as demo and are restored into the demo namespace only.
 */
export { exportBundle, exportBundleWithReport, bundleFileName, type BundleExport } from "./export";
export { importBundle, BundleError } from "./import";
export { BUNDLE_FORMAT, BUNDLE_VERSION, MANIFEST_FILE, WORKFLOW_FILE, type BundleManifest } from "./manifest";
