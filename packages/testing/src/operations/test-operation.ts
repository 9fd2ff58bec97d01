import type {
  RecordedError,
  RecordedOperation,
  RecordedOperationStatus,
  RecordedOperationType,
} from "../history/history-event.js";

/**
 * An operation as the test kit shows it to tests: camel-cased, with payloads parsed. Produced by the runner
 * (from the service's records) and by the mock context (from what the handler did).
 */
export interface TestOperation {
  /** Wire id (16 hex characters of MD5 of the raw id). */
  id: string;
  parentId?: string;
  name?: string;
  type: RecordedOperationType;
  subType?: string;
  status: RecordedOperationStatus;
  /** Parsed JSON result (the raw string when it is not JSON); undefined when there is none. */
  result?: unknown;
  /** The stored error of a failed/timed-out/stopped operation. */
  error?: RecordedError;
  /** Steps: attempts completed so far. */
  attempt?: number;
  /** Callbacks: the service-generated id to answer. */
  callbackId?: string;
  /** Epoch milliseconds. */
  startTimestamp?: number;
  endTimestamp?: number;
}

/** Parses a stored payload: JSON when it is JSON, the raw string otherwise (callback results are raw bytes). */
export function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined || payload === "") return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

/** Converts a service operation record to the kit's view. */
export function toTestOperation(op: RecordedOperation): TestOperation {
  const details = op.StepDetails ?? op.CallbackDetails ?? op.ChainedInvokeDetails ?? op.ContextDetails;
  const view: TestOperation = { id: op.Id, type: op.Type, status: op.Status };
  if (op.ParentId !== undefined) view.parentId = op.ParentId;
  if (op.Name !== undefined) view.name = op.Name;
  if (op.SubType !== undefined) view.subType = op.SubType;
  const result = op.Type === "EXECUTION" ? undefined : details?.Result;
  if (result !== undefined) view.result = parsePayload(result);
  if (details?.Error !== undefined) view.error = details.Error;
  if (op.StepDetails?.Attempt !== undefined) view.attempt = op.StepDetails.Attempt;
  if (op.CallbackDetails?.CallbackId !== undefined) view.callbackId = op.CallbackDetails.CallbackId;
  if (op.StartTimestamp !== undefined) view.startTimestamp = op.StartTimestamp;
  if (op.EndTimestamp !== undefined) view.endTimestamp = op.EndTimestamp;
  return view;
}
