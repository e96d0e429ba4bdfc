import type { Question } from "./question";

// Questions wait their turn: one dialog at a time, in the order they were asked.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Asks in the app's own dialog (./AskDialog.tsx) and resolves to the answer: true for the confirm button, false for
 * Cancel or Escape. The dialog's code loads with the first question, never with the first screen. Should it fail to
 * load (a page left open across a deploy, offline), the browser's own confirm asks instead: a question is never
 * skipped, and never answered for the person.
 */
export function ask(q: Question): Promise<boolean> {
  const answer = queue.then(() =>
    import("./AskDialog").then(
      (m) => m.showQuestion(q),
      () => window.confirm(`${q.title}\n\n${q.body}`),
    ),
  );
  queue = answer.catch(() => undefined);
  return answer;
}
