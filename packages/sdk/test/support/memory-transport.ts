// An in-memory durable execution backend for tests: applies OperationUpdates like the service (SERVICE.md
// state machines, simplified), mints tokens and callback ids, schedules waits and retries on a manual clock,
// and lets a test complete callbacks / invokes and advance time. Nothing here reads the wall clock.
import type { DurableExecutionClient } from "../../src/types/durable-execution.js";
import type { DurableExecutionInvocationInput } from "../../src/types/core.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  OperationUpdate,
  WireOperation,
} from "../../src/types/wire.js";

/** Service-shaped error (name + $metadata.httpStatusCode) so the SDK's classifier applies. */
export class MemoryServiceError extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(name: string, message: string, status = 400) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
  }
}

/** One recorded CheckpointDurableExecution call. */
export interface RecordedCall {
  token: string;
  updates: OperationUpdate[];
}

export interface MemoryTransportOptions {
  /** Execution input (JSON string) stored on the EXECUTION operation. */
  inputPayload?: string;
  arn?: string;
  /** Start time of the manual clock, ms since epoch. */
  startTimeMs?: number;
  /** Operations put in the invocation event before paging starts (default: all). */
  firstPageSize?: number;
}

/**
 * @example
 * const backend = new MemoryTransport({ inputPayload: JSON.stringify({ n: 1 }) });
 * const out = await handler(backend.invocationEvent(), lambdaContext);
 * backend.completeCallback(callbackId, '"ok"');
 * backend.advanceTime(60);
 */
export class MemoryTransport implements DurableExecutionClient {
  readonly arn: string;
  readonly calls: RecordedCall[] = [];
  readonly stateRequests: GetDurableExecutionStateRequest[] = [];
  private readonly ops = new Map<string, WireOperation>();
  private token = 0;
  private nowMs: number;
  private callbackCounter = 0;
  private readonly callbacks = new Map<string, string>();
  private changedSinceEvent = new Set<string>();
  private readonly firstPageSize: number | undefined;
  /** Operations changed by a time/test event and not yet returned by a checkpoint response. */
  private readonly unreported = new Set<string>();

  constructor(options: MemoryTransportOptions = {}) {
    this.arn =
      options.arn ?? "arn:aws:lambda:us-east-1:123456789012:function:test:$LATEST/durable-execution/exec/run";
    this.nowMs = options.startTimeMs ?? Date.UTC(2026, 0, 1);
    this.firstPageSize = options.firstPageSize;
    const id = "execution";
    this.ops.set(id, {
      Id: id,
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(this.nowMs),
      ExecutionDetails: options.inputPayload === undefined ? {} : { InputPayload: options.inputPayload },
    });
  }

  /**
   * A backend holding a recorded execution (e.g. a golden history); callbacks keep their recorded ids.
   *
   * @example
   * const backend = MemoryTransport.fromOperations(JSON.parse(fixture).operations);
   */
  static fromOperations(operations: WireOperation[], options: MemoryTransportOptions = {}): MemoryTransport {
    const backend = new MemoryTransport(options);
    backend.ops.clear();
    for (const op of operations) {
      const copy = normalizeDates(structuredClone(op));
      backend.ops.set(copy.Id as string, copy);
      const callbackId = copy.CallbackDetails?.CallbackId;
      if (callbackId) backend.callbacks.set(callbackId, copy.Id as string);
    }
    return backend;
  }

  /** The manual clock (ms). */
  now(): number {
    return this.nowMs;
  }

  get currentToken(): string {
    return `token-${this.token}`;
  }

  /** All operations, in insertion order. */
  operations(): WireOperation[] {
    return [...this.ops.values()];
  }

  operation(id: string): WireOperation | undefined {
    return this.ops.get(id);
  }

  /** Every update sent, flattened across calls. */
  allUpdates(): OperationUpdate[] {
    return this.calls.flatMap((c) => c.updates);
  }

