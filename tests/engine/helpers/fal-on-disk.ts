import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { createFsJobLedger, createFsResultCache } from "../../../src/adapters/fs";
import type { FsJobLedger, FsResultCache } from "../../../src/adapters/fs";
import type { EnginePorts } from "../../../src/engine/ports";
import { startFakeFal } from "../../fake-fal/server";
import type { FakeFal, FakeFalSwitches } from "../../fake-fal/server";

/** What each test gets: a fresh fake fal, reached by the real client, and an on-disk cache and ledger. */
export interface FalOnDisk {
  fake: FakeFal;
  dir: string;
  cache: FsResultCache;
  ledger: FsJobLedger;
  ports: EnginePorts;
  /** Submits fal accepted (each one a job that would be paid for). */
  submits(): ReturnType<FakeFal["requestsOf"]>;
}

/** Registers beforeEach/afterEach hooks; read the fields inside tests (they are replaced per test). */
export function useFalOnDisk(dirPrefix: string, switches: Partial<FakeFalSwitches>): FalOnDisk {
  const h = {} as FalOnDisk;
  beforeEach(async () => {
    h.fake = await startFakeFal({ switches });
    h.dir = await mkdtemp(join(tmpdir(), dirPrefix));
    h.cache = createFsResultCache(h.dir);
    h.ledger = createFsJobLedger(h.dir);
    h.ports = {
      client: createFalInferenceClient({ proxyUrl: h.fake.url, pollIntervalMs: 50 }),
      cache: h.cache,
      ledger: h.ledger,
    };
    h.submits = () => h.fake.requestsOf("submit").filter((r) => r.status === 200);
  });
  afterEach(async () => {
    await h.fake.close();
    await rm(h.dir, { recursive: true, force: true });
  });
  return h;
}
