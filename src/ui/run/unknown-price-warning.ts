import type { NodeId } from "../../domain/ids";
import type { ModelAdapter, Price } from "../../nodes/types";

/** Start of the question (the text's first line, the dialog's title); browser journeys recognise the dialog by it. */
export const UNKNOWN_PRICE_WARNING_START = "Price unknown:";

/**
 * fal publishes no price for some models. Reelflow never guesses $0 for them: before a run would
 * send a job whose cost it cannot know, it names each such node and asks. Null when every job
 * about to be sent has a known price (cached results cost nothing and never ask).
 */
export function unknownPriceWarning(
  toSend: readonly { id: NodeId; adapter: ModelAdapter; price: Price }[],
): string | null {
  const unknown = toSend.filter((n) => n.price.usd === null);
  if (unknown.length === 0) return null;
  const lines = unknown.map((n) => `• ${n.id}: ${n.adapter.label}`);
  const which = unknown.length === 1 ? "this model" : "these models";
  return `${UNKNOWN_PRICE_WARNING_START} send anyway?\nfal publishes no price for ${which}, so this run's cost cannot be estimated.\n${lines.join("\n")}`;
}
