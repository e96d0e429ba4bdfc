import type { CliIo, RunCommand } from "./cli-io";
import { EXIT, type ExitCode } from "./exit-codes";
import { billLines, dryRunLines } from "./human-output";
import { preflightReport } from "./json-report";
import { overBudget, type Preflight } from "./preflight";
import type { RunOutput } from "./run-output";
import { isYes, settleUnknownPrices } from "./unknown-price";

/** What a run shows and checks before it sends anything: the bill, a dry run, the budget, unknown prices. */

/**
 * The bill, before anything is sent (human output only: --json stays one report), shown once. On a terminal
 * asked about unknown prices, it comes before the question, so the person answers knowing the rest of the bill.
 */
export function billPrinter(cmd: RunCommand, io: CliIo, pre: Preflight): () => void {
  let billShown = cmd.json;
  return () => {
    if (billShown) return;
    billShown = true;
    for (const line of billLines(pre)) io.out(line);
  };
}

/** What ends the run before anything is sent: a dry run, the budget, an unknown price not allowed. */
export async function stopBeforeSending(
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
