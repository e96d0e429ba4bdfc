/** The side panels the toolbar opens (one at a time). */
export type Panel = "settings" | "logs" | "examples" | "bill" | "spend" | "workflows" | "storage" | null;
export type PanelName = Exclude<Panel, null>;

/**
 * A panel's toolbar action. "bar": a button in the toolbar on a wide screen, an item of the More actions menu on a
 * narrower one (theme.css `.in-bar-wide` switches both); "menu": less used, always in the menu.
 */
export interface PanelAction {
  label: string;
  title: string;
  place: "bar" | "menu";
}

/** Every panel has one (the type says so); the menu lists them in this order. */
export const PANEL_ACTIONS: { readonly [P in PanelName]: PanelAction } = {
  workflows: { label: "Workflows", title: "Your workflows, bundles and share links", place: "bar" },
  examples: { label: "Examples", title: "Example workflows to open", place: "bar" },
  bill: { label: "Bill", title: "What a run would pay, node by node, before anything is sent", place: "bar" },
  spend: { label: "Spend", title: "Spend ledger, totals and budgets", place: "menu" },
  storage: { label: "Storage", title: "Space used, persistence, and stored results to clean up", place: "menu" },
  logs: { label: "Logs", title: "What each job said", place: "menu" },
  settings: { label: "Settings", title: "Mode, proxy, models and budget", place: "bar" },
};
