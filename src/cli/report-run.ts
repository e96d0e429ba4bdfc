import type { Plan } from "../engine/plan";
import type { CliIo, RunCommand } from "./cli-io";
import { EXIT, type ExitCode } from "./exit-codes";
import { summaryLines } from "./human-output";
import { runReport } from "./json-report";
import type { RunOutput } from "./run-output";
import { newTakesMade, saveTakes } from "./save-takes";
import type { Ran } from "./send-run";
import type { WorkflowFile } from "./workflow-file";

/** What happened (the JSON report or the summary lines), new takes saved if asked, and the exit code. */
export async function reportRun(
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
