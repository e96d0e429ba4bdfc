import type { Plugin } from "vite";

const REACT_FLOW_MODULE = /[\\/]@xyflow[\\/]react[\\/]dist[\\/]esm[\\/]index\.js$/;
const TOP_LEVEL_WRAP = /^((?:const|var) \w+ = )((?:memo|forwardRef|fixedForwardRef|createContext|create\w+Edge)\()/gm;

/** React Flow's module text with its top-level component wraps marked pure (see below). */
export const markPureComponents = (code: string): string => code.replace(TOP_LEVEL_WRAP, "$1/*#__PURE__*/ $2");

/**
 * React Flow's module builds its components at the top level (`const NodeResizeControl = memo(ResizeControl)`,
 * `const StepEdge = createStepEdge({ isInternal: false })`) without the pure marks bundlers read, so every one is
 * kept whether the app uses it or not: the node resizer (with its XYResizer), the public edge components.
 * These calls only wrap components (React's memo/forwardRef/createContext, React Flow's edge factories), so
 * marking them pure lets the unused ones go (2.6 kB gzip of the first-load script). A React Flow whose code no
 * longer reads like this is left as it is: the marks are then missing, nothing else changes.
 */
export function reactFlowPureComponents(): Plugin {
  return {
    name: "reelflow-react-flow-pure-components",
    apply: "build",
    transform(code, id) {
      return REACT_FLOW_MODULE.test(id) ? { code: markPureComponents(code), map: null } : null;
    },
  };
}
