/** "$2.40": how the app writes a price (see bill.ts; apart so views need not load the bill code). */
export const formatUsd = (v: number): string => `$${v.toFixed(2)}`;
