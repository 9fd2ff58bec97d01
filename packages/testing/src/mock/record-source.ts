import type { ErrorObject } from "durable-lambda";

/** An operation the handler just called, as the mock numbered it. */
export interface OperationCall {
  /** Raw id: `"3"`, `"2-1"`. */
  rawId: string;
  /** Wire id (MD5 prefix of the raw id). */
  id: string;
  parentId?: string;
  type: "CONTEXT" | "STEP" | "WAIT" | "CALLBACK" | "CHAINED_INVOKE";
  subType: string;
  name?: string;
  /** Where the handler called it (formatted on first read). */
  readonly callSite?: string;
  /** The CONTEXT operation it was called in (undefined at the root). */
  parent?: OperationCall;
}

/** What a previous run (a recording, or a test's preload) says about an operation. */
export type RecordedOutcome =
  | { status: "SUCCEEDED"; payload?: string; replayChildren?: boolean }
  | { status: "FAILED" | "TIMED_OUT" | "STOPPED" | "CANCELLED"; error: ErrorObject }
  /** Started but not finished (waiting, retry scheduled, or a context to enter again). */
  | { status: "STARTED"; payload?: string; callbackId?: string };

/**
 * Where the mock context gets recorded outcomes from: the preloads of a unit test, or the records of a recorded
 * execution (replay test). Lookups are by the call's identity and O(1).
 */
export interface RecordSource {
  /** The outcome recorded for this call; undefined = nothing recorded (run it live, or stop at the frontier). */
  lookup(call: OperationCall): RecordedOutcome | undefined;
  /** True: calls without a record run live (unit tests). False: they block, as at a replay's frontier. */
  readonly runsLive: boolean;
}
