// Public surface of @durable-lambda/testing. Every export is deliberate.

// In-process runner on the local service's engine (virtual time, in-memory store).
export { DurableTestRunner } from "./runner/durable-test-runner.js";
export type { DurableTestRunnerOptions, PlainTarget, StartOptions } from "./runner/durable-test-runner.js";
export { TestExecution, ExecutionWaitError } from "./runner/test-execution.js";
export type { CallbackTarget } from "./runner/test-execution.js";
export type { TestRunResult, TestExecutionStatus } from "./runner/test-run-result.js";

// Mock context for unit tests without a service.
export { MockDurableContext } from "./mock/mock-durable-context.js";
export type { MockDurableContextOptions, MockRunResult } from "./mock/mock-durable-context.js";
export { MockPreloadError } from "./mock/preload-source.js";
export type { PreloadTarget, PreloadKind } from "./mock/preload-source.js";
export type { InvokeTarget, MockLogRecord } from "./mock/mock-execution.js";
export type { DurableFunction } from "./mock/run-on-mock.js";

// Replay of recorded executions against the current code.
export { replayHistory, assertReplayCompatible } from "./replay/replay-history.js";
export type { ReplayOptions, ReplayReport } from "./replay/replay-history.js";
export { ReplayDivergenceError } from "./replay/replay-divergence.js";
export type { ReplayDivergence, OperationIdentity } from "./replay/replay-divergence.js";

// Recorded executions (history JSON, operation lists).
export { readRecordedExecution } from "./history/read-recorded-execution.js";
export type { RecordedExecution } from "./history/read-recorded-execution.js";
export { operationsFromEvents } from "./history/operations-from-events.js";
export { HistoryFormatError } from "./history/history-format-error.js";
export type {
  HistoryEvent,
  RecordedError,
  RecordedOperation,
  RecordedOperationStatus,
  RecordedOperationType,
} from "./history/history-event.js";

// Operations as tests see them.
export type { TestOperation } from "./operations/test-operation.js";
export { findOperation, tryFindOperation, OperationNotFoundError } from "./operations/find-operation.js";
export type { OperationSelector } from "./operations/find-operation.js";

// Framework-neutral assertions.
export { assertHistory } from "./assertions/assert-history.js";
export type { ExpectedEvent, HistorySource } from "./assertions/assert-history.js";
export { assertOperations } from "./assertions/assert-operations.js";
export type { ExpectedOperation, OperationSource } from "./assertions/assert-operations.js";
export { assertCheckpoints } from "./assertions/assert-checkpoints.js";
export type { ExpectedUpdate } from "./assertions/assert-checkpoints.js";
export type { SequenceOptions } from "./assertions/assert-sequence.js";
export { DurableAssertionError } from "./assertions/durable-assertion-error.js";
