// The app's run wiring (src/ui/app/start) rebuilt for tests from the real parts, once: settings kept in memory,
// the demo client that records its submits, the fal ports on a fake-indexeddb database, the run controller with
// its money service, and the take service on Dexie take stores. A test wires only what differs.
import {
  createBudgetRepository,
  createDexieJobLedger,
  createDexieResultCache,
  createDexieSpendLedger,
  type ReelflowDb,
} from "../../src/adapters/db";
import { createDexieTakeStore } from "../../src/adapters/db/takes";
import { createDemoInferenceClient } from "../../src/adapters/demo/demo-client";
import { createFalInferenceClient } from "../../src/adapters/fal/client";
import type { WorkflowId } from "../../src/domain/ids";
import { DEFAULT_SETTINGS, type AppSettings, type CacheNamespace } from "../../src/domain/settings";
import type { Workflow } from "../../src/domain/workflow";
import type { EnginePorts, InferenceClient, ResultCache } from "../../src/engine/ports";
import { createMoneyService } from "../../src/ui/money/money-service";
import { createRunController, type RunEnvironment } from "../../src/ui/run/run-controller";
import { createRunStore } from "../../src/ui/run/run-store";
import { createSettingsStore } from "../../src/ui/settings/settings-store";
import { createTakeService, type MakeThumbnail } from "../../src/ui/takes/take-service";

/** The settings store on `over` and the defaults, saving nowhere. */
export function memorySettings(over: Partial<AppSettings> = {}) {
  return createSettingsStore(
    { ...DEFAULT_SETTINGS, ...over },
    async (p) => ({ ...DEFAULT_SETTINGS, ...over, ...p }),
    () => {},
  );
}

/** The demo inference client (nothing leaves the process), keeping what each submit sent, in order. */
export function recordingDemoClient(delayMs: number) {
  const submitted: { endpoint: string; input: Record<string, unknown> }[] = [];
  const demo = createDemoInferenceClient({
    delayMs,
    render: async (s) => new Blob([s.seed], { type: "video/webm" }),
    urlFor: () => "blob:test",
  });
  const client: InferenceClient = {
    ...demo,
    submit: (...a) => (submitted.push({ endpoint: a[0], input: a[1] }), demo.submit(...a)),
  };
  return { client, submitted };
}

/** The browser's fal ports on `db`: the paid result cache and job ledger, the real fal client at `proxyUrl`. */
export function falPorts(db: ReelflowDb, proxyUrl: string): EnginePorts {
  return {
    client: createFalInferenceClient({ proxyUrl, pollIntervalMs: 20 }),
    cache: createDexieResultCache(db, { namespace: "paid" }),
    ledger: createDexieJobLedger(db),
  };
}

/** An environment that pays (nothing simulated), on these ports. */
export const paidEnv = (ports: EnginePorts, concurrency?: number): RunEnvironment => ({
  simulated: () => false,
  cache: async () => ports.cache,
  ports: async () => ports,
  ...(concurrency === undefined ? {} : { concurrency }),
});

/**
 * The run controller with its money service (bill, budgets, spend rows on `db`). What the controller says and
 * the money service's errors both land in `said`.
 */
export function moneyRun(o: {
  db: ReelflowDb;
  env: RunEnvironment;
  getWorkflow: () => Workflow;
  workflowId: WorkflowId;
  settings?: Partial<AppSettings>;
  now?: () => Date;
}) {
  const settings = memorySettings(o.settings);
  const spend = createDexieSpendLedger(o.db);
  const budgets = createBudgetRepository(o.db);
  const said: string[] = [];
  const money = createMoneyService({
    env: o.env,
    spend,
    budgets,
    settings,
    getWorkflow: o.getWorkflow,
    workflowId: () => o.workflowId,
    onError: (m) => said.push(m),
    ...(o.now ? { now: o.now } : {}),
  });
  const runs = createRunStore();
  const runner = createRunController(runs, o.env, o.getWorkflow, { say: (m) => said.push(m) }, money);
  return { settings, spend, budgets, said, money, runs, runner };
}

/** The take service on `db`'s paid and demo take stores, reading results from `cache`; no thumbnails by default. */
export function dexieTakes(
  db: ReelflowDb,
  cache: ResultCache,
  o: { namespace?: () => CacheNamespace; makeThumbnail?: MakeThumbnail } = {},
) {
  return createTakeService({
    stores: {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    },
    namespace: o.namespace ?? (() => "paid"),
    resultOf: (_ns, key) => cache.get(key),
    makeThumbnail: o.makeThumbnail ?? (async () => null),
  });
}
