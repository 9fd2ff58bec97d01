// Operation ids (SDK.md §2): raw ids are per-context counters joined by "-"; the wire id is the first 16 hex
// characters of MD5(raw id). Names never enter ids.
import { md5Hex16 } from "./md5.js";

/**
 * Wire ids by raw id, shared by every invocation in the process: raw ids repeat ("1", "2", "2-1", …) across
 * replays and executions, so a warm process hashes each once. Bounded: cleared when full.
 */
const wireIds = new Map<string, string>();
const MAX_CACHED_IDS = 16_384;

/**
 * Wire id of a raw operation id.
 *
 * @example
 * hashOperationId("1"); // "c4ca4238a0b92382"
 */
export function hashOperationId(rawId: string): string {
  let id = wireIds.get(rawId);
  if (id === undefined) {
    if (wireIds.size >= MAX_CACHED_IDS) wireIds.clear();
    id = md5Hex16(rawId);
    wireIds.set(rawId, id);
  }
  return id;
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
