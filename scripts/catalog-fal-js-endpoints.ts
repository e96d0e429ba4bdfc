import ts from "typescript";
import type { TypeTable } from "./catalog-ts-schema";

/** One row of fal-js's `EndpointTypeMap`: an endpoint id and the names of its input and output types. */
export interface FalJsEndpoint {
  id: string;
  input: string;
  output: string;
}

/** Reads `export type EndpointTypeMap = { "<id>": { input: X; output: Y }; … }`, sorted by id. */
export function readEndpointMap(table: TypeTable): FalJsEndpoint[] {
  const map = table.declarations.get("EndpointTypeMap");
  if (!map || !ts.isTypeNode(map) || !ts.isTypeLiteralNode(map)) {
    throw new Error("The file declares no EndpointTypeMap: is it fal-js's src/types/endpoints.d.ts?");
  }
  const endpoints = map.members.flatMap((member) => {
    if (!ts.isPropertySignature(member) || !ts.isStringLiteral(member.name) || !member.type) return [];
    if (!ts.isTypeLiteralNode(member.type)) return [];
    const input = typeNameOf(member.type, "input");
    const output = typeNameOf(member.type, "output");
    return input && output ? [{ id: member.name.text, input, output }] : [];
  });
  return endpoints.sort((a, b) => compareIds(a.id, b.id));
}

function typeNameOf(entry: ts.TypeLiteralNode, field: "input" | "output"): string | undefined {
  for (const member of entry.members) {
    if (!ts.isPropertySignature(member) || !member.type || member.name.getText() !== field) continue;
    if (ts.isTypeReferenceNode(member.type)) return member.type.typeName.getText();
  }
  return undefined;
}

/** Code-unit order, the same on every machine and locale (so the snapshot's diffs stay readable). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
