import { invalidParameter } from "../errors.js";
import type { OperationRecord } from "../wire.js";
import type { ExecutionState } from "./execution-state.js";

/**
 * One page of the operations a function sees (SERVICE.md §11): start order, with the descendants of a SUCCEEDED or
 * FAILED CONTEXT left out unless it has ReplayChildren. Parents start before children, so one forward pass decides,
 * and it stops as soon as the page is full — the first page costs O(page), not O(operations).
 */
export function visiblePage(
  state: ExecutionState,
  marker: string | undefined,
  size: number,
): { items: OperationRecord[]; nextMarker?: string } {
  const start = marker === undefined ? 0 : decodeMarker(marker);
  const hidden = new Set<string>();
  const items: OperationRecord[] = [];
  let visibleIndex = 0;
  for (const id of state.order) {
    const op = state.rows.get(id)?.op;
    if (op === undefined) continue;
    if (op.ParentId !== undefined) {
      const parent = state.rows.get(op.ParentId)?.op;
      const parentClosed =
        parent !== undefined &&
        (parent.Status === "SUCCEEDED" || parent.Status === "FAILED") &&
        parent.ContextDetails?.ReplayChildren !== true;
      if (hidden.has(op.ParentId) || parentClosed) {
        hidden.add(op.Id);
        continue;
      }
    }
    if (visibleIndex >= start) {
      if (items.length === size) return { items, nextMarker: encodeMarker(visibleIndex) };
      items.push(op);
    }
    visibleIndex++;
  }
  return { items };
}

/** One page of a list and the opaque marker of the next one. */
export function page<T>(
  items: T[],
  marker: string | undefined,
  size: number,
): { items: T[]; nextMarker?: string } {
  const start = marker === undefined ? 0 : decodeMarker(marker);
  const end = start + size;
  const slice = items.slice(start, end);
  return end < items.length ? { items: slice, nextMarker: encodeMarker(end) } : { items: slice };
}

export function encodeMarker(offset: number): string {
  return Buffer.from(`o:${offset}`, "utf8").toString("base64");
}

/** Decodes a marker made by `encodeMarker`; anything else is an InvalidParameterValue. */
export function decodeMarker(marker: string): number {
  const text = Buffer.from(marker, "base64").toString("utf8");
  const match = /^o:(\d{1,9})$/.exec(text);
  if (match === null)
    throw invalidParameter(
      `Invalid Marker: ${JSON.stringify(marker.slice(0, 64))} was not issued by this service`,
    );
  return Number(match[1]);
}
