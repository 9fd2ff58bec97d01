// Operation ids (SDK.md §2): raw ids are per-context counters joined by "-"; the wire id is the first 16 hex
// characters of MD5(raw id). Names never enter ids.
import { md5Hex16 } from "./md5.js";

/**
 * Wire id of a raw operation id.
 *
 * @example
 * hashOperationId("1"); // "c4ca4238a0b92382"
 */
export function hashOperationId(rawId: string): string {
  return md5Hex16(rawId);
}

/**
 * Raw id of the `counter`-th operation of a context whose own raw id is `parentRawId` (undefined for the root).
 *
 * @example
 * childRawId(undefined, 2); // "2"
 * childRawId("2-1", 3);     // "2-1-3"
 */
export function childRawId(parentRawId: string | undefined, counter: number): string {
  return parentRawId === undefined ? String(counter) : `${parentRawId}-${counter}`;
}
