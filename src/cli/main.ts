import { createInterface } from "node:readline";
import { EXIT } from "./exit-codes";
import { runCli } from "./run";

/**
 * The process around the CLI: argv and environment in, lines out, Ctrl-C into the engine's
 * abort signal. The first Ctrl-C cancels running fal jobs and lets the run finish its report
 * (exit 130); a second one quits at once.
 */
export async function main(argv: readonly string[] = process.argv.slice(2), version?: string): Promise<void> {
  // `reelflow run … | head` closes our stdout early: stop writing, keep running jobs to their end.
  let stdoutOpen = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") stdoutOpen = false;
    else throw e;
  });
  const stop = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write("\nreelflow: stopping; cancelling running fal jobs (press Ctrl-C again to quit at once)\n");
    stop.abort();
  });

  let code: number;
  try {
    code = await runCli(argv, {
      out: (line) => {
        if (stdoutOpen) process.stdout.write(`${line}\n`);
      },
      err: (line) => process.stderr.write(`${line}\n`),
      env: process.env,
      cwd: process.cwd(),
      signal: stop.signal,
      // Questions only when a person is there to answer: a script's stdin is not a terminal.
      ask: process.stdin.isTTY ? askOnTerminal : undefined,
      version,
    });
  } catch (e) {
    // A bug, not a user error: show the stack so it can be reported.
    process.stderr.write(`reelflow: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    code = 70;
  }
  // Exit once stdout has drained (a piped --json report must arrive whole), without waiting for
  // idle keep-alive sockets of the HTTP client.
  if (stdoutOpen) process.stdout.write("", () => process.exit(code));
  else process.exit(code);
}

/** One line typed on the terminal (prompt on stderr, so stdout stays a clean report); Ctrl-C answers "". */
function askOnTerminal(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    const done = (answer: string) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(answer);
    };
    rl.on("SIGINT", () => {
      process.stderr.write("\n");
      done("");
    });
    rl.on("close", () => done(""));
    rl.question(question, done);
  });
}
