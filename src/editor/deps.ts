import { checkConnection } from "../nodes/connect";
import { defaultAdapter, findAdapter, getDefinition } from "../nodes/registry";
import type { EditorDeps } from "./types";

/** The editor's view of node kinds, models and connection rules: the built-in registry. */
export const defaultEditorDeps: EditorDeps = {
  getDefinition: (kind) => getDefinition(kind),
  findAdapter: (endpoint) => findAdapter(endpoint),
  defaultAdapter: (kind) => defaultAdapter(kind),
  checkConnection: (workflow, req) => checkConnection(workflow, req),
};
