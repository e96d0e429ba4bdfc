/** Words shown for fields of fal's schemas: labels, short help, lists of allowed values. */

/** Letters groups that read as initialisms, not words ("CFG scale", not "Cfg scale"). */
const INITIALISMS = new Set(["cfg", "fps", "url", "urls", "id", "ai", "hdr", "lora", "seo"]);

/** "negative_prompt" or "Negative Prompt" → "Negative prompt"; "cfg_scale" → "CFG scale". */
export function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim().split(/\s+/).filter(Boolean);
  const shown = words.map((w, i) => {
    const lower = w.toLowerCase();
    if (INITIALISMS.has(lower)) return lower === "urls" ? "URLs" : lower.toUpperCase();
    // Keep words someone wrote in capitals or mixed case on purpose ("4K", "MiniMax").
    if (w !== w[0]?.toUpperCase() + w.slice(1).toLowerCase() && w !== lower) return w;
    return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
  return shown.join(" ");
}

/**
 * A label from fal's `title`, which pydantic usually generates from the field name ("Negative Prompt"); a
 * generated one is sentence-cased like the curated labels, a written one is kept.
 */
export function labelOf(name: string, title: string | undefined): string {
  const t = title?.trim();
  if (!t) return humanise(name);
  const generated = t.toLowerCase() === name.replace(/_/g, " ").toLowerCase();
  return generated ? humanise(name) : t;
}

const HELP_LIMIT = 160;

/** fal's description in one short line: whitespace collapsed, cut at a sentence end or at ~160 chars. */
export function shortHelp(description: string | undefined): string | undefined {
  const text = description?.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  if (text.length <= HELP_LIMIT) return text;
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let out = "";
  for (const s of sentences) {
    if ((out + s).trim().length > HELP_LIMIT) break;
    out += s;
  }
  if (out.trim()) return out.trim();
  return `${text.slice(0, HELP_LIMIT - 1).replace(/\s+\S*$/, "")}…`;
}

/** `'5' or '10'`, `3, 4 or 5`: values as a person reads them (strings quoted, as fal's own messages do). */
export function listValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === "string" ? `'${v}'` : String(v)));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

/** "Reelflow cannot give it a list of objects": what kind of value a field holds, in words. */
export function valueWords(schema: Record<string, unknown>): string {
  const type = schema.type;
  if (type === "array") return "a list";
  if (type === "object" || schema.properties !== undefined || schema.$ref !== undefined) return "an object";
  if (schema.anyOf !== undefined || schema.oneOf !== undefined) return "a value of several possible forms";
  if (typeof type === "string") return `a ${type}`;
  return "a value of an unstated type";
}
