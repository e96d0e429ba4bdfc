import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { messageOf } from "../domain/message-of";
import { parseWorkflowText } from "../domain/parse";
import type { Workflow } from "../domain/workflow";
import { refuse, refused, type CliIo, type Refused, type RunCommand } from "./cli-io";
import { EXIT } from "./exit-codes";

/** The workflow file a run reads: its text as read (saving takes checks it is unchanged) and the parsed workflow. */

export interface WorkflowFile {
  path: string;
  /** The file as this run read it (saving takes checks it was not changed since). */
  text: string;
  workflow: Workflow;
}

export async function readWorkflowFile(cmd: RunCommand, io: CliIo): Promise<WorkflowFile | Refused> {
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
