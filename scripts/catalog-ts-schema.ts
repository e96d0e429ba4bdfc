import ts from "typescript";

/**
 * Turns the type declarations of fal-js `endpoints.d.ts` into JSON Schema (the OpenAPI 3.0 dialect fal's own
 * documents use). Syntax only, no type checker: the file is a flat list of `export type X = …` declarations,
 * so a name table is all the resolution needed. What fal-js cannot say (bounds, integer vs number, examples) is
 * left out rather than guessed.
 */

export type JsonSchema = { [key: string]: unknown };

/** A type that has no JSON Schema form here (a function, a conditional type, an undeclared name…). */
export class UnconvertibleType extends Error {
  override readonly name = "UnconvertibleType";
}

/** The declarations of one .d.ts file: every type alias (and interface) by name. */
export interface TypeTable {
  readonly declarations: ReadonlyMap<string, ts.TypeNode | ts.InterfaceDeclaration>;
  readonly source: ts.SourceFile;
}

export function readTypeTable(fileName: string, text: string): TypeTable {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declarations = new Map<string, ts.TypeNode | ts.InterfaceDeclaration>();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement)) declarations.set(statement.name.text, statement.type);
    else if (ts.isInterfaceDeclaration(statement)) declarations.set(statement.name.text, statement);
  }
  return { declarations, source };
}

/** Description and default of a property, read from its JSDoc ("… Default value: `"16:9"`"). */
interface PropertyDoc {
  description?: string;
  /** The text between the backticks, as written (usually JSON; sometimes a bare word such as `square_hd`). */
  rawDefault?: string;
}

const DEFAULT_MARK = /\s*Default value:\s*`([\s\S]*?)`\s*$/;
/** fal's documents keep descriptions whole; the snapshot trims long ones so the bundled file stays small. */
export const MAX_DESCRIPTION = 200;

function docOf(member: ts.Node): PropertyDoc {
  // The raw comment, not the parsed one: fal-js descriptions mention "@Image1" and the like, which the JSDoc
  // parser would take for tags and cut the description at.
  const text = ts
    .getJSDocCommentsAndTags(member)
    .filter(ts.isJSDoc)
    .map((doc) => commentText(doc.getText()))
    .join("\n")
    .trim();
  const match = DEFAULT_MARK.exec(text);
  const description = (match ? text.slice(0, match.index) : text).trim();
  const doc: PropertyDoc = {};
  if (description) doc.description = shorten(description);
  if (match?.[1] !== undefined) doc.rawDefault = match[1];
  return doc;
}

function commentText(raw: string): string {
  return raw
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n");
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length <= MAX_DESCRIPTION ? oneLine : `${oneLine.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…`;
}

/**
 * The default as a value the field accepts: fal-js writes JSON inside the backticks, except for some bare
 * words (`square_hd`) and a few numbers given to string enums. A default the field would refuse is dropped
 * rather than guessed at.
 */
export function defaultFor(raw: string, schema: JsonSchema): { value: unknown } | undefined {
  const candidates: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(raw);
    candidates.push(parsed);
    if (typeof parsed === "number" || typeof parsed === "boolean") candidates.push(String(parsed));
  } catch {
    candidates.push(/^".*"$/s.test(raw) ? raw.slice(1, -1) : raw);
  }
  const value = candidates.find((candidate) => accepts(schema, candidate));
  return value === undefined ? undefined : { value };
}

function accepts(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).some((option) => accepts(option, value));
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  if (schema.$ref) return typeof value === "object" && value !== null;
  switch (schema.type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return true; // unknown / any
  }
}

/** `aspect_ratio` → "Aspect Ratio", the title fal's documents give a field. */
export function titleOf(name: string): string {
  return name
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  throw new UnconvertibleType(`a computed property name (${name.getText()}) has no JSON form`);
}

/**
 * Converts type nodes to schemas, collecting every named object type it meets into `components` (referenced
 * with `$ref`, as fal does for File, VideoFile, Image…). One writer per OpenAPI document.
 */
export class SchemaWriter {
  readonly components: Record<string, JsonSchema> = {};

