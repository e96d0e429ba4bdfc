import { randomUUID } from "node:crypto";
import type { CatalogueService } from "../adapters/catalogue/service";
import { nodeId } from "../domain/ids";
import { isGenerationNode, type Workflow } from "../domain/workflow";
import type { Plan, PlanError } from "../engine/plan";
import { planWorkflow } from "../engine/plan";
import { endpointsToResolve, resolveModels } from "../engine/resolve-models";
import { refuse, refused, type CliIo, type Refused, type RunCommand } from "./cli-io";
import { EXIT } from "./exit-codes";

/** The plan of a workflow file: its --new-take and --resubmit ids checked, its models made known, every problem said. */

export interface Planned {
  plan: Plan;
  /** Loaded only when the file names a model without a curated adapter. */
  catalogue: CatalogueService | undefined;
}

/** The --new-take and --resubmit ids checked, the models made known, and the plan (or why there is none). */
export async function planFile(
  workflow: Workflow,
  cmd: RunCommand,
  io: CliIo,
  cacheDir: string,
): Promise<Planned | Refused> {
  const notNewTakes = newTakeProblems(workflow, cmd);
  if (notNewTakes.length > 0) return refused(refuse(io, cmd.json, EXIT.invalid, notNewTakes));
  const catalogue = await resolveCatalogueModels(workflow, cmd, io, cacheDir);
  if (catalogue === "interrupted") {
    io.err("reelflow: interrupted while looking up models; nothing was sent");
    return refused(EXIT.interrupted);
  }
  // A fresh variant per node: a new key, so a cache miss, paid on purpose (see engine/plan.ts).
  const newTakes = Object.fromEntries(cmd.newTake.map((id) => [nodeId(id), randomUUID()]));
  const planned = await planWorkflow(workflow, { newTakes });
  if (!planned.ok) {
    const heading = `${cmd.file} cannot run; nothing was sent:`;
    return refused(refuse(io, cmd.json, EXIT.invalid, planned.errors.map(planErrorText), { heading }));
  }
  const plan = planned.plan;
  const unknownIds = cmd.resubmit.filter((id) => plan.nodes.get(nodeId(id))?.role !== "generation");
  if (unknownIds.length > 0) {
    const why = unknownIds.map((id) => `--resubmit ${id}: there is no generation node "${id}" in ${cmd.file}`);
    return refused(refuse(io, cmd.json, EXIT.invalid, why));
  }
  return { plan, catalogue };
}

export function newTakeProblems(workflow: Workflow, cmd: RunCommand): string[] {
  return cmd.newTake.flatMap((id) => {
    const n = workflow.nodes.find((x) => x.id === id);
    if (!n || !isGenerationNode(n)) return [`--new-take ${id}: there is no generation node "${id}" in ${cmd.file}`];
    if (n.data.pinned === true)
      return [`--new-take ${id}: ${id} is pinned to its take; unpin it in the file to make a new one`];
    return [];
  });
}

/**
 * Makes the models the file names known before planning: those without a curated adapter are looked up in the
 * catalogue (bundled snapshot, the cache dir's live answers, fal's catalogue through --proxy or FAL_KEY). A model
 * that cannot be found becomes the plan's error on its node. Undefined when every model is curated (the catalogue
 * code is then not even loaded).
 */
export async function resolveCatalogueModels(
  workflow: Workflow,
  cmd: RunCommand,
  io: CliIo,
  cacheDir: string,
): Promise<CatalogueService | "interrupted" | undefined> {
  if (endpointsToResolve(workflow).length === 0) return undefined;
  const { openCatalogue } = await import("./catalogue");
  const catalogue = openCatalogue(cacheDir, cmd.proxy, io.env);
  try {
    await resolveModels(workflow, catalogue, io.signal);
  } catch (e) {
    if (io.signal?.aborted) return "interrupted";
    throw e;
  }
  return catalogue;
}

export function planErrorText(e: PlanError): string {
  // Plan messages usually name their node ("Text to Video v1: …"); make sure every one does.
  if (e.nodeId && !e.message.includes(e.nodeId)) return `node ${e.nodeId}: ${e.message}`;
  if (!e.nodeId && e.edgeId && !e.message.includes(e.edgeId)) return `connection ${e.edgeId}: ${e.message}`;
  return e.message;
}
