import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs the real CLI as a child process (bin/reelflow.mjs, exactly what `npx reelflow` runs),
 * the way a person or a CI script would. Nothing of the CLI is loaded into the test process.
 */
export const REPO = join(import.meta.dirname, "..", "..");
export const BIN = join(REPO, "bin", "reelflow.mjs");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOpts {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Run through `npx reelflow` instead of node + the bin file. */
  viaNpx?: boolean;
}

/** The child's environment: the parent's minus any real fal key, plus overrides. */
function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FAL_KEY: undefined, NO_COLOR: "1" };
  for (const [k, v] of Object.entries(extra)) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

export type CliChild = ChildProcess & { result: Promise<CliResult>; output(): { stdout: string; stderr: string } };

export function spawnCli(args: string[], opts: SpawnOpts = {}): CliChild {
  const child = opts.viaNpx
    ? spawn("npx", ["--no-install", "reelflow", ...args], { cwd: opts.cwd ?? REPO, env: childEnv(opts.env) })
    : spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, env: childEnv(opts.env) });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { result, output: () => ({ stdout, stderr }) });
}

export const runCli = (args: string[], opts: SpawnOpts = {}): Promise<CliResult> => spawnCli(args, opts).result;

/** A scratch folder for one test: workflow files and a cache dir. */
export async function scratch(): Promise<{
  dir: string;
  cacheDir: string;
  file(name: string, content: unknown): Promise<string>;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "reelflow-cli-"));
  return {
    dir,
    cacheDir: join(dir, "cache"),
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Poll until `check` is true; the limit is generous because CI machines are slow. */
export async function waitFor(check: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
