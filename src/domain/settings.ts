import type { EndpointId, WorkflowId } from "./ids";
import type { GenerationKind } from "./workflow";

export type RunMode = "fal" | "demo";
export type ThemeSetting = "system" | "light" | "dark";
/** What the global budget caps: spend in the current calendar month (UTC), or all spend ever. */
export type BudgetPeriod = "month" | "all";
/** Where a mode's results, takes and logs are kept: paid (fal) ones never mix with demo ones. */
export type CacheNamespace = "paid" | "demo";

/** Kept in this browser only: never written into workflow files or share links. */
export interface AppSettings {
  /** Where @fal-ai/client sends requests; the fal key stays on that server. */
  proxyUrl: string;
  mode: RunMode;
  theme: ThemeSetting;
  /** Jobs run at once. */
  concurrency: number;
  /** Model a new node of each kind starts with (registry default when absent). */
  defaultModels: Partial<Record<GenerationKind, EndpointId>>;
  /** Reopened on start. */
  lastWorkflowId: WorkflowId | null;
  /** False until the user has chosen between Demo and a proxy on the first screen. */
  setupDone: boolean;
  /** Cap in USD on paid runs across all workflows (spend ledger); null: none. */
  globalBudgetUsd: number | null;
  globalBudgetPeriod: BudgetPeriod;
  /** The canvas's node palette and minimap shown or folded away; null: as suits the screen (folded on a phone). */
  paletteOpen: boolean | null;
  minimapOpen: boolean | null;
}

export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  proxyUrl: "/api/fal/proxy",
  mode: "fal",
  theme: "system",
  concurrency: 2,
  defaultModels: {},
  lastWorkflowId: null,
  setupDone: false,
  globalBudgetUsd: null,
  globalBudgetPeriod: "month",
  paletteOpen: null,
  minimapOpen: null,
});
