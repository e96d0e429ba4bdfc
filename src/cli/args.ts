import { parseArgs } from "node:util";
import { MODEL_CATEGORIES, type ModelCategory } from "../nodes/catalogue/fal-api";
import { messageOf } from "../domain/message-of";

/** What the user asked for on the command line, checked and typed. */
export type CliCommand =
  | { kind: "help" }
  | { kind: "version" }
  | {
      kind: "run";
      file: string;
      proxy: string | undefined;
      cacheDir: string;
      concurrency: number;
      dryRun: boolean;
      budgetUsd: number | undefined;
      json: boolean;
      /** Nodes whose earlier submit outcome was lost, to be sent again on the user's say-so. */
      resubmit: string[];
      /** Nodes to run again on purpose although cached ("new take": a fresh variant of their key, paid). */
      newTake: string[];
      /** Write the new takes this run made into the file as the nodes' chosen takes (`data.take`). */
      saveTakes: boolean;
      /** Send nodes whose price is unknown without asking (else a terminal is asked, a script refused). */
      allowUnknownPrice: boolean;
    }
  | {
      kind: "models";
      /** Words to look for in endpoint ids and names; undefined lists everything. */
      query: string | undefined;
      category: ModelCategory | undefined;
      json: boolean;
      proxy: string | undefined;
      cacheDir: string;
    };

export const DEFAULT_CACHE_DIR = ".reelflow/cache";
export const DEFAULT_CONCURRENCY = 4;

export const USAGE = `Usage: reelflow run <file> [options]
       reelflow models [query] [--category <category>] [--json] [--proxy <url>] [--cache-dir <dir>]

run: runs a Reelflow workflow file (.reelflow.json) against fal, caching every result on disk so an
unchanged node is never paid for twice.

Options:
  --proxy <url>        your fal proxy (without it, FAL_KEY from the environment is used directly)
  --cache-dir <dir>    where results, videos, the job and spend ledgers and the fal model catalogue live
                       (default ${DEFAULT_CACHE_DIR})
  --concurrency <n>    jobs running at once (default ${DEFAULT_CONCURRENCY})
  --dry-run            send nothing: show which nodes would be paid or come from the cache, and the total
  --budget <usd>       refuse to start when the estimated cost exceeds this many US dollars
  --allow-unknown-price
                       send nodes whose price is unknown without asking (on a terminal you are asked
                       first; without one such a run is refused with exit 3 unless this is given)
  --json               print one JSON report instead of progress lines
  --resubmit <ids>     send again nodes whose earlier submit was lost (it may have been charged);
                       comma-separated node ids, only after checking your fal requests
  --new-take <ids>     run these nodes again on purpose although their result is cached (paid; a seed-less
                       model makes a different video); comma-separated node ids. The file is not changed
                       unless --save-takes is given, so a later plain run serves the earlier take again.
  --save-takes         with --new-take: record each new take that succeeded in the file as the node's chosen
                       take (as choosing it in the app does), so later runs keep using it
  -h, --help           show this help

models: lists the fal video models Reelflow can run, curated ones first, with their prices: from the
bundled snapshot, or from fal's live catalogue when --proxy or FAL_KEY is there.
  --category <c>       only ${MODEL_CATEGORIES.join(", ")}
  --json               print the list as one JSON array

Exit codes: 0 all succeeded or cached, 1 some node failed, 2 invalid file or arguments,
3 over budget, or a price unknown and not allowed (nothing sent), 130 interrupted (Ctrl-C).`;

export type ParsedArgs = { ok: true; command: CliCommand } | { ok: false; errors: string[] };

const OPTIONS = {
  proxy: { type: "string" },
  "cache-dir": { type: "string" },
  concurrency: { type: "string" },
  "dry-run": { type: "boolean" },
  budget: { type: "string" },
  json: { type: "boolean" },
  resubmit: { type: "string", multiple: true },
  "new-take": { type: "string", multiple: true },
  "save-takes": { type: "boolean" },
  "allow-unknown-price": { type: "boolean" },
  category: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>["values"];

/** Options that belong to one command only, so `models --budget 2` is named as a mistake. */
const RUN_ONLY = [
  "concurrency",
  "dry-run",
  "budget",
  "resubmit",
  "new-take",
  "save-takes",
  "allow-unknown-price",
] as const;
const MODELS_ONLY = ["category"] as const;

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    // node:util's messages name the option ("Unknown option '--foo'"); keep them.
    return { ok: false, errors: [messageOf(e)] };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, command: { kind: "help" } };
  if (values.version) return { ok: true, command: { kind: "version" } };

  const [sub, ...rest] = positionals;
  switch (sub) {
    case undefined:
      return { ok: false, errors: ["no command given: try `reelflow run <file>` or `reelflow models`"] };
    case "run":
      return runCommand(values, rest);
    case "models":
      return modelsCommand(values, rest);
    default:
      return {
        ok: false,
        errors: [`unknown command "${sub}": the commands are \`run <file>\` and \`models [query]\``],
      };
  }
}

