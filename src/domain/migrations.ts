import { CURRENT_WORKFLOW_VERSION } from "./workflow";
import { messageOf } from "./message-of";

/**
 * Named migrations between workflow format versions, one step at a time.
 *
 * A file of version N is carried to the current version by applying the migration from
 * N to N+1, then N+1 to N+2, and so on. Version 1 is the first format, so the registry
 * is empty today; when version 2 arrives, adding it is one entry here:
 *
 *   { name: "v1-to-v2: <what changed>", from: 1, migrate: (doc) => ({ ...doc, … }) }
 *
 * (plus CURRENT_WORKFLOW_VERSION = 2, the v2 schema, and a golden v1 file that must still open).
 * A migration receives a plain JSON object whose header is already checked and returns a
 * new object; it must keep every key it does not understand.
 */
export type JsonObject = { [key: string]: unknown };

export interface WorkflowMigration {
  /** Says what changed, e.g. "v1-to-v2: params move under data.model". Shown in logs and tests. */
  name: string;
  /** The version this migration reads; it writes `from + 1`. */
  from: number;
  migrate(doc: JsonObject): JsonObject;
}

export const workflowMigrations: readonly WorkflowMigration[] = [];

export type MigrationResult = { ok: true; doc: JsonObject; applied: string[] } | { ok: false; error: string };

/**
 * Carry `doc` (of format version `from`) up to `to`, step by step through `registry`.
 * The `version` field of the result is set by this function after each step, so a
 * migration cannot forget it.
 */
export function migrateWorkflow(
  doc: JsonObject,
  from: number,
  registry: readonly WorkflowMigration[] = workflowMigrations,
  to: number = CURRENT_WORKFLOW_VERSION,
): MigrationResult {
  const applied: string[] = [];
  let current = doc;
  for (let version = from; version < to; version++) {
    const steps = registry.filter((m) => m.from === version);
    const step = steps[0];
    if (!step) {
      return {
        ok: false,
        error: `This file uses workflow format version ${from}, which this Reelflow cannot read (there is no migration from version ${version} to ${version + 1}).`,
      };
    }
    if (steps.length > 1) {
      // Two ways to read the same version would make a file's meaning depend on registry order.
      return {
        ok: false,
        error: `Internal error: more than one migration from version ${version} (${steps.map((s) => s.name).join(", ")}).`,
      };
    }
    try {
      current = { ...step.migrate(current), version: version + 1 };
    } catch (e) {
      return {
        ok: false,
        error: `Could not update this file from format version ${version} to ${version + 1} (${step.name}): ${messageOf(e)}`,
      };
    }
    applied.push(step.name);
  }
  return { ok: true, doc: current, applied };
}
