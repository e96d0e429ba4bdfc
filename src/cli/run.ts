import { resolve } from "node:path";
import { parseCliArgs, USAGE } from "./args";
import { billPrinter, stopBeforeSending } from "./before-sending";
import { refuse, type CliIo, type RunCommand } from "./cli-io";
import { resolveConnection } from "./connection";
import type { ExitCode } from "./exit-codes";
import { EXIT } from "./exit-codes";
import { runModelsCommand } from "./models-command";
import { planFile } from "./plan-file";
import { preflight } from "./preflight";
import { reportRun } from "./report-run";
import { runOutput } from "./run-output";
import { sendRun } from "./send-run";
import { readWorkflowFile } from "./workflow-file";

export type { CliIo } from "./cli-io";

/** The CLI's commands, and `reelflow run` as its steps: read, plan, check, send, report. */

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

/** `reelflow run <file>`: each step that refuses hands back its exit code. */
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
