import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { FakeCatalogueEntry } from "../fake-fal/catalogue/index";
import { startFakeFal, type FakeFal, type FakeFalSwitches } from "../fake-fal/server";
import { runCli, scratch, type CliResult } from "./cli-harness";

export type Scratch = Awaited<ReturnType<typeof scratch>>;

/** What a CLI test file gets from `fakeFalCli`: read `fake` and `box` inside tests (they are made in hooks). */
export interface FakeFalCli {
  /** The fake fal (a real HTTP server), started once for the file and reset to `switches` before each test. */
  readonly fake: FakeFal;
  /** This test's own scratch folder: its workflow files and cache dir, removed after it. */
  readonly box: Scratch;
  /** `reelflow run <file> --proxy <the fake> --cache-dir <the box's> …extra`, run from the box. */
  run(file: string, ...extra: string[]): Promise<CliResult>;
}

/**
 * The setup every CLI test file against the fake fal shares, registered as the file's hooks: the fake started once,
 * before each test reset (its jobs, requests and switches) with `models` added to its catalogue, and a fresh
 * scratch folder per test.
 */
export function fakeFalCli(
  opts: { switches?: Partial<FakeFalSwitches>; models?: readonly FakeCatalogueEntry[] } = {},
): FakeFalCli {
  let fake: FakeFal | undefined;
  let box: Scratch | undefined;
  beforeAll(async () => {
    fake = await startFakeFal(opts.switches ? { switches: opts.switches } : {});
  });
  afterAll(() => fake?.close());
  beforeEach(async () => {
    fake?.reset();
    for (const m of opts.models ?? []) fake?.addModel(m);
    box = await scratch();
  });
  afterEach(() => box?.cleanup());
  const made = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is made in the file's hooks: read it inside a test`);
    return v;
  };
  const t: FakeFalCli = {
    get fake() {
      return made(fake, "the fake fal");
    },
    get box() {
      return made(box, "the scratch folder");
    },
    run: (file, ...extra) =>
      runCli(["run", file, "--proxy", t.fake.url, "--cache-dir", t.box.cacheDir, ...extra], { cwd: t.box.dir }),
  };
  return t;
}
