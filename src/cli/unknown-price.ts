import type { Preflight } from "./preflight";
import { plural } from "./amounts";

/**
 * A run that would pay for nodes of unknown price must not start silently: the "the CLI sends
 * unpriced jobs without asking". On a terminal the person is asked; a script (stdin not a terminal)
 * is refused unless it said `--allow-unknown-price`. Refusals send nothing and exit 3, like --budget.
 */
export type UnknownPriceVerdict = { go: true } | { go: false; message: string };

export interface UnknownPriceChoice {
  /** `--allow-unknown-price`: send them without asking. */
  allow: boolean;
  /** Asks a yes/no question on the terminal; absent when stdin is not a terminal. */
  ask?: (question: string) => Promise<boolean>;
}

export async function settleUnknownPrices(pre: Preflight, choice: UnknownPriceChoice): Promise<UnknownPriceVerdict> {
  const unknown = unknownPriceLines(pre);
  if (unknown.length === 0 || choice.allow) return { go: true };
  const what = `${plural(unknown.length, "node has", "nodes have")} no known price: ${unknown.join("; ")}.`;
  if (!choice.ask) {
    return {
      go: false,
      message:
        `${what} Nothing was sent. Rerun with --allow-unknown-price to send ${unknown.length === 1 ? "it" : "them"} ` +
        "anyway, or choose a model whose price is known (see `reelflow models`).",
    };
  }
  if (await choice.ask(`${what} Send anyway? [y/N] `)) return { go: true };
  return { go: false, message: "not sent: the price of some nodes is unknown and you answered no. Nothing was sent." };
}

/** "v1 (Wan 2.7, fal-ai/wan/v2.7/text-to-video): price unknown (unit units)" for each planned node of unknown price. */
function unknownPriceLines(pre: Preflight): string[] {
  return pre.entries.flatMap((e) => {
    if (e.status !== "planned" || e.node.price.usd !== null) return [];
    return [`${e.node.id} (${e.node.adapter.label}, ${e.node.endpoint}): ${e.node.price.basis}`];
  });
}

/** Reads y/yes (any case) as yes; anything else, an empty line included, is no. */
export const isYes = (answer: string): boolean => /^\s*y(es)?\s*$/i.test(answer);
