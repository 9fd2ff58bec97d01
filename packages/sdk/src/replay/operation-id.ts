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

/**
 * The raw and wire ids of one context's operations, by counter. Shared, per context raw id, by every invocation in
 * the process, so a warm process hashes each id once; an array read by counter instead of a Map lookup keyed by a
 * fresh string keeps the cost flat however many operations the execution has (a Map of thousands of ids misses the
 * CPU caches on every lookup).
 */
export class ContextIds {
  private readonly rawIds: string[] = [];
  private readonly wireIds: string[] = [];

  constructor(private readonly parentRawId: string | undefined) {}

  /** Raw id of the `counter`-th operation (see {@link childRawId}). */
  rawId(counter: number): string {
    let rawId = this.rawIds[counter];
    if (rawId === undefined) {
      rawId = childRawId(this.parentRawId, counter);
      if (cache(1)) this.rawIds[counter] = rawId;
    }
    return rawId;
  }

  /** Wire id of the `counter`-th operation. */
  id(counter: number): string {
    let id = this.wireIds[counter];
    if (id === undefined) {
      id = md5Hex16(this.rawId(counter));
      if (cache(1)) this.wireIds[counter] = id;
    }
    return id;
  }
}

/** ContextIds by context raw id ("" for the root); bounded with the ids they hold, cleared when full. */
const contexts = new Map<string, ContextIds>();
let cachedIds = 0;

/** Count `n` more cached ids; false once the process-wide budget is spent (the caller then does not cache). */
function cache(n: number): boolean {
  if (cachedIds + n > MAX_CACHED_IDS) return false;
  cachedIds += n;
  return true;
}

/**
 * The shared {@link ContextIds} of the context whose raw id is `rawId` (undefined for the root).
 *
 * @example
 * contextIds(undefined).id(1); // "c4ca4238a0b92382"
 */
export function contextIds(rawId: string | undefined): ContextIds {
  const key = rawId ?? "";
  let ids = contexts.get(key);
  if (ids === undefined) {
    // A full budget starts over; contexts already running keep their own arrays.
    if (cachedIds >= MAX_CACHED_IDS) {
      contexts.clear();
      cachedIds = 0;
    }
    ids = new ContextIds(rawId);
    contexts.set(key, ids);
    cachedIds++; // the entry itself counts, so contexts that run no operation cannot grow the map unbounded
  }
  return ids;
}
