import type { CacheKey, NodeId } from "../domain/ids";
import { takeKeyParts } from "../domain/take";
import type { GenerationNode } from "../domain/workflow";
import type { InputPortSpec } from "../nodes/types";
import { cacheKeyFor, inputSlot, schemaKeyParams, takeKeyFor, textKey } from "./cache-key";
import type { KeyChoice, PlannedGeneration } from "./plan-types";
import type { Upstream } from "./upstream";

/** The key each generation node runs under: its content key, and the take (pinned, new or chosen) that may replace it. */

/** A generation node as it will run, all but its key. */
export type GenerationDraft = Omit<PlannedGeneration, keyof KeyChoice>;

/** The node's content key, from its upstream keys, typed prompt and params, then the key it runs under. */
export async function keyGeneration(
  n: GenerationNode,
  draft: GenerationDraft,
  specs: Readonly<Record<string, InputPortSpec>>,
  keys: ReadonlyMap<NodeId, Promise<CacheKey>>,
  newTakeVariant: string | undefined,
): Promise<KeyChoice> {
  const { adapter, params, typed } = draft;
  const { inputs, unkeyable } = await upstreamKeys(draft.upstream, specs, keys);
  if (typed.prompt !== undefined) inputs.prompt = await textKey(typed.prompt);
  // A schema-read model's params are keyed in one form, whether its adapter came from the snapshot or fal.
  const keyParams = adapter.origin?.kind === "schema" ? schemaKeyParams(params) : params;
  const contentKey = await cacheKeyFor({
    kind: n.type,
    endpoint: adapter.endpoint,
    params: keyParams,
    inputs,
    feedsRemix: draft.feedsRemix,
  });
  const chosen = await chooseKey(n, contentKey, newTakeVariant);
  return unkeyable && chosen.pinned ? { ...chosen, stale: true } : chosen;
}

/**
 * The keys of what feeds a node, by input slot: a port that takes one edge under its handle (so keys made
 * before ports could take several are unchanged), a `multiple` port one slot per position (`images#0`,
 * `images#1`, …), so reordering its edges changes the key. Only a pinned node can have an unusable upstream
 * (see `unusable`); its content cannot be keyed then: the key is made without that input (no real run has
 * such a key) and `unkeyable` says so, making the pinned take stale.
 */
async function upstreamKeys(
  upstream: Upstream,
  specs: Readonly<Record<string, InputPortSpec>>,
  keys: ReadonlyMap<NodeId, Promise<CacheKey>>,
): Promise<{ inputs: Record<string, CacheKey>; unkeyable: boolean }> {
  const inputs: Record<string, CacheKey> = {};
  let unkeyable = false;
  for (const [handle, ids] of Object.entries(upstream)) {
    const multiple = specs[handle]?.multiple === true;
    for (const [i, up] of ids.entries()) {
      const upKey = keys.get(up);
      if (upKey) inputs[multiple ? inputSlot(handle, i) : handle] = await upKey;
      else unkeyable = true;
    }
  }
  return { inputs, unkeyable };
}

/**
 * Which key a generation node runs under (issue 9 rules, in this order):
 * 1. pinned with a take: the take's key, whatever the node's content is now (stale when it differs);
 * 2. a new take asked for: a fresh variant of the content key (a miss, paid on purpose);
 * 3. a chosen take that still matches the content: the take's key;
 * 4. otherwise the content key (an unpinned node whose inputs or params changed runs again).
 * A take of an image node names one image of a result (`takeKeyParts`): the node runs under the result's key
 * and `image`/`outputKey` say which image flows downstream.
 */
async function chooseKey(
  n: GenerationNode,
  contentKey: CacheKey,
  newTakeVariant: string | undefined,
): Promise<KeyChoice> {
  const take = n.data.take;
  const plain = { contentKey, pinned: false, stale: false, newTake: false, image: 0 };
  if (n.data.pinned === true && take) {
    const variant = take.variant ?? "";
    const { resultKey, image } = takeKeyParts(take.key);
    return {
      ...plain,
      key: resultKey,
      image,
      outputKey: take.key,
      variant,
      pinned: true,
      stale: (await takeKeyFor(contentKey, variant)) !== resultKey,
    };
  }
  if (newTakeVariant !== undefined && newTakeVariant !== "") {
    const key = await takeKeyFor(contentKey, newTakeVariant);
    return { ...plain, key, outputKey: key, variant: newTakeVariant, newTake: true };
  }
  if (take) {
    const variant = take.variant ?? "";
    const { resultKey, image } = takeKeyParts(take.key);
    if ((await takeKeyFor(contentKey, variant)) === resultKey) {
      return { ...plain, key: resultKey, image, outputKey: take.key, variant };
    }
  }
  return { ...plain, key: contentKey, outputKey: contentKey, variant: "" };
}
