import { useRef } from "react";
import type { ParamValue } from "../../../domain/workflow";

/** The same values in the same order (each a string, number or boolean, so compared as they are). */
export function sameValues(a: readonly ParamValue[], b: readonly ParamValue[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** `values` as the array first seen with these values: a value-equal array made on a later render is not new. */
export function useSameValues(values: ParamValue[]): ParamValue[] {
  const kept = useRef(values);
  if (!sameValues(kept.current, values)) kept.current = values;
  return kept.current;
}
