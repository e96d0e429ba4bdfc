import { ReactFlowProvider } from "@xyflow/react";
import type { ReactNode } from "react";
import { type AppSettings } from "../../src/domain/settings";
import type { CacheKey, ContentHash } from "../../src/domain/ids";
import { contentHash, endpointId, nodeId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import { createEditorStore } from "../../src/editor/store";
import type { CachedResult, EnginePorts, ResultCache } from "../../src/engine/ports";
import { createRunController, type RunEnvironment } from "../../src/ui/run/run-controller";
import { createRunStore } from "../../src/ui/run/run-store";
import type { RunQuestionKind } from "../../src/ui/run/run-questions";
import { ServicesProvider, type Services } from "../../src/ui/services";
import { createToastStore } from "../../src/ui/toast/toast-store";
import { createProxyHealthService } from "../../src/ui/settings/proxy-health-store";
import { createViewStores } from "../../src/ui/view-stores";
import { checkProxy } from "../../src/adapters/proxy-check/check-proxy";
import { memorySettings } from "./run-fixture";

/** A ResultCache in memory: the real planner and controller run against it. */
export function memoryCache(entries: CachedResult[] = []): ResultCache & { entries: Map<CacheKey, CachedResult> } {
  const map = new Map(entries.map((e) => [e.key, e]));
  const uploads = new Map<ContentHash, string>();
  return {
    entries: map,
    get: async (k) => map.get(k),
    put: async (e) => {
      map.set(e.key, e);
      return e;
    },
    getUpload: async (h) => uploads.get(h),
    putUpload: async (h, u) => {
      uploads.set(h, u);
    },
  };
}

export function buildServices(
  opts: {
    doc?: Workflow;
    settings?: Partial<AppSettings>;
    cache?: ResultCache;
    ports?: () => Promise<EnginePorts>;
  } = {},
): Services {
  const toasts = createToastStore();
  const settings = memorySettings(opts.settings);
  const editor = createEditorStore({ doc: opts.doc });
  const runs = createRunStore();
  const cache = opts.cache ?? memoryCache();
  const env: RunEnvironment = {
    simulated: () => settings.getState().mode === "demo",
    cache: async () => cache,
    ports:
      opts.ports ??
      (async () => {
        throw new Error("no ports in this test");
      }),
  };
  const runner = createRunController(runs, env, () => editor.getState().doc, {
    say: (m, tone) => toasts.getState().show(m, { tone }),
  });
  const assets = new Map<string, Blob>();
  return {
    editor,
    runs,
    runner,
    settings,
    toasts,
    assets: {
      put: async (b) => {
        const h = contentHash(`h${assets.size + 1}`);
        assets.set(h, b);
        return h;
      },
      get: async (h) => assets.get(h),
    },
    media: { blobOf: async () => undefined },
    views: createViewStores(),
    proxyHealth: createProxyHealthService(checkProxy),
    documents: {
      open: async (w) => editor.getState().replaceDocument(w),
      openExample: async (w) => editor.getState().replaceDocument(w),
    },
  };
}

export function Wrap({ services, children }: { services: Services; children: ReactNode }) {
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </ServicesProvider>
  );
}

/**
 * A run controller whose confirm answers `answer` and whose ports are never really given: it
 * records every question asked and whether the run got as far as asking for its ports (i.e.
 * would have sent something).
 */
export function confirmingRunner(w: Workflow, answer: boolean, simulated = false) {
  const asked: string[] = [];
  /** What each question was about (its dialog is chosen by it). */
  const kinds: RunQuestionKind[] = [];
  const said: string[] = [];
  let portsAsked = 0;
  const runner = createRunController(
    createRunStore(),
    {
      simulated: () => simulated,
      cache: async () => memoryCache(),
      ports: async () => {
        portsAsked++;
        throw new Error("no ports in this test");
      },
    },
    () => w,
    { say: (m) => said.push(m), confirm: (m, kind) => (asked.push(m), kinds.push(kind), answer) },
  );
  return { runner, asked, kinds, said, ports: () => portsAsked };
}

/** A workflow of text-to-video nodes, each with its own typed prompt. */
export function textToVideoWorkflow(nodes: readonly { id: string; endpoint: string }[]): Workflow {
  return {
    format: "reelflow/workflow",
    version: 1,
    name: "w",
    edges: [],
    nodes: nodes.map((n) => ({
      id: nodeId(n.id),
      type: "text-to-video" as const,
      position: { x: 0, y: 0 },
      data: { endpoint: endpointId(n.endpoint), params: { prompt: `a boat (${n.id})` } },
    })),
  };
}
