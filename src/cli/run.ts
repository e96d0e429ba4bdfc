import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { createFsJobLedger, type FsJobLedger } from "../adapters/fs/job-ledger";
import { createFsResultCache, type FsResultCache } from "../adapters/fs/result-cache";
import { createFsSpendLedger } from "../adapters/fs/spend-ledger";
import { nodeId, type NodeId } from "../domain/ids";
import { parseWorkflowText } from "../domain/parse";
import { isGenerationNode, type TakeChoice, type Workflow } from "../domain/workflow";
import { execute } from "../engine/executor";
import type { Plan, PlanError } from "../engine/plan";
import { planWorkflow } from "../engine/plan";
import { endpointsToResolve, resolveModels } from "../engine/resolve-models";
import type { CatalogueService } from "../adapters/catalogue/service";
import type { CachedResult } from "../engine/ports";
import type { RunState } from "../engine/run-state";
import { initialRunState, reduceRun } from "../engine/run-state";
import type { CliCommand } from "./args";
import { parseCliArgs, USAGE } from "./args";
import { catalogueNote } from "./catalogue-note";
import { describeConnection, resolveConnection, type Connection } from "./connection";
import type { ExitCode } from "./exit-codes";
import { EXIT } from "./exit-codes";
import { createCliFalClient } from "./fal-client";
import { runModelsCommand } from "./models-command";
import { billLines, createHumanPrinter, dryRunLines, summaryLines } from "./human-output";
import type { Report } from "./json-report";
import { errorReport, preflightReport, runReport } from "./json-report";
import { overBudget, preflight, type Preflight } from "./preflight";
import { resumeOrphanJobs, type OrphanOutcome } from "./resume-orphans";
import { isYes, settleUnknownPrices } from "./unknown-price";
import { newTakesMade, withChosenTakes, writeWorkflowFile } from "./save-takes";
import { createSpendRecorder } from "./spend-recorder";
import { messageOf } from "../domain/message-of";

/** Where the CLI talks to the world; `main.ts` wires it to the process, tests may capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on Ctrl-C: the engine cancels running fal jobs. */
  signal?: AbortSignal;
  /** Asks a question on the terminal and resolves with the line typed; absent when stdin is not a terminal. */
  ask?: (question: string) => Promise<string>;
  version?: string;
}

