import type { CliCommand } from "./args";
import type { ExitCode } from "./exit-codes";
import type { Report } from "./json-report";
import { errorReport } from "./json-report";

/** How the CLI meets the world: its lines in and out, and how a command says why it sent nothing. */

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

export type RunCommand = Extract<CliCommand, { kind: "run" }>;

/** A step that said why nothing was sent, with the code to exit with. */
export type Refused = { refused: ExitCode };
export const refused = (code: ExitCode): Refused => ({ refused: code });

/** Say why nothing was sent, on stderr (and as the JSON report with --json), and return the code. */
export function refuse(
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
