import type { ExecutionRecord } from "../../src/store/store.js";

/** A RUNNING execution record for store and engine-part tests; `overrides` replace any field. */
export function executionRecord(arn: string, overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    arn,
    name: arn,
    functionName: "fn",
    version: "$LATEST",
    functionArn: "arn:fn",
    status: "RUNNING",
    startMs: 0,
    input: '{"a": 1}',
    executionOpId: "exec",
    retentionPeriodInDays: 14,
    eventCount: 0,
    opCount: 1,
    invocation: "idle",
    consecutiveFailures: 0,
    updatedIds: [],
    ...overrides,
  };
}