  constructor(private readonly table: TypeTable) {}

  /** The object schema of a declared type, for a document's `<Name>Input` / `<Name>Output` component. */
  objectOf(typeName: string): JsonSchema {
    const resolved = this.resolve(typeName);
    if (!resolved || !isObjectDeclaration(resolved.node)) {
      throw new UnconvertibleType(`${typeName} is not an object type`);
    }
    return this.objectSchema(resolved.node, resolved.name);
  }

  /** The fields of a declared object type, with whether each is required (to tell a model's kind first). */
  fieldsOf(typeName: string): { name: string; required: boolean }[] {
    const resolved = this.resolve(typeName);
    if (!resolved || !isObjectDeclaration(resolved.node)) return [];
    return membersOf(resolved.node)
      .filter(ts.isPropertySignature)
      .map((member) => ({ name: propertyName(member.name), required: !member.questionToken }));
  }

  schemaOf(node: ts.TypeNode): JsonSchema {
    if (ts.isParenthesizedTypeNode(node)) return this.schemaOf(node.type);
    if (ts.isUnionTypeNode(node)) return this.unionSchema(node.types);
    if (ts.isLiteralTypeNode(node)) return this.unionSchema([node]);
    if (ts.isArrayTypeNode(node)) return { type: "array", items: this.schemaOf(node.elementType) };
    if (ts.isTypeLiteralNode(node)) return this.objectSchema(node);
    if (ts.isIntersectionTypeNode(node)) return { allOf: node.types.map((part) => this.schemaOf(part)) };
    if (ts.isTypeReferenceNode(node)) return this.referenceSchema(node);
    return keywordSchema(node);
  }

  private referenceSchema(node: ts.TypeReferenceNode): JsonSchema {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (name === "Array" && args[0]) return { type: "array", items: this.schemaOf(args[0]) };
    if (name === "Record" && args[1]) return { type: "object", additionalProperties: this.schemaOf(args[1]) };
    const resolved = this.resolve(name);
    if (!resolved) throw new UnconvertibleType(`the type ${name} is not declared in the file`);
    if (!isObjectDeclaration(resolved.node)) return this.schemaOf(resolved.node);
    this.addComponent(resolved.name, resolved.node);
    return { $ref: `#/components/schemas/${resolved.name}` };
  }

  private addComponent(name: string, node: ts.TypeLiteralNode | ts.InterfaceDeclaration): void {
    if (this.components[name]) return;
    this.components[name] = {}; // placeholder first, so a type that refers to itself ends
    this.components[name] = this.objectSchema(node, name);
  }

  /** Follows `type A = B` chains to the declaration that says something. */
  private resolve(name: string): { name: string; node: ts.TypeNode | ts.InterfaceDeclaration } | undefined {
    const seen = new Set<string>();
    let current = name;
    for (;;) {
      const node = this.table.declarations.get(current);
      if (!node || seen.has(current)) return undefined;
      seen.add(current);
      if (ts.isTypeNode(node) && ts.isTypeReferenceNode(node) && !node.typeArguments) {
        const next = node.typeName.getText();
        if (this.table.declarations.has(next)) {
          current = next;
          continue;
        }
      }
      return { name: current, node };
    }
  }

