import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markPureComponents } from "../../scripts/react-flow-pure";

// The build marks React Flow's top-level component wraps pure so the unused ones (node resizer, public edge
// components) leave the first-load script (vite.config.ts). These read the React Flow that is installed.
const reactFlowModule = () => {
  const pkg = createRequire(import.meta.url).resolve("@xyflow/react/package.json");
  return readFileSync(join(pkg, "..", "dist", "esm", "index.js"), "utf8");
};

describe("React Flow's component wraps marked pure", () => {
  it("marks the wraps of the components the app does not use, as the installed React Flow writes them", () => {
    const marked = markPureComponents(reactFlowModule());
    expect(marked).toContain("const NodeResizeControl = /*#__PURE__*/ memo(ResizeControl);");
    expect(marked).toContain("const StepEdge = /*#__PURE__*/ createStepEdge({ isInternal: false });");
    expect(marked).toContain("const SimpleBezierEdge = /*#__PURE__*/ createSimpleBezierEdge({ isInternal: false });");
    expect(marked).toContain("const StoreContext = /*#__PURE__*/ createContext(null);");
  });

  it("leaves every other call alone: other functions, and wraps that are not at the top level", () => {
    const code = [
      "const warn = createDevWarn('React Flow');",
      "function f() {",
      "  const Inner = memo(X);",
      "}",
      "const Shown = memo(View);",
    ].join("\n");
    expect(markPureComponents(code)).toBe(code.replace("const Shown = memo(", "const Shown = /*#__PURE__*/ memo("));
  });
});
