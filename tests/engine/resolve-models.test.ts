import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { endpointId, type EndpointId } from "../../src/domain/ids";
import type { ModelCatalogue } from "../../src/engine/ports";
import { endpointsToResolve, resolveModels } from "../../src/engine/resolve-models";
import { markUnavailable, registerCatalogueAdapters, resetCatalogueForTests } from "../../src/nodes/catalogue/known";
import type { ModelAdapter } from "../../src/nodes/types";
import { framesModel } from "./helpers/declared-ports";
import { image, planErrors, planOk, prompt, t2v, i2v, workflow } from "./helpers/workflow";

// The async step before planning: models a workflow names that this process does not know yet are looked up.

const FRAMES = framesModel.endpoint;
const UNKNOWN = "vendor/unknown/text-to-video";
const NO_SUCH_MODEL = "fal's catalogue has no model vendor/unknown/text-to-video";

/** A catalogue that resolves by a table, recording what it was asked. */
function tableCatalogue(table: Record<string, ModelAdapter | string>) {
  const calls: { endpoints: EndpointId[]; signal: AbortSignal | undefined }[] = [];
  const catalogue: ModelCatalogue = {
    async ensure(endpoints, signal) {
      calls.push({ endpoints: [...endpoints], signal });
      for (const id of endpoints) {
        const found = table[id];
        if (typeof found === "string") markUnavailable(id, found);
        else if (found) registerCatalogueAdapters([found]);
      }
    },
  };
  return { catalogue, calls };
}

beforeEach(() => resetCatalogueForTests());
afterEach(() => resetCatalogueForTests());

describe("endpointsToResolve", () => {
  it("lists each unknown endpoint of a generation node once, in node order", () => {
    const w = workflow(
      [
        prompt("p", "a cat"),
        t2v("a", {}, UNKNOWN),
        t2v("b", {}, "fal-ai/sora-2/text-to-video"),
        t2v("c"),
        i2v("d", {}, FRAMES),
        t2v("e", {}, UNKNOWN),
      ],
      [],
    );
    expect(endpointsToResolve(w)).toEqual([UNKNOWN, FRAMES]);
  });

  it("leaves out endpoints already resolved in this process", () => {
    registerCatalogueAdapters([framesModel]);
    expect(endpointsToResolve(workflow([i2v("d", {}, FRAMES), t2v("a", {}, UNKNOWN)], []))).toEqual([UNKNOWN]);
  });
});

describe("resolveModels", () => {
  it("does nothing when every model is known", async () => {
    const { catalogue, calls } = tableCatalogue({});
    await resolveModels(workflow([prompt("p", "x"), t2v("a", {}, "fal-ai/sora-2/text-to-video")], []), catalogue);
    expect(calls).toEqual([]);
  });

  it("asks the catalogue once for all of them, with the caller's signal", async () => {
    const { catalogue, calls } = tableCatalogue({ [FRAMES]: framesModel });
    const signal = new AbortController().signal;
    const w = workflow([i2v("d", {}, FRAMES), t2v("a", {}, UNKNOWN), i2v("e", {}, FRAMES)], []);
    await resolveModels(w, catalogue, signal);
    expect(calls).toEqual([{ endpoints: [FRAMES, UNKNOWN], signal }]);
  });

  it("after it, a resolved model plans; a missing one is the node's error with the catalogue's reason", async () => {
    const { catalogue } = tableCatalogue({ [FRAMES]: framesModel, [UNKNOWN]: NO_SUCH_MODEL });
    const ok = workflow(
      [prompt("p", "a cat"), image("i", "https://example.com/a.png"), i2v("d", {}, FRAMES)],
      ["p.text>d.prompt", "i.image>d.image"],
    );
    const before = await planErrors(ok);
    expect(before.join(" ")).toContain(FRAMES);
    await resolveModels(ok, catalogue);
    const plan = await planOk(ok);
    expect(plan.nodes.get(ok.nodes[2]!.id)).toMatchObject({ adapter: { endpoint: endpointId(FRAMES) } });

    const missing = workflow([prompt("p", "a cat"), t2v("a", {}, UNKNOWN)], ["p.text>a.prompt"]);
    await resolveModels(missing, catalogue);
    expect((await planErrors(missing)).join(" ")).toContain(NO_SUCH_MODEL);
  });
});
