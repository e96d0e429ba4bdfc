import { endpointId, type EndpointId } from "../domain/ids";
import type { GenerationKind, GenerationNode, NodeKind } from "../domain/workflow";
import { imageEditShape, imageToVideoShape, remixShape, textToImageShape, textToVideoShape } from "./kinds/generations";
import { imageDefinition, promptDefinition, videoDefinition } from "./kinds/sources";
import { modelAdapters } from "./models";
import { catalogueAdapter, unavailableReason } from "./catalogue/known";
import type { InputPortSpec, ModelAdapter, NodeDefinition } from "./types";

/** Every curated model, in the order of src/nodes/models/index.ts. */
export const allAdapters = (): ModelAdapter[] => [...modelAdapters];

/** The curated models of a kind (catalogue models: `catalogueAdapters` in ./catalogue/known). */
export const adaptersFor = (kind: GenerationKind): ModelAdapter[] => modelAdapters.filter((a) => a.kind === kind);

/** The hand-checked adapter of an endpoint, if there is one. */
export const curatedAdapter = (endpoint: string): ModelAdapter | undefined =>
  modelAdapters.find((a) => a.endpoint === endpoint);

/**
 * The adapter of an endpoint: a curated one wins, else one derived from fal's catalogue once it has been
 * resolved (snapshot or live; see ./catalogue/known). Synchronous, so planning stays pure: resolving an
 * endpoint that is not known yet is an async step before planning (src/adapters/catalogue).
 */
export const findAdapter = (endpoint: string): ModelAdapter | undefined =>
  curatedAdapter(endpoint) ?? catalogueAdapter(endpoint);

/**
 * The model a NEW node of this kind starts with: the first one still running whose price at
 * its default settings is known (people must see the cost before Run, so a model whose fal
 * page gives no price is never the silent default), else the first one still running. When
 * every model of a kind is retired, the first one, so files and caches that use it still work.
 */
export function defaultAdapter(kind: GenerationKind): ModelAdapter {
  const models = adaptersFor(kind);
  // A Remix node starts on a model that edits the clip as its prompt says: a prompt typed for a restyle must
  // not silently make an extension (issue 16). Other actions stay one pick away in the model list.
  const chosen =
    (kind === "remix" ? firstCurrent(models.filter((a) => a.action === "edit" && !a.retired)) : undefined) ??
    firstCurrent(models);
  if (!chosen) throw new Error(`No model is registered for ${kind} nodes`);
  return chosen;
}

const defaultsOf = (a: ModelAdapter) =>
  Object.fromEntries(a.params.flatMap((p) => (p.default === undefined ? [] : [[p.name, p.default]])));
const pricedAtDefaults = (a: ModelAdapter) => a.price(defaultsOf(a), {}).usd !== null;

/** The first adapter not retired with a known price, else the first not retired, else the first of all. */
export const firstCurrent = (adapters: readonly ModelAdapter[]): ModelAdapter | undefined =>
  adapters.find((a) => !a.retired && pricedAtDefaults(a)) ?? adapters.find((a) => !a.retired) ?? adapters[0];

/**
 * What a node WITHOUT `data.endpoint` in a saved file means. Format v1 fixes this to the
 * standard Sora 2 endpoint of each kind, so a file means the same thing forever, even after
 * new models change which one `defaultAdapter` picks for new nodes.
 */
export const FILE_DEFAULT_ENDPOINTS: Readonly<Record<GenerationKind, EndpointId>> = {
  "text-to-video": endpointId("fal-ai/sora-2/text-to-video"),
  "image-to-video": endpointId("fal-ai/sora-2/image-to-video"),
  remix: endpointId("fal-ai/sora-2/video-to-video/remix"),
  // The image kinds came later (still format v1): each is fixed to a curated model whose price is known.
  "text-to-image": endpointId("fal-ai/flux/dev"),
  "image-edit": endpointId("fal-ai/nano-banana/edit"),
};

export type AdapterLookup = { ok: true; adapter: ModelAdapter } | { ok: false; reason: string };

/** The model a node in a file runs, or why it has none that can run in it. */
export function adapterForNode(node: Pick<GenerationNode, "type" | "data">): AdapterLookup {
  const endpoint = node.data.endpoint ?? FILE_DEFAULT_ENDPOINTS[node.type];
  const title = nodeDefinitions[node.type].title;
  const adapter = findAdapter(endpoint);
  if (!adapter) {
    const why = unavailableReason(endpoint);
    return {
      ok: false,
      reason: why
        ? `model "${endpoint}" cannot be used: ${why}`
        : `unknown model "${endpoint}" (this Reelflow has no ${title} model by that name)`,
    };
  }
  if (adapter.kind !== node.type) {
    return {
      ok: false,
      reason: `${adapter.label} (${endpoint}) is ${withArticle(nodeDefinitions[adapter.kind].title)} model; it cannot run in ${withArticle(title)} node`,
    };
  }
  return { ok: true, adapter };
}

const withModels = <K extends GenerationKind>(shape: Omit<NodeDefinition<K>, "models">): NodeDefinition<K> => ({
  ...shape,
  models: adaptersFor(shape.kind),
});

export const nodeDefinitions: { [K in NodeKind]: NodeDefinition<K> } = {
  prompt: promptDefinition,
  image: imageDefinition,
  video: videoDefinition,
  "text-to-video": withModels(textToVideoShape),
  "image-to-video": withModels(imageToVideoShape),
  remix: withModels(remixShape),
  "text-to-image": withModels(textToImageShape),
  "image-edit": withModels(imageEditShape),
};

export const getDefinition = <K extends NodeKind>(kind: K): NodeDefinition<K> => nodeDefinitions[kind];

/** The input ports of a node running `adapter`: the model's own when it declares them, else its kind's. */
export const inputsFor = (kind: NodeKind, adapter?: ModelAdapter): Readonly<Record<string, InputPortSpec>> =>
  adapter?.inputs ?? nodeDefinitions[kind].inputs;

const withArticle = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
