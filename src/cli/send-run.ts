import { createFsSpendLedger } from "../adapters/fs/spend-ledger";
import { nodeId } from "../domain/ids";
import { execute } from "../engine/executor";
import type { RunState } from "../engine/run-state";
import { initialRunState, reduceRun } from "../engine/run-state";
import { refuse, refused, type CliIo, type Refused, type RunCommand } from "./cli-io";
import { describeConnection, type Connection } from "./connection";
import { EXIT } from "./exit-codes";
import { createCliFalClient } from "./fal-client";
import { createHumanPrinter } from "./human-output";
import type { Planned } from "./plan-file";
import type { Preflight } from "./preflight";
import { resumeOrphanJobs, type OrphanOutcome } from "./resume-orphans";
import type { RunOutput } from "./run-output";
import { createSpendRecorder } from "./spend-recorder";

export interface Ran {
  state: RunState;
  orphanOutcomes: OrphanOutcome[];
}

/** The run itself: the client, what is about to happen said, jobs left by an earlier run followed, the plan executed. */
export async function sendRun(
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

export function warnRetired(io: CliIo, pre: Preflight): void {
  for (const e of pre.entries) {
    const retired = e.status === "planned" ? e.node.adapter.retired : undefined;
    if (retired)
      io.err(
        `reelflow: warning: ${e.node.id} uses ${e.node.adapter.label} (${e.node.endpoint}), retired on ${retired.on}: ${retired.note}`,
      );
  }
}
