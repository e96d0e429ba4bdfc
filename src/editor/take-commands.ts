import type { NodeId } from "../domain/ids";
import type { Take } from "../domain/take";
import { isGenerationNode, type GenerationNode, type Params, type TakeChoice, type Workflow } from "../domain/workflow";
import { nodeById } from "./document";
import type { CommandContext } from "./commands";
import type { CommandResult } from "./types";

const ok: CommandResult = { ok: true, value: undefined };
const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** The take's prompt was typed into the node (no Prompt node fed it), so choosing it types it back. */
const promptWasTyped = (take: Take) => take.prompt !== null && !take.inputs.some((i) => i.port === "prompt");

export interface TakeCommands {
  /**
   * Makes `take` the one that flows downstream (data.take) and puts the node back to how it made
   * that take: its model, its params, its typed prompt (a prompt edge is dropped when the take's
   * prompt was typed, as a prompt sweep's takes were). So with unchanged inputs the node's content
   * key is the take's again; with changed inputs it is stale (re-runs unpinned, kept pinned).
   */
  chooseTake(nodeId: NodeId, take: Take): CommandResult;
  /**
   * Pins or unpins. Pinning needs a take to hold: the chosen one, or `take` (chosen in the same
   * step, e.g. the result the node shows now when none was chosen yet).
   */
  setPinned(nodeId: NodeId, pinned: boolean, take?: TakeChoice): CommandResult;
}

function generationNode(doc: Workflow, nodeId: NodeId): GenerationNode | string {
  const node = nodeById(doc, nodeId);
  if (!node) return `There is no node "${nodeId}" in this workflow.`;
  if (!isGenerationNode(node)) return `Node "${nodeId}" makes no video, so it has no takes.`;
  return node;
}

export function takeCommands(ctx: CommandContext): TakeCommands {
  const find = (d: Workflow, id: NodeId) => {
    const n = d.nodes.find((x) => x.id === id);
    return n && isGenerationNode(n) ? n : undefined;
  };

  return {
    chooseTake(nodeId, take) {
      const node = generationNode(ctx.get(), nodeId);
      if (typeof node === "string") return refuse(node);
      const adapter = ctx.deps.findAdapter(take.endpoint);
      if (!adapter)
        return refuse(
          `This take of "${nodeId}" was made by ${take.endpoint}, a model this version of Reelflow does not know.`,
        );
      if (adapter.kind !== node.type)
        return refuse(
          `This take was made by ${adapter.label}, a ${ctx.deps.getDefinition(adapter.kind).title} model; node "${nodeId}" is ${ctx.deps.getDefinition(node.type).title}.`,
        );
      const typed = promptWasTyped(take);
      ctx.commit({ command: "chooseTake", label: "Choose take" }, (d) => {
        const n = find(d, nodeId);
        if (!n) return;
        const params: Params = { ...take.params };
        const current = n.data.params?.prompt;
        if (typed && take.prompt !== null) params.prompt = take.prompt;
        // A prompt typed earlier stays (it shows again when the prompt edge goes).
        else if (current !== undefined) params.prompt = current;
        n.data.endpoint = take.endpoint;
        n.data.params = params;
        n.data.take = take.variant ? { key: take.key, variant: take.variant } : { key: take.key };
        if (typed) d.edges = d.edges.filter((e) => !(e.target === nodeId && e.targetHandle === "prompt"));
      });
      return ok;
    },

    setPinned(nodeId, pinned, take) {
      const node = generationNode(ctx.get(), nodeId);
      if (typeof node === "string") return refuse(node);
      if (pinned && !node.data.take && !take)
        return refuse(`Node "${nodeId}" has no take to pin yet: run it once first.`);
      ctx.commit({ command: "setPinned", label: pinned ? "Pin take" : "Unpin take" }, (d) => {
        const n = find(d, nodeId);
        if (!n) return;
        if (pinned) {
          if (take) n.data.take = take.variant ? { key: take.key, variant: take.variant } : { key: take.key };
          n.data.pinned = true;
        } else {
          delete n.data.pinned;
        }
      });
      return ok;
    },
  };
}

/** data.take after a run made a take: the recipe of the editor's unrecorded `recordTakeChoice`. */
export function applyTakeChoice(d: Workflow, nodeId: NodeId, choice: TakeChoice): void {
  const n = d.nodes.find((x) => x.id === nodeId);
  if (!n || !isGenerationNode(n)) return;
  if (n.data.take?.key === choice.key && (n.data.take.variant ?? "") === (choice.variant ?? "")) return;
  n.data.take = choice.variant ? { key: choice.key, variant: choice.variant } : { key: choice.key };
}