  private objectSchema(node: ts.TypeLiteralNode | ts.InterfaceDeclaration, title?: string): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const member of membersOf(node)) {
      if (ts.isIndexSignatureDeclaration(member)) continue; // fal-js has none on request/response types
      if (!ts.isPropertySignature(member) || !member.type) {
        throw new UnconvertibleType(`a member of ${title ?? "an inline object"} is not a plain property`);
      }
      const name = propertyName(member.name);
      properties[name] = this.propertySchema(name, member);
      if (!member.questionToken) required.push(name);
    }
    const schema: JsonSchema = { type: "object" };
    if (title) schema.title = title;
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
    schema["x-fal-order-properties"] = orderOf(Object.keys(properties), required);
    return schema;
  }

  private propertySchema(name: string, member: ts.PropertySignature): JsonSchema {
    const doc = docOf(member);
    const schema: JsonSchema = { title: titleOf(name), ...this.schemaOf(member.type as ts.TypeNode) };
    if (doc.description) schema.description = doc.description;
    const found = doc.rawDefault === undefined ? undefined : defaultFor(doc.rawDefault, schema);
    if (found) schema.default = found.value;
    return schema;
  }

  /**
   * A union: `string | Blob | File` is a file field (a URL string on the wire); string or number literals
   * are an enum; `| null` makes it nullable the way newer fal documents say it (`anyOf` with `{type:"null"}`).
   */
  private unionSchema(members: readonly ts.TypeNode[]): JsonSchema {
    const parts = members.filter((member) => !isKeyword(member, ts.SyntaxKind.UndefinedKeyword));
    const nullable = parts.some(isNullType);
    const rest = parts.filter((member) => !isNullType(member));
    const isFile = rest.some((member) => isNamed(member, "Blob"));
    const schemas = isFile ? [{ type: "string" }] : this.groupedSchemas(rest);
    const options = nullable ? [...schemas, { type: "null" }] : schemas;
    if (options.length === 0) throw new UnconvertibleType("an empty union has no JSON form");
    return options.length === 1 ? (options[0] as JsonSchema) : { anyOf: options };
  }

  private groupedSchemas(members: readonly ts.TypeNode[]): JsonSchema[] {
    const strings: string[] = [];
    const numbers: number[] = [];
    const booleans = new Set<boolean>();
    const others: JsonSchema[] = [];
    for (const member of members) {
      const literal = literalOf(member);
      if (typeof literal === "string") strings.push(literal);
      else if (typeof literal === "number") numbers.push(literal);
      else if (typeof literal === "boolean") booleans.add(literal);
      else others.push(this.schemaOf(member));
    }
    const schemas: JsonSchema[] = [...others];
    if (strings.length > 0) schemas.push({ type: "string", enum: strings });
    if (numbers.length > 0) {
      schemas.push({ type: numbers.every(Number.isInteger) ? "integer" : "number", enum: numbers });
    }
    if (booleans.size === 2) schemas.push({ type: "boolean" });
    else if (booleans.size === 1) schemas.push({ type: "boolean", enum: [...booleans] });
    return schemas;
  }
}

/** Required fields first, then the rest, each group in fal-js's (alphabetical) order: fal-js keeps no other. */
function orderOf(names: readonly string[], required: readonly string[]): string[] {
  return [...required, ...names.filter((name) => !required.includes(name))];
}

function membersOf(node: ts.TypeLiteralNode | ts.InterfaceDeclaration): readonly ts.TypeElement[] {
  return node.members;
}

function isObjectDeclaration(
  node: ts.TypeNode | ts.InterfaceDeclaration,
): node is ts.TypeLiteralNode | ts.InterfaceDeclaration {
  return ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node);
}

function keywordSchema(node: ts.TypeNode): JsonSchema {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { type: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.VoidKeyword: // fal-js writes `Array<void>` for lists of untyped items
      return {};
    case ts.SyntaxKind.ObjectKeyword:
      return { type: "object" };
    default:
      throw new UnconvertibleType(`the type ${node.getText()} has no JSON form`);
  }
}

function literalOf(node: ts.TypeNode): string | number | boolean | undefined {
  if (!ts.isLiteralTypeNode(node)) return undefined;
  const literal = node.literal;
  if (ts.isStringLiteral(literal)) return literal.text;
  if (ts.isNumericLiteral(literal)) return Number(literal.text);
  if (ts.isPrefixUnaryExpression(literal) && literal.operator === ts.SyntaxKind.MinusToken) {
    return ts.isNumericLiteral(literal.operand) ? -Number(literal.operand.text) : undefined;
  }
  if (literal.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (literal.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function isNullType(node: ts.TypeNode): boolean {
  return ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword;
}

function isKeyword(node: ts.TypeNode, kind: ts.SyntaxKind): boolean {
  return node.kind === kind;
}

function isNamed(node: ts.TypeNode, name: string): boolean {
  return ts.isTypeReferenceNode(node) && node.typeName.getText() === name;
}
