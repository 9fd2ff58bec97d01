import { invalidParameter } from "../errors.js";
import type { ExecutionRecord } from "../store/store.js";
import { page } from "./state-view.js";

export interface ListExecutionsQuery {
  /** Name, partial or full ARN (a qualifier in it wins over `qualifier`). */
  functionName: string;
  qualifier?: string;
  durableExecutionName?: string;
  statuses?: string[];
  startedAfterMs?: number;
  startedBeforeMs?: number;
  /** false (default) = newest first. */
  reverseOrder?: boolean;
  marker?: string;
  /** 1..1000, default 100. */
  maxItems?: number;
}

const EXECUTION_STATUSES = new Set(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"]);

/**
 * Filters, orders and pages one function's executions (SERVICE.md §2.5). `records` are in start order.
 *
 * @example
 * ```ts
 * selectExecutions(records, { functionName: "orders", statuses: ["RUNNING"], maxItems: 10 });
 * ```
 */
export function selectExecutions(
  records: ExecutionRecord[],
  query: ListExecutionsQuery,
): { DurableExecutions: ExecutionRecord[]; NextMarker?: string } {
  for (const status of query.statuses ?? []) {
    if (!EXECUTION_STATUSES.has(status)) {
      throw invalidParameter(
        `Statuses must be among ${[...EXECUTION_STATUSES].join("|")}, got ${JSON.stringify(status)}`,
      );
    }
  }
  const maxItems = query.maxItems ?? 100;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000)
    throw invalidParameter(`MaxItems must be an integer in 1..1000`);
  const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : undefined;
  const matching = records.filter(
    (r) =>
      (query.qualifier === undefined || r.version === query.qualifier) &&
      (query.durableExecutionName === undefined || r.name === query.durableExecutionName) &&
      (statuses === undefined || statuses.has(r.status)) &&
      (query.startedAfterMs === undefined || r.startMs >= query.startedAfterMs) &&
      (query.startedBeforeMs === undefined || r.startMs <= query.startedBeforeMs),
  );
  // Default: newest first; ReverseOrder=true: oldest first (the opposite of history).
  if (query.reverseOrder !== true) matching.reverse();
  const result = page(matching, query.marker, maxItems);
  return result.nextMarker === undefined
    ? { DurableExecutions: result.items }
    : { DurableExecutions: result.items, NextMarker: result.nextMarker };
}
