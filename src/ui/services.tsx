import { createContext, useContext, type ReactNode } from "react";
import type { CacheKey, ContentHash } from "../domain/ids";
import type { Workflow } from "../domain/workflow";
import type { EditorStore } from "../editor/types";
import type { MoneyService } from "./money/money-service";
import type { CachedResult, KeptJobLog } from "../engine/ports";
import type { RunController } from "./run/run-controller";
import type { RunStore } from "./run/run-store";
import type { SettingsStore } from "./settings/settings-store";
import type { ToastStore } from "./toast/toast-store";
import type { WorkflowsFeature } from "./workflows/feature";
import type { TakeService } from "./takes/take-service";
import type { ProxyHealthService } from "./settings/proxy-health-store";
import type { ViewStores } from "./view-stores";

/** Local files (dropped images and videos) kept by content hash. */
export interface AssetBlobs {
  put(blob: Blob): Promise<ContentHash>;
  get(hash: ContentHash): Promise<Blob | undefined>;
}

/** The locally kept video file of a result (or image `image` of an image result), when the cache stored one. */
export interface ResultMedia {
  blobOf(result: CachedResult, image?: number): Promise<Blob | undefined>;
  /**
   * Stored bytes (a result's video, a take's thumbnail) by content hash, when they were already read:
   * the start path reads a reopened workflow's videos and thumbnails with its first plan, so players
   * and strips are there in the first frame. Each is handed out once.
   */
  blobAtHand?(hash: ContentHash): Blob | undefined;
}

/** Each job's log kept with its result, in the current mode (see src/adapters/db/job-logs.ts). */
export interface KeptLogs {
  get(key: CacheKey): Promise<KeptJobLog | undefined>;
}

/** Loading another document (file, example, paste of a whole workflow) into the editor. */
export interface Documents {
  /** Stores it as a new workflow in this browser and opens it (the current one stays in the list). */
  open(workflow: Workflow): Promise<void>;
  /** Opens an example: listed among the workflows only once it is edited or run (a reload still shows it). */
  openExample(workflow: Workflow): Promise<void>;
}

/** Everything the views need, passed down once: tests build their own with real parts. */
export interface Services {
  editor: EditorStore;
  runs: RunStore;
  runner: RunController;
  settings: SettingsStore;
  toasts: ToastStore;
  assets: AssetBlobs;
  media: ResultMedia;
  documents: Documents;
  /** Bill, budgets and spend ledger (src/ui/money); absent in tests that do not need them. */
  money?: MoneyService;
  /** This browser's storage for the Storage panel (usage, persistence, cleanup list); absent in tests that do not need it. */
  storage?: StorageAccess;
  /** The workflow list, bundles and share links (src/ui/workflows); absent in tests that do not need them. */
  workflows?: WorkflowsFeature;
  /** Takes of generation nodes (src/ui/takes/take-service.ts); absent in tests that do not need them (no take strips then). */
  takes?: TakeService;
  /** fal's model catalogue, loaded on demand (src/ui/models); absent: the model picker lists known models only. */
  models?: CatalogueAccess;
  /** Job logs kept from earlier runs (the Logs panel after a reload); absent: only this session's logs show. */
  logs?: KeptLogs;
  /** Which dialog is open, the canvas's requests, the compare selection (./view-stores.ts). */
  views: ViewStores;
  /** The latest proxy check: Settings shows it, a fal run checks again before sending. */
  proxyHealth: ProxyHealthService;
}

import type { StorageAccess } from "./reliability/storage-access";
import type { CatalogueAccess } from "./models/catalogue-access";

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error("useServices outside ServicesProvider");
  return s;
}
