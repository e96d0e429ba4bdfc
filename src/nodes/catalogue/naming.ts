import type { FalModel } from "./fal-api";

/**
 * How a catalogue model is named in the model select: `label` is fal's display name (else the endpoint id),
 * `family` that name without the words that say what it makes ("Wan 2.7" of "Wan 2.7 Text to Video"), and
 * `variant` those words, so the family select groups a model's endpoints as it does the curated ones.
 */
export interface ModelNames {
  family: string;
  variant: string;
  label: string;
}

const TO_VIDEO = String.raw`(?:text|image|video|reference|first[- ]last[- ]frame|start[- ]end|frames?)[- ]to[- ]video`;
const CHANGE_VIDEO = String.raw`(?:video[- ])?(?:extend|extension|edit)(?:[- ]video)?`;
const KIND_WORDS = new RegExp(String.raw`\b(?:${TO_VIDEO}|${CHANGE_VIDEO})\b`, "i");
const EDGE_PUNCTUATION = /^[\s\-–:|/([\]]+|[\s\-–:|/([\]]+$/g;

export function namesOf(model: FalModel): ModelNames {
  const display = model.metadata?.display_name?.trim();
  const label = display || model.endpoint_id;
  const source = display || lastSegments(model.endpoint_id);
  const match = KIND_WORDS.exec(source);
  if (!match) return { family: source, variant: "Standard", label };
  const family = source.replace(match[0], " ").replace(/\s+/g, " ").replace(EDGE_PUNCTUATION, "").trim();
  const variant = wordsOf(match[0]);
  return { family: family || source, variant, label };
}

/** "fal-ai/wan/v2.7/text-to-video" → "wan v2.7 text-to-video": the id without its owner. */
const lastSegments = (id: string) => id.split("/").slice(1).join(" ") || id;

/** "text-to-video" → "Text to video". */
function wordsOf(phrase: string): string {
  const words = phrase.replace(/-/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
