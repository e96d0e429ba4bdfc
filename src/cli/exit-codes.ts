/** The CLI's exit codes: scripts branch on these, so they never change meaning. */
export const EXIT = {
  /** Every node succeeded or came from the cache. */
  ok: 0,
  /** At least one node failed (independent branches still ran). */
  nodeFailed: 1,
  /** Invalid file or arguments: nothing was sent. */
  invalid: 2,
  /** The estimate exceeds --budget: nothing was sent. */
  overBudget: 3,
  /**
   * Some node's price is unknown and sending it was not allowed (no terminal to ask and no
   * --allow-unknown-price, or the person said no): nothing was sent. The same code as over budget:
   * for a script both mean "not started: the cost was not accepted".
   */
  unknownPrice: 3,
  /** Interrupted with Ctrl-C (128 + SIGINT), running fal jobs asked to cancel. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
