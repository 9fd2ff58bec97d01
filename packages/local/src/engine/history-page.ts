import { invalidParameter } from "../errors.js";
import { withoutExecutionData } from "../history.js";
import type { ExecutionRecord, HistoryEvent, Store } from "../store/store.js";
import { decodeMarker, encodeMarker } from "./state-view.js";

export interface HistoryQuery {
  /** 0 or absent = 100; at most 1000. */
  maxItems?: number;
  marker?: string;
  /** false (default) = oldest first. */
  reverseOrder?: boolean;
  /** false = leave payloads out (the wrappers stay). */
  includeExecutionData?: boolean;
}

export interface HistoryPage {
  Events: HistoryEvent[];
  NextMarker?: string;
}

/**
 * One page of an execution's history (SERVICE.md §2.4). The marker is the EventId the previous page ended at, so a
 * page costs O(page) whatever the history's length.
 *
 * @example
 * ```ts
 * const first = readHistoryPage(store, record, { maxItems: 50 });
 * const next = readHistoryPage(store, record, { maxItems: 50, marker: first.NextMarker });
 * ```
 */
export function readHistoryPage(store: Store, record: ExecutionRecord, query: HistoryQuery): HistoryPage {
  const size = query.maxItems === undefined || query.maxItems === 0 ? 100 : query.maxItems;
  if (!Number.isInteger(size) || size < 0 || size > 1000)
    throw invalidParameter(`MaxItems must be an integer in 0..1000`);
  const reverse = query.reverseOrder === true;
  const cursor = query.marker === undefined ? undefined : decodeMarker(query.marker);
  const events = store.readEvents(record.arn, {
    ...(cursor === undefined ? {} : { afterId: cursor }),
    limit: size,
    reverse,
  });
  const last = events[events.length - 1];
  const more = last !== undefined && (reverse ? last.EventId > 1 : last.EventId < record.eventCount);
  const shaped = query.includeExecutionData === false ? events.map(withoutExecutionData) : events;
  return more && last ? { Events: shaped, NextMarker: encodeMarker(last.EventId) } : { Events: shaped };
}
