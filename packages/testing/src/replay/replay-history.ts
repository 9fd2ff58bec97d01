import type { RecordedOperation } from "../history/history-event.js";
import { readRecordedExecution, type RecordedExecution } from "../history/read-recorded-execution.js";
import { runOnMock, type DurableFunction } from "../mock/run-on-mock.js";
import { describeOperation, HistoryRecordSource } from "./history-record-source.js";
import { ReplayDivergenceError, type ReplayDivergence } from "./replay-divergence.js";

/** Options of {@link replayHistory}. */
export interface ReplayOptions<TEvent> {
  /** The handler's input; default: the recorded execution input (JSON-parsed), `{}` when absent. */
  event?: TEvent;
}

/** What replaying a recorded execution against the current code found. */
export interface ReplayReport {
  /** True when the current code replays the recording without a divergence. */
  compatible: boolean;
  /** The first divergence, when not compatible. */
  divergence?: ReplayDivergence;
  /**
   * How the replay ended: SUCCEEDED/FAILED = the handler returned/threw using recorded outcomes only; PENDING =
   * it reached the end of the recording (an in-flight execution's frontier).
   */
  status: "SUCCEEDED" | "FAILED" | "PENDING";
  /** What the handler threw during the replay (not a divergence: e.g. a recorded failure it rethrows). */
  error?: Error;
  /** Number of operations the current code called that matched a record. */
  matched: number;
}

function inputOf(operations: readonly RecordedOperation[]): unknown {
  const payload = operations.find((op) => op.Type === "EXECUTION")?.ExecutionDetails?.InputPayload;
  if (payload === undefined || payload === "") return {};
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

function isRecorded(value: unknown): value is RecordedExecution {
  return (
    value !== null && typeof value === "object" && Array.isArray((value as RecordedExecution).operations)
  );
}

/**
 * Replays a recorded execution — a history exported by `durable history --json` / GetDurableExecutionHistory, or an
 * Operations list from GetDurableExecutionState — against the current durable function, without a service and
 * without running anything the recording did not finish. Reports the first non-determinism with both sides and
 * the call site: a renamed, removed, reordered or inserted operation, or one whose type changed. Use it in CI on
 * histories of in-flight executions before deploying.
 *
 * @example
 * ```ts
 * const report = await replayHistory(orderWorkflow, readFileSync("fixtures/order-history.json", "utf8"));
 * if (!report.compatible) console.error(report.divergence?.message);
 * ```
 */
export async function replayHistory<TEvent>(
  handler: DurableFunction<TEvent, unknown>,
  recording: string | object | RecordedExecution,
  options: ReplayOptions<TEvent> = {},
): Promise<ReplayReport> {
  const recorded = isRecorded(recording) ? recording : readRecordedExecution(recording);
  const source = new HistoryRecordSource(recorded.operations);
  const event = (options.event ?? inputOf(recorded.operations)) as TEvent;
  const outcome = await runOnMock(handler, event, { source, waitsElapse: false });
  const matched = source.matched;
  if (outcome.faulted && outcome.error instanceof ReplayDivergenceError) {
    return { compatible: false, divergence: outcome.error.divergence, status: "FAILED", matched };
  }
  if (outcome.faulted) throw outcome.error ?? new Error("replay stopped");
  const report: ReplayReport = {
    compatible: true,
    status: outcome.status,
    matched,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
  };
  // Operations removed from the end are invisible to the SDK's check; a finished replay can still see them.
  if (outcome.status !== "PENDING") {
    const missing = source.unvisited(outcome.enteredContexts)[0];
    if (missing !== undefined) {
      const recordedSide = {
        id: missing.Id,
        type: missing.Type,
        ...(missing.SubType !== undefined ? { subType: missing.SubType } : {}),
        ...(missing.Name !== undefined ? { name: missing.Name } : {}),
      };
      return {
        ...report,
        compatible: false,
        divergence: {
          kind: "missing",
          path: missing.ParentId === undefined ? "(root)" : `context ${missing.ParentId}`,
          recorded: recordedSide,
          message:
            `Non-deterministic replay: recorded ${describeOperation(recordedSide)} (id ${missing.Id}) was not called by the ` +
            `current code, which ${outcome.status === "SUCCEEDED" ? "returned" : "threw"} without reaching it`,
        },
      };
    }
  }
  return report;
}

/**
 * Like {@link replayHistory}, but throws a {@link ReplayDivergenceError} on the first divergence — for a one-line
 * CI check in any test framework.
 *
 * @example
 * ```ts
 * it("replays in-flight order executions", async () => {
 *   await assertReplayCompatible(orderWorkflow, readFileSync("fixtures/order-history.json", "utf8"));
 * });
 * ```
 */
export async function assertReplayCompatible<TEvent>(
  handler: DurableFunction<TEvent, unknown>,
  recording: string | object | RecordedExecution,
  options: ReplayOptions<TEvent> = {},
): Promise<ReplayReport> {
  const report = await replayHistory(handler, recording, options);
  if (report.divergence !== undefined) throw new ReplayDivergenceError(report.divergence);
  return report;
}
