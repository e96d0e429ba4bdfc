import type { Question } from "../ask/question";

/** What a run asks about before sending (src/ui/run/run-controller.ts). */
export type RunQuestionKind = "retired" | "unknown-price";

/**
 * Enter's answer per question. A retired model's price is known and fal refuses it at no charge, so sending is a
 * safe default; a job of unknown price could cost anything, so Cancel is, as the CLI's "Send anyway? [y/N]".
 */
const DEFAULT_CHOICE: Record<RunQuestionKind, Question["defaultChoice"]> = {
  retired: "confirm",
  "unknown-price": "cancel",
};

/** A run's question as the app's dialog shows it: the message's first line is the question, the rest says why. */
export function runQuestion(message: string, kind: RunQuestionKind): Question {
  const [title = message, ...why] = message.split("\n");
  return { title, body: why.join("\n"), confirmLabel: "Send anyway", defaultChoice: DEFAULT_CHOICE[kind] };
}