type RunCommand = Extract<CliCommand, { kind: "run" }>;

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    const json = argv.includes("--json");
    return refuse(io, json, EXIT.invalid, parsed.errors, { footer: "Run `reelflow --help` for usage." });
  }
  const cmd = parsed.command;
  switch (cmd.kind) {
    case "help":
      io.out(USAGE);
      return EXIT.ok;
    case "version":
      io.out(io.version ?? "unknown");
      return EXIT.ok;
    case "run":
      return runWorkflowFile(cmd, io);
    case "models":
      return runModelsCommand(cmd, io);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

async function runWorkflowFile(cmd: RunCommand, io: CliIo): Promise<ExitCode> {
  const file = await readWorkflowFile(cmd, io);
  if ("refused" in file) return file.refused;
  const cacheDir = resolve(io.cwd, cmd.cacheDir);
  const planned = await planFile(file.workflow, cmd, io, cacheDir);
  if ("refused" in planned) return planned.refused;
  const connection = cmd.dryRun ? undefined : resolveConnection(cmd.proxy, io.env);
  if (connection && !connection.ok) return refuse(io, cmd.json, EXIT.invalid, [connection.error]);
  const out = runOutput(cmd, io, planned, cacheDir);
  const pre = await preflight(planned.plan, out.cache, out.ledger);
  const showBill = billPrinter(cmd, io, pre);
  const stop = await stopBeforeSending(cmd, io, pre, out, showBill);
  if (stop !== undefined) return stop;
  if (!connection?.ok) throw new Error("unreachable: a real run always has a connection");
  const ran = await sendRun(cmd, io, planned, connection.connection, out, pre, showBill);
  if ("refused" in ran) return ran.refused;
  return reportRun(cmd, io, file, planned.plan, out, ran);
}

/** A step that said why nothing was sent, with the code to exit with. */
type Refused = { refused: ExitCode };
const refused = (code: ExitCode): Refused => ({ refused: code });

interface WorkflowFile {
  path: string;
  /** The file as this run read it (saving takes checks it was not changed since). */
  text: string;
  workflow: Workflow;
}

async function readWorkflowFile(cmd: RunCommand, io: CliIo): Promise<WorkflowFile | Refused> {
  const path = resolve(io.cwd, cmd.file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const why = (e as { code?: string }).code === "ENOENT" ? "no such file" : messageOf(e);
    return refused(refuse(io, cmd.json, EXIT.invalid, [`cannot read ${cmd.file}: ${why}`]));
  }
  const parsedFile = parseWorkflowText(text);
  if (!parsedFile.ok) {
    const heading = `${cmd.file} is not a valid Reelflow workflow; nothing was sent:`;
    return refused(refuse(io, cmd.json, EXIT.invalid, parsedFile.errors, { heading }));
  }
  return { path, text, workflow: parsedFile.workflow };
}

interface Planned {
  plan: Plan;
  /** Loaded only when the file names a model without a curated adapter. */
  catalogue: CatalogueService | undefined;
}

/** The --new-take and --resubmit ids checked, the models made known, and the plan (or why there is none). */
async function planFile(workflow: Workflow, cmd: RunCommand, io: CliIo, cacheDir: string): Promise<Planned | Refused> {
  const notNewTakes = newTakeProblems(workflow, cmd);
  if (notNewTakes.length > 0) return refused(refuse(io, cmd.json, EXIT.invalid, notNewTakes));
  const catalogue = await resolveCatalogueModels(workflow, cmd, io, cacheDir);
  if (catalogue === "interrupted") {
    io.err("reelflow: interrupted while looking up models; nothing was sent");
    return refused(EXIT.interrupted);
  }
  // A fresh variant per node: a new key, so a cache miss, paid on purpose (see engine/plan.ts).
  const newTakes = Object.fromEntries(cmd.newTake.map((id) => [nodeId(id), randomUUID()]));
  const planned = await planWorkflow(workflow, { newTakes });
  if (!planned.ok) {
    const heading = `${cmd.file} cannot run; nothing was sent:`;
    return refused(refuse(io, cmd.json, EXIT.invalid, planned.errors.map(planErrorText), { heading }));
  }
  const plan = planned.plan;
  const unknownIds = cmd.resubmit.filter((id) => plan.nodes.get(nodeId(id))?.role !== "generation");
  if (unknownIds.length > 0) {
    const why = unknownIds.map((id) => `--resubmit ${id}: there is no generation node "${id}" in ${cmd.file}`);
    return refused(refuse(io, cmd.json, EXIT.invalid, why));
  }
  return { plan, catalogue };
}

function newTakeProblems(workflow: Workflow, cmd: RunCommand): string[] {
  return cmd.newTake.flatMap((id) => {
    const n = workflow.nodes.find((x) => x.id === id);
    if (!n || !isGenerationNode(n)) return [`--new-take ${id}: there is no generation node "${id}" in ${cmd.file}`];
    if (n.data.pinned === true)
      return [`--new-take ${id}: ${id} is pinned to its take; unpin it in the file to make a new one`];
    return [];
  });
}

/** Where this run keeps results and jobs, and how it names them in what it prints. */
interface RunOutput {
  cacheDir: string;
  cache: FsResultCache;
  ledger: FsJobLedger;
  shown(abs: string): string;
  fileOf(r: CachedResult): string | undefined;
  catalogueSays: string | undefined;
  withCatalogue(report: Report): Report;
}

function runOutput(cmd: RunCommand, io: CliIo, planned: Planned, cacheDir: string): RunOutput {
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

/**
 * The bill, before anything is sent (human output only: --json stays one report), shown once. On a terminal
 * asked about unknown prices, it comes before the question, so the person answers knowing the rest of the bill.
 */
function billPrinter(cmd: RunCommand, io: CliIo, pre: Preflight): () => void {
  let billShown = cmd.json;
  return () => {
    if (billShown) return;
    billShown = true;
    for (const line of billLines(pre)) io.out(line);
  };
}

/** What ends the run before anything is sent: a dry run, the budget, an unknown price not allowed. */
async function stopBeforeSending(
  cmd: RunCommand,
  io: CliIo,
  pre: Preflight,
  out: RunOutput,
  showBill: () => void,
): Promise<ExitCode | undefined> {
  const report = (why: string | undefined) =>
    io.out(JSON.stringify(out.withCatalogue(preflightReport(pre, out.fileOf, why)), null, 2));
  const refusal = cmd.budgetUsd !== undefined ? overBudget(pre, cmd.budgetUsd) : undefined;
  if (cmd.dryRun) {
    if (cmd.json) report(refusal);
    else {
      for (const line of dryRunLines(pre)) io.out(line);
      if (out.catalogueSays) io.out(out.catalogueSays);
      if (refusal) io.err(`reelflow: over budget: ${refusal}`);
    }
    return refusal ? EXIT.overBudget : EXIT.ok;
  }
  if (refusal) {
    if (cmd.json) report(refusal);
    io.err(`reelflow: over budget: ${refusal}`);
    return EXIT.overBudget;
  }
  const ask = io.ask;
  const priced = await settleUnknownPrices(pre, {
    allow: cmd.allowUnknownPrice,
    ask: ask && (async (q) => (showBill(), isYes(await ask(q)))),
  });
  if (!priced.go) {
    if (cmd.json) report(priced.message);
    io.err(`reelflow: ${priced.message}`);
    return EXIT.unknownPrice;
  }
  return undefined;
}

interface Ran {
  state: RunState;
  orphanOutcomes: OrphanOutcome[];
}

/** The run itself: the client, what is about to happen said, jobs left by an earlier run followed, the plan executed. */
async function sendRun(
  cmd: RunCommand,
  io: CliIo,
  { plan }: Planned,
  connection: Connection,
  out: RunOutput,
  pre: Preflight,
  showBill: () => void,
): Promise<Ran | Refused> {
  const made = await createCliFalClient(connection);
  if (!made.ok) return refused(refuse(io, cmd.json, EXIT.invalid, [made.problem]));
  const ports = { client: made.client, cache: out.cache, ledger: out.ledger };
  const spend = createSpendRecorder(plan, createFsSpendLedger(out.cacheDir), (e) =>
    io.err(`reelflow: could not write the spend ledger: ${e}`),
  );
  if (!cmd.json) io.out(`Running "${plan.workflowName}" from ${cmd.file} ${describeConnection(connection)}`);
  if (!cmd.json && out.catalogueSays) io.out(out.catalogueSays);
  showBill();
  warnRetired(io, pre);
  // Jobs of this workflow left on fal by an interrupted run whose nodes were edited away since.
  const orphans = resumeOrphanJobs(plan, out.ledger, ports, {
    signal: io.signal,
    onStart: (job) => {
      if (!cmd.json)
        io.out(
          `${job.nodeId}  resumed    request ${job.requestId} from an earlier run (node changed since); storing its result`,
        );
    },
  });
  let state: RunState = initialRunState;
  const print = cmd.json ? undefined : createHumanPrinter({ write: io.out, fileOf: out.fileOf });
  await execute(plan, ports, {
    concurrency: cmd.concurrency,
    signal: io.signal,
    resubmit: cmd.resubmit.map(nodeId),
    onEvent: (ev) => {
      state = reduceRun(state, ev);
      spend.onEvent(ev);
      print?.(ev);
    },
  });
  const orphanOutcomes = await orphans;
  for (const o of orphanOutcomes) spend.onOrphan(o);
  await spend.flush();
  return { state, orphanOutcomes };
}

function warnRetired(io: CliIo, pre: Preflight): void {
  for (const e of pre.entries) {
    const retired = e.status === "planned" ? e.node.adapter.retired : undefined;
    if (retired)
      io.err(
        `reelflow: warning: ${e.node.id} uses ${e.node.adapter.label} (${e.node.endpoint}), retired on ${retired.on}: ${retired.note}`,
      );
  }
}

/** What happened (the JSON report or the summary lines), new takes saved if asked, and the exit code. */
async function reportRun(
  cmd: RunCommand,
  io: CliIo,
  file: WorkflowFile,
  plan: Plan,
  out: RunOutput,
  ran: Ran,
): Promise<ExitCode> {
  const { state, orphanOutcomes } = ran;
  const interrupted = io.signal?.aborted === true;
  const takes = newTakesMade(plan, state);
  const saved =
    cmd.saveTakes && takes.size > 0 ? await saveTakes(file.path, file.text, file.workflow, takes) : undefined;
  const report = out.withCatalogue(runReport(plan, state, out.fileOf));
  for (const [id, take] of takes) {
    const node = report.nodes[id];
    if (node) node.take = { ...take, saved: saved?.ok === true };
  }
  if (cmd.json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const o of orphanOutcomes) {
      io.out(
        `${o.job.nodeId}  ${o.status === "stored" ? "stored" : o.status}  earlier request ${o.job.requestId}${o.message ? `: ${o.message}` : ""}`,
      );
    }
    const stored = orphanOutcomes.filter((o) => o.status === "stored").length;
    for (const line of summaryLines(state, { cacheDir: out.shown(out.cacheDir), interrupted, stored })) io.out(line);
    const ids = [...takes.keys()].join(", ");
    if (saved?.ok)
      io.out(
        `Saved the new take${takes.size > 1 ? "s" : ""} of ${ids} in ${cmd.file}: later runs use ${takes.size > 1 ? "them" : "it"}.`,
      );
    else if (takes.size > 0 && !cmd.saveTakes)
      io.out(
        `${cmd.file} is unchanged: a later plain run serves the earlier take of ${ids} again (add --save-takes to keep the new one).`,
      );
  }
  if (saved && !saved.ok)
    io.err(
      `reelflow: the new takes were not saved in ${cmd.file}: ${saved.why}. Their results are cached; the keys are in --json output (nodes.<id>.take).`,
    );
  if (interrupted) return EXIT.interrupted;
  return report.ok ? EXIT.ok : EXIT.nodeFailed;
}

/**
 * Makes the models the file names known before planning: those without a curated adapter are looked up in the
 * catalogue (bundled snapshot, the cache dir's live answers, fal's catalogue through --proxy or FAL_KEY). A model
 * that cannot be found becomes the plan's error on its node. Undefined when every model is curated (the catalogue
 * code is then not even loaded).
 */
async function resolveCatalogueModels(
  workflow: Workflow,
  cmd: RunCommand,
  io: CliIo,
  cacheDir: string,
): Promise<CatalogueService | "interrupted" | undefined> {
  if (endpointsToResolve(workflow).length === 0) return undefined;
  const { openCatalogue } = await import("./catalogue");
  const catalogue = openCatalogue(cacheDir, cmd.proxy, io.env);
  try {
    await resolveModels(workflow, catalogue, io.signal);
  } catch (e) {
    if (io.signal?.aborted) return "interrupted";
    throw e;
  }
  return catalogue;
}

/**
 * Records the takes in the workflow file, unless the file changed on disk since this run read it
 * (an edit made during a minutes-long run must not be overwritten).
 */
async function saveTakes(
  path: string,
  textAtStart: string,
  workflow: Workflow,
  takes: ReadonlyMap<NodeId, TakeChoice>,
): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    const now = await readFile(path, "utf8");
    if (now !== textAtStart)
      return { ok: false, why: "the file was changed while the run went on, and is left as it is" };
    await writeWorkflowFile(path, withChosenTakes(workflow, takes));
    return { ok: true };
  } catch (e) {
    return { ok: false, why: messageOf(e) };
  }
}

function planErrorText(e: PlanError): string {
  // Plan messages usually name their node ("Text to Video v1: …"); make sure every one does.
  if (e.nodeId && !e.message.includes(e.nodeId)) return `node ${e.nodeId}: ${e.message}`;
  if (!e.nodeId && e.edgeId && !e.message.includes(e.edgeId)) return `connection ${e.edgeId}: ${e.message}`;
  return e.message;
}

/** Say why nothing was sent, on stderr (and as the JSON report with --json), and return the code. */
function refuse(
  io: CliIo,
  json: boolean,
  code: ExitCode,
  errors: string[],
  words: { heading?: string; footer?: string } = {},
): ExitCode {
  if (words.heading) io.err(`reelflow: ${words.heading}`);
  for (const e of errors) io.err(words.heading ? `  - ${e}` : `reelflow: ${e}`);
  if (words.footer) io.err(words.footer);
  if (json) {
    const report: Report = errorReport(errors);
    io.out(JSON.stringify(report, null, 2));
  }
  return code;
}
