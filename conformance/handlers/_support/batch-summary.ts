// Several batch requirements return the same projection of a BatchResult; each picks the fields it asserts.
import type { BatchResult, CompletionReason } from "durable-lambda";

/** The counters and outcome of a map or parallel operation, as plain JSON. */
export interface BatchSummary {
  completionReason: CompletionReason;
  status: string;
  successCount: number;
  failureCount: number;
  totalCount: number;
}

/**
 * Projects a batch result onto its outcome and counters.
 *
 * @example
 * const { completionReason, successCount } = summarizeBatch(await context.map(items, fn));
 */
export function summarizeBatch<T>(result: BatchResult<T>): BatchSummary {
  return {
    completionReason: result.completionReason,
    status: result.status,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
}
