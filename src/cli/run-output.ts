import { isAbsolute, relative } from "node:path";
import { createFsJobLedger, type FsJobLedger } from "../adapters/fs/job-ledger";
import { createFsResultCache, type FsResultCache } from "../adapters/fs/result-cache";
import type { CachedResult } from "../engine/ports";
import { catalogueNote } from "./catalogue-note";
import type { CliIo, RunCommand } from "./cli-io";
import type { Report } from "./json-report";
import type { Planned } from "./plan-file";

/** Where this run keeps results and jobs, and how it names them in what it prints. */
export interface RunOutput {
  cacheDir: string;
  cache: FsResultCache;
  ledger: FsJobLedger;
  shown(abs: string): string;
  fileOf(r: CachedResult): string | undefined;
  catalogueSays: string | undefined;
  withCatalogue(report: Report): Report;
}

export function runOutput(cmd: RunCommand, io: CliIo, planned: Planned, cacheDir: string): RunOutput {
  const catalogueSays = planned.catalogue && catalogueNote(planned.plan, planned.catalogue.status());
  const cache = createFsResultCache(cacheDir);
  // Paths under where the user stands are shown relative (short); anything else absolute. JSON is always absolute.
  const shown = (abs: string) => {
    const rel = relative(io.cwd, abs);
    return cmd.json || rel === "" || rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
  };
  return {
    cacheDir,
    cache,
    ledger: createFsJobLedger(cacheDir),
    shown,
    fileOf: (r) => {
      const p = cache.mediaPathOf(r);
      return p === undefined ? undefined : shown(p);
    },
    catalogueSays,
    withCatalogue: (report) => (catalogueSays ? { ...report, catalogue: catalogueSays } : report),
  };
}