function runCommand(values: Values, positionals: string[]): ParsedArgs {
  const errors = foreignOptions(values, MODELS_ONLY, "models");
  const [file, ...extra] = positionals;
  if (file === undefined) errors.push("`run` needs a workflow file, e.g. `reelflow run my.reelflow.json`");
  if (extra.length > 0) errors.push(`unexpected extra arguments: ${extra.join(" ")}`);
  const proxy = checkProxy(values.proxy, errors);
  const cacheDir = checkCacheDir(values["cache-dir"], errors);

  let concurrency = DEFAULT_CONCURRENCY;
  if (values.concurrency !== undefined) {
    const n = Number(values.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > 64)
      errors.push(`--concurrency must be a whole number from 1 to 64, got "${values.concurrency}"`);
    else concurrency = n;
  }

  let budgetUsd: number | undefined;
  if (values.budget !== undefined) {
    const n = Number(values.budget.replace(/^\$/, ""));
    if (values.budget.trim() === "" || !Number.isFinite(n) || n < 0)
      errors.push(`--budget must be an amount in US dollars such as 2.50, got "${values.budget}"`);
    else budgetUsd = n;
  }

  const newTake = idList(values["new-take"]);
  const saveTakes = values["save-takes"] ?? false;
  if (saveTakes && newTake.length === 0)
    errors.push("--save-takes records new takes in the file: give the nodes with --new-take <ids>");
  if (saveTakes && values["dry-run"])
    errors.push("--save-takes writes the file after a run; a --dry-run sends nothing and makes no take");

  if (errors.length > 0 || file === undefined) return { ok: false, errors };
  return {
    ok: true,
    command: {
      kind: "run",
      file,
      proxy,
      cacheDir,
      concurrency,
      dryRun: values["dry-run"] ?? false,
      budgetUsd,
      json: values.json ?? false,
      resubmit: idList(values.resubmit),
      newTake,
      saveTakes,
      allowUnknownPrice: values["allow-unknown-price"] ?? false,
    },
  };
}

function modelsCommand(values: Values, positionals: string[]): ParsedArgs {
  const errors = foreignOptions(values, RUN_ONLY, "run");
  const proxy = checkProxy(values.proxy, errors);
  const cacheDir = checkCacheDir(values["cache-dir"], errors);
  const category = values.category;
  if (category !== undefined && !isModelCategory(category)) {
    errors.push(`--category must be one of ${MODEL_CATEGORIES.join(", ")}, got "${category}"`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const query = positionals.join(" ").trim();
  return {
    ok: true,
    command: {
      kind: "models",
      query: query === "" ? undefined : query,
      category: category as ModelCategory | undefined,
      json: values.json ?? false,
      proxy,
      cacheDir,
    },
  };
}

const isModelCategory = (s: string): s is ModelCategory => (MODEL_CATEGORIES as readonly string[]).includes(s);

/** Errors for options given that belong to the other command. */
function foreignOptions(values: Values, names: readonly (keyof Values)[], owner: string): string[] {
  return names
    .filter((n) => values[n] !== undefined)
    .map((n) => `--${String(n)} is an option of \`reelflow ${owner}\``);
}

function checkProxy(proxy: string | undefined, errors: string[]): string | undefined {
  if (proxy !== undefined && !isHttpUrl(proxy)) errors.push(`--proxy must be an http(s) URL, got "${proxy}"`);
  return proxy;
}

function checkCacheDir(dir: string | undefined, errors: string[]): string {
  const cacheDir = dir ?? DEFAULT_CACHE_DIR;
  if (cacheDir.trim() === "") errors.push("--cache-dir must not be empty");
  return cacheDir;
}

/** Repeated and/or comma-separated node ids. */
const idList = (values: string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}
