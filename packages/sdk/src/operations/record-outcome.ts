// Reading a terminal record back: the stored value or the reconstructed error (SDK.md §5, §9.2).
import { DurableOperationError } from "../errors.js";
import type { ErrorObject, Operation, OperationStatus } from "../types/wire.js";

type TerminalStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED" | "CANCELLED";

const TERMINAL: ReadonlySet<OperationStatus | undefined> = new Set<OperationStatus | undefined>([
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "STOPPED",
  "CANCELLED",
]);

/** SUCCEEDED, FAILED, TIMED_OUT, STOPPED or CANCELLED. */
export function isTerminal(op: Operation | undefined): op is Operation & { Status: TerminalStatus } {
  return op !== undefined && TERMINAL.has(op.Status);
}

/** The stored error of any operation type. */
export function storedError(op: Operation): ErrorObject | undefined {
  return (
    op.StepDetails?.Error ??
    op.ContextDetails?.Error ??
    op.CallbackDetails?.Error ??
    op.ChainedInvokeDetails?.Error
  );
}

/** Rebuild the error a failed record stands for (a StepError when nothing was stored). */
export function reconstructError(op: Operation, fallbackMessage: string): DurableOperationError {
  const error = storedError(op);
  return DurableOperationError.fromErrorObject(
    error ?? { ErrorType: "StepError", ErrorMessage: fallbackMessage },
  );
}
