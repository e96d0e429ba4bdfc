import { createStore } from "zustand/vanilla";

/** Whether the Compare dialog is open; it shows the takes in `compareSelection`. */
export const compareDialog = createStore<{ open: boolean }>()(() => ({ open: false }));

export const openCompare = (): void => compareDialog.setState({ open: true });
export const closeCompare = (): void => compareDialog.setState({ open: false });