  /** Build the event of the next invocation (rotates the token, reports changed ids). */
  invocationEvent(): DurableExecutionInvocationInput {
    this.token++;
    const all = this.operations().map(clone);
    const first = this.firstPageSize === undefined ? all : all.slice(0, this.firstPageSize);
    const event: DurableExecutionInvocationInput = {
      DurableExecutionArn: this.arn,
      CheckpointToken: this.currentToken,
      InitialExecutionState: { Operations: first },
    };
    if (first.length < all.length) event.InitialExecutionState.NextMarker = String(first.length);
    if (this.changedSinceEvent.size > 0) event.UpdatedOperationIds = [...this.changedSinceEvent];
    this.changedSinceEvent = new Set();
    this.unreported.clear();
    return event;
  }

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.stateRequests.push({ ...params });
    this.checkToken(params.CheckpointToken);
    const all = this.operations();
    const start = Number(params.Marker ?? "0");
    const size = params.MaxItems ?? 1000;
    const page = all.slice(start, start + size).map(clone);
    const next = start + size < all.length ? String(start + size) : undefined;
    return next === undefined ? { Operations: page } : { Operations: page, NextMarker: next };
  }

  async checkpoint(params: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse> {
    this.checkToken(params.CheckpointToken);
    const updates = (params.Updates ?? []).map((u) => structuredClone(u));
    this.calls.push({ token: params.CheckpointToken ?? "", updates });
    const changed = new Set<string>(this.unreported);
    this.unreported.clear();
    for (const update of updates) changed.add(this.apply(update));
    this.token++;
    return {
      CheckpointToken: this.currentToken,
      NewExecutionState: { Operations: [...changed].map((id) => clone(this.ops.get(id) as WireOperation)) },
    };
  }

  /** Advance the manual clock; due waits succeed and due retries become READY. */
  advanceTime(seconds: number): void {
    this.nowMs += seconds * 1000;
    for (const op of this.ops.values()) {
      if (op.Type === "WAIT" && op.Status === "STARTED") {
        const end = op.WaitDetails?.ScheduledEndTimestamp;
        if (end instanceof Date && end.getTime() <= this.nowMs) this.transition(op, "SUCCEEDED");
      }
      if (op.Type === "STEP" && op.Status === "PENDING") {
        const at = op.StepDetails?.NextAttemptTimestamp;
        if (at instanceof Date && at.getTime() <= this.nowMs) {
          op.Status = "READY";
          if (op.StepDetails) delete op.StepDetails.NextAttemptTimestamp;
          this.touched(op);
        }
      }
    }
  }

  completeCallback(callbackId: string, result: string): void {
    const op = this.callbackOp(callbackId);
    op.CallbackDetails = { ...op.CallbackDetails, Result: result };
    this.transition(op, "SUCCEEDED");
  }

  failCallback(callbackId: string, error: ErrorObject): void {
    const op = this.callbackOp(callbackId);
    op.CallbackDetails = { ...op.CallbackDetails, Error: error };
    this.transition(op, "FAILED");
  }

  timeOutCallback(callbackId: string): void {
    const op = this.callbackOp(callbackId);
    op.CallbackDetails = {
      ...op.CallbackDetails,
      Error: { ErrorType: "CallbackTimeout", ErrorMessage: "Callback timed out" },
    };
    this.transition(op, "TIMED_OUT");
  }

  /** Finish a chained invoke (by operation id). */
  completeInvoke(
    id: string,
    outcome: { result: string } | { error: ErrorObject; status?: "FAILED" | "TIMED_OUT" | "STOPPED" },
  ): void {
    const op = this.ops.get(id);
    if (!op || op.Type !== "CHAINED_INVOKE") throw new Error(`no chained invoke ${id}`);
    if ("result" in outcome) {
      op.ChainedInvokeDetails = { Result: outcome.result };
      this.transition(op, "SUCCEEDED");
    } else {
      op.ChainedInvokeDetails = { Error: outcome.error };
      this.transition(op, outcome.status ?? "FAILED");
    }
  }

  /** The callback id minted for an operation. */
  callbackIdOf(id: string): string | undefined {
    return this.ops.get(id)?.CallbackDetails?.CallbackId;
  }

  private callbackOp(callbackId: string): WireOperation {
    const id = this.callbacks.get(callbackId);
    const op = id === undefined ? undefined : this.ops.get(id);
    if (!op) throw new Error(`unknown callback ${callbackId}`);
    if (op.Status !== "STARTED") throw new Error(`callback ${callbackId} is already ${op.Status}`);
    return op;
  }

  private checkToken(token: string | undefined): void {
    if (token !== this.currentToken) {
      throw new MemoryServiceError(
        "InvalidParameterValueException",
        `Invalid Checkpoint Token: ${String(token)}`,
      );
    }
  }

  private touched(op: WireOperation): void {
    this.changedSinceEvent.add(op.Id as string);
    this.unreported.add(op.Id as string);
  }

  /** A service-side change (timer, callback, invoke): reported in the next response and the next event. */
  private transition(op: WireOperation, status: WireOperation["Status"]): void {
    this.complete(op, status);
    this.touched(op);
  }

  /** A change requested by the SDK itself: returned in this response only. */
  private complete(op: WireOperation, status: WireOperation["Status"]): void {
    op.Status = status;
    op.EndTimestamp = new Date(this.nowMs);
  }

  private reject(update: OperationUpdate, why: string): never {
    throw new MemoryServiceError(
      "InvalidParameterValueException",
      `${update.Action} ${update.Type} ${update.Id}: ${why}`,
    );
  }

  /** Apply one update; returns the id it changed. */
  private apply(update: OperationUpdate): string {
    const id = update.Id;
    if (!id) this.reject(update, "missing Id");
    if (update.Type === "EXECUTION") {
      const exec = this.ops.get(id);
      if (!exec || exec.Type !== "EXECUTION") this.reject(update, "unknown execution operation");
      if (update.Action === "SUCCEED") {
        exec.ExecutionDetails = { ...exec.ExecutionDetails };
        (exec as WireOperation & { Result?: string }).Result = update.Payload;
        this.complete(exec, "SUCCEEDED");
      }
      return id;
    }
    let op = this.ops.get(id);
    const created = op === undefined;
    if (op && op.Type !== update.Type) this.reject(update, `type differs from stored ${op.Type}`);
    if (op && ["SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED", "CANCELLED"].includes(op.Status as string)) {
      this.reject(update, `operation is already ${op.Status}`);
    }
    if (!op) {
      if (update.Action !== "START" && !(update.Type === "CONTEXT" || update.Type === "STEP")) {
        this.reject(update, "first update must be START");
      }
      op = { Id: id, Type: update.Type, Status: "STARTED", StartTimestamp: new Date(this.nowMs) };
      if (update.ParentId !== undefined) op.ParentId = update.ParentId;
      if (update.Name !== undefined) op.Name = update.Name;
      if (update.SubType !== undefined) op.SubType = update.SubType;
      this.ops.set(id, op);
    }
    const current = op;
    switch (update.Action) {
      case "START":
        // START is accepted only on a new or READY operation (SERVICE.md).
        if (!created && current.Status !== "READY")
          this.reject(update, `cannot START a ${current.Status} operation`);
        current.Status = "STARTED";
        this.onStart(current, update);
        break;
      case "SUCCEED":
        this.setResult(current, update.Payload, update);
        this.complete(current, "SUCCEEDED");
        break;
      case "FAIL":
        this.setError(current, update.Error);
        this.complete(current, "FAILED");
        break;
      case "RETRY": {
        if (current.Type !== "STEP") this.reject(update, "RETRY is for steps");
        const delay = update.StepOptions?.NextAttemptDelaySeconds;
        if (delay === undefined || !Number.isInteger(delay) || delay < 1)
          this.reject(update, "NextAttemptDelaySeconds must be an integer ≥ 1");
        const details = { ...current.StepDetails };
        details.Attempt = (details.Attempt ?? 0) + 1;
        details.NextAttemptTimestamp = new Date(this.nowMs + delay * 1000);
        if (update.Error) details.Error = update.Error;
        if (update.Payload !== undefined) details.Result = update.Payload;
        current.StepDetails = details;
        current.Status = "PENDING";
        break;
      }
      default:
        this.reject(update, "unsupported action");
    }
    return id;
  }

  private onStart(op: WireOperation, update: OperationUpdate): void {
    if (op.Type === "WAIT") {
      const seconds = update.WaitOptions?.WaitSeconds;
      if (seconds === undefined || !Number.isInteger(seconds) || seconds < 1)
        this.reject(update, "WaitSeconds must be an integer ≥ 1");
      op.WaitDetails = { ScheduledEndTimestamp: new Date(this.nowMs + seconds * 1000) };
    } else if (op.Type === "CALLBACK") {
      const callbackId = `cb-${++this.callbackCounter}`;
      this.callbacks.set(callbackId, op.Id as string);
      op.CallbackDetails = { CallbackId: callbackId };
    } else if (op.Type === "CHAINED_INVOKE") {
      op.ChainedInvokeDetails = {};
      (op as WireOperation & { Input?: string; FunctionName?: string }).Input = update.Payload;
    }
  }

  private setResult(op: WireOperation, payload: string | undefined, update: OperationUpdate): void {
    if (op.Type === "STEP") op.StepDetails = { ...op.StepDetails, Result: payload };
    else if (op.Type === "CONTEXT") {
      op.ContextDetails = { Result: payload };
      if (update.ContextOptions?.ReplayChildren) op.ContextDetails.ReplayChildren = true;
    } else this.reject(update, "SUCCEED is for steps and contexts");
  }

  private setError(op: WireOperation, error: ErrorObject | undefined): void {
    if (op.Type === "STEP") op.StepDetails = { ...op.StepDetails, Error: error };
    else if (op.Type === "CONTEXT") op.ContextDetails = { ...op.ContextDetails, Error: error };
  }
}

/** Recorded timestamps come back from JSON as strings; the backend keeps Dates. */
function normalizeDates(op: WireOperation): WireOperation {
  const date = (v: unknown) => (typeof v === "string" ? new Date(v) : v) as Date | undefined;
  if (op.StartTimestamp !== undefined) op.StartTimestamp = date(op.StartTimestamp);
  if (op.EndTimestamp !== undefined) op.EndTimestamp = date(op.EndTimestamp);
  if (op.WaitDetails?.ScheduledEndTimestamp !== undefined) {
    op.WaitDetails.ScheduledEndTimestamp = date(op.WaitDetails.ScheduledEndTimestamp);
  }
  if (op.StepDetails?.NextAttemptTimestamp !== undefined) {
    op.StepDetails.NextAttemptTimestamp = date(op.StepDetails.NextAttemptTimestamp);
  }
  return op;
}

function clone(op: WireOperation): WireOperation {
  return structuredClone(op);
}
