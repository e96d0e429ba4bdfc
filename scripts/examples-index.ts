// Writes into public/examples/index.json what the Examples list needs of each example without reading its file:
// the endpoints its generation nodes run (src/nodes/workflow-endpoints.ts), so the list can mark the examples on
// a retired model. Run after adding or changing an example: `npm run examples:index`
// (tests/examples/examples.test.ts fails while the index and the files disagree).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseWorkflowText } from "../src/domain/parse";
import { endpointsOf } from "../src/nodes/workflow-endpoints";

const dir = join(import.meta.dirname, "..", "public", "examples");
const indexPath = join(dir, "index.json");
const index = JSON.parse(readFileSync(indexPath, "utf8")) as { examples: { file: string; endpoints?: string[] }[] };

for (const entry of index.examples) {
  const parsed = parseWorkflowText(readFileSync(join(dir, entry.file), "utf8"));
  if (!parsed.ok) throw new Error(`${entry.file}: ${parsed.errors.join("; ")}`);
  entry.endpoints = endpointsOf(parsed.workflow);
}
writeFileSync(indexPath, `${oneLineStringLists(JSON.stringify(index, null, 2))}\n`);
console.log(`${indexPath}: endpoints of ${index.examples.length} examples written`);

/** Lists of strings on one line each (`"endpoints": ["a", "b"]`): a change of model is a one-line diff. */
function oneLineStringLists(json: string): string {
  return json.replace(
    /\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g,
    (_all, items: string) => `[${items.split(/,\n\s+/).join(", ")}]`,
  );
}
