/** The browser's one IndexedDB database (its own file so the start reader can name it without loading Dexie). */
export const DB_NAME = "reelflow";
