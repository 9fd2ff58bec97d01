import { invalidParameter } from "../errors.js";
import type { OperationRecord } from "../wire.js";
import type { ExecutionState } from "./execution-state.js";

/**
 * One page of the operations a function sees (SERVICE.md §11): start order, with the descendants of a SUCCEEDED or
 * FAILED CONTEXT left out unless it has ReplayChildren. The marker holds the start position (seq) of the next
 * page, so every page costs O(page × nesting depth), never a walk from the first operation.
 */
export function visiblePage(
  state: ExecutionState,
  marker: string | undefined,
  size: number,
): { items: OperationRecord[]; nextMarker?: string } {
  const start = marker === undefined ? 0 : decodeMarker(marker);
  const visibility = new Map<string, boolean>();
  const items: OperationRecord[] = [];
  for (let seq = start; seq < state.order.length; seq++) {
    const op = state.rows.get(state.order[seq] ?? "")?.op;
    if (op === undefined || !isVisible(state, op, visibility)) continue;
    if (items.length === size) return { items, nextMarker: encodeMarker(seq) };
    items.push(op);
  }
  return { items };
}

/**
 * Visible unless an ancestor is a closed CONTEXT without ReplayChildren (or is itself hidden). Walks up the
 * parents, remembering answers in `memo` so siblings on one page share the walk.
 */
function isVisible(state: ExecutionState, op: OperationRecord, memo: Map<string, boolean>): boolean {
  const parentId = op.ParentId;
  if (parentId === undefined) return true;
  const known = memo.get(parentId);
  if (known !== undefined) return known;
  const parent = state.rows.get(parentId)?.op;
  const visible =
    parent === undefined ||
    (!(
      (parent.Status === "SUCCEEDED" || parent.Status === "FAILED") &&
      parent.ContextDetails?.ReplayChildren !== true
    ) &&
      isVisible(state, parent, memo));
  memo.set(parentId, visible);
  return visible;
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
