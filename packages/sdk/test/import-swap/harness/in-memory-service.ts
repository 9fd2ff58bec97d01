// An in-memory stand-in for the durable execution service, good enough to run handlers of either SDK to
// completion without a network: it applies checkpointed updates to operation records, records every update for
// comparison, and — between invocations, in place of time passing — completes what was waiting (waits elapse,
// retry timers fire, callbacks get the scripted answer, chained invokes run their target). Timestamps are real
// (SDKs measure elapsed time against them); only the waiting is skipped.
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
  OperationUpdate,
} from "durable-lambda";

/** How the external world answers a callback; `undefined` leaves it pending. */
export type CallbackAnswer =
  | { outcome: "success"; result?: string }
  | { outcome: "failure"; error: ErrorObject }
  | { outcome: "timeout" };

/** The scripted outside world of one execution. */
export interface ServiceScript {
  /**
   * Answers a started callback. `name` is the callback's own name; `parentName` the name of its parent
   * operation (a waitForCallback's inner callback is unnamed, its parent carries the name).
   */
  answerCallback?: (callback: {
    name: string | undefined;
    parentName: string | undefined;
  }) => CallbackAnswer | undefined;
  /** Chained-invoke targets by function name: called with the decoded payload; a throw fails the invoke. */
  invokeTargets?: Record<string, (input: unknown, tenantId: string | undefined) => unknown>;
}

/** One update as the service received it, with the invocation it came from (1-based). */
export interface RecordedUpdate {
  invocation: number;
  update: OperationUpdate;
}

/** Raised for requests a real service would reject; the double fails loudly rather than guessing. */
export class ServiceDoubleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceDoubleError";
  }
}

const EXECUTION_OPERATION_ID = "execution";

function errorOf(thrown: unknown): ErrorObject {
  if (thrown instanceof Error) return { ErrorType: thrown.name, ErrorMessage: thrown.message };
  return { ErrorType: "Error", ErrorMessage: String(thrown) };
}

/**
 * The in-memory service for one execution. Pass it to the SDK as its `durableExecutionClient`.
 *
 * @example
 * const service = new InMemoryDurableService("arn:…", { hello: "world" }, script);
 * service.beginInvocation(1);
 * await service.checkpoint({ DurableExecutionArn: arn, CheckpointToken: service.checkpointToken, Updates: [] });
 */
export class InMemoryDurableService {
  readonly updates: RecordedUpdate[] = [];
  /** Set when the handler checkpoints the EXECUTION operation itself (large results). */
  executionOutcome: { result?: string; error?: ErrorObject } | undefined;

  #operations = new Map<string, Operation>();
  #tokenSequence = 0;
  #checkpointToken = "token-0";
  #invocation = 0;
  #callbackSequence = 0;
  /** What each started chained invoke asked for, until its target has run. */
  #pendingInvokes = new Map<
    string,
    { functionName: string; tenantId: string | undefined; payload: string | undefined }
  >();

  constructor(
    readonly executionArn: string,
    input: unknown,
    private readonly script: ServiceScript = {},
  ) {
    this.#operations.set(EXECUTION_OPERATION_ID, {
      Id: EXECUTION_OPERATION_ID,
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(),
      ExecutionDetails: { InputPayload: JSON.stringify(input ?? null) },
    });
  }

  get checkpointToken(): string {
    return this.#checkpointToken;
  }

  /** Every operation record, in creation order (what an invocation's initial state carries). */
  operations(): Operation[] {
    return [...this.#operations.values()].map((operation) => structuredClone(operation));
  }

  /** Marks the start of invocation `n`; updates received from now on are attributed to it. */
  beginInvocation(invocation: number): void {
    this.#invocation = invocation;
  }

  async getExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.#assertExecution(request.DurableExecutionArn);
    return { Operations: this.operations() };
  }

  async checkpoint(request: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse> {
    this.#assertExecution(request.DurableExecutionArn);
    if (request.CheckpointToken !== this.#checkpointToken) {
      throw new ServiceDoubleError(
        `Invalid Checkpoint Token: expected ${this.#checkpointToken}, received ${String(request.CheckpointToken)}`,
      );
    }
    const changed = new Set<string>();
    for (const update of request.Updates ?? []) {
      this.updates.push({ invocation: this.#invocation, update: structuredClone(update) });
      const id = this.#apply(update);
      if (id !== undefined) changed.add(id);
    }
    this.#checkpointToken = `token-${++this.#tokenSequence}`;
    const operations = [...changed].flatMap((id) => {
      const operation = this.#operations.get(id);
      return operation === undefined ? [] : [structuredClone(operation)];
    });
    return { CheckpointToken: this.#checkpointToken, NewExecutionState: { Operations: operations } };
  }

  /**
   * Lets time pass between invocations: every waiting operation completes. Returns the ids that changed;
   * none means the execution can make no progress.
   */
  async advance(): Promise<string[]> {
    const updated: string[] = [];
    for (const [id, operation] of this.#operations) {
      if (await this.#complete(id, operation)) updated.push(id);
    }
    return updated;
  }

  async #complete(id: string, operation: Operation): Promise<boolean> {
    const now = new Date();
    switch (operation.Type) {
      case "STEP":
        if (operation.Status !== "PENDING") return false;
        operation.Status = "READY";
        if (operation.StepDetails) delete operation.StepDetails.NextAttemptTimestamp;
        return true;
      case "WAIT":
        if (operation.Status !== "STARTED") return false;
        Object.assign(operation, { Status: "SUCCEEDED", EndTimestamp: now });
        return true;
      case "CALLBACK": {
        if (operation.Status !== "STARTED") return false;
        const parent =
          operation.ParentId === undefined ? undefined : this.#operations.get(operation.ParentId);
        const answer = this.script.answerCallback?.({ name: operation.Name, parentName: parent?.Name });
        if (answer === undefined) return false;
        const details = (operation.CallbackDetails ??= {});
        if (answer.outcome === "success") {
          operation.Status = "SUCCEEDED";
          if (answer.result !== undefined) details.Result = answer.result;
        } else if (answer.outcome === "failure") {
          operation.Status = "FAILED";
          details.Error = answer.error;
        } else {
          operation.Status = "TIMED_OUT";
          details.Error = { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" };
        }
        operation.EndTimestamp = now;
        return true;
      }
      case "CHAINED_INVOKE":
        return this.#runInvokeTarget(id, operation, now);
      default:
        return false;
    }
  }

  async #runInvokeTarget(id: string, operation: Operation, now: Date): Promise<boolean> {
    if (operation.Status !== "STARTED") return false;
    const pending = this.#pendingInvokes.get(id);
    if (pending === undefined) return false;
    this.#pendingInvokes.delete(id);
    const target = this.script.invokeTargets?.[pending.functionName];
    if (target === undefined) throw new ServiceDoubleError(`No invoke target named ${pending.functionName}`);
    try {
      const input: unknown = pending.payload === undefined ? null : JSON.parse(pending.payload);
      const result = await target(input, pending.tenantId);
      operation.Status = "SUCCEEDED";
      operation.ChainedInvokeDetails = { Result: JSON.stringify(result ?? null) };
    } catch (thrown) {
      operation.Status = "FAILED";
      operation.ChainedInvokeDetails = { Error: errorOf(thrown) };
    }
    operation.EndTimestamp = now;
    return true;
  }

  #apply(update: OperationUpdate): string | undefined {
    const { Id: id, Type: type, Action: action } = update;
    if (id === undefined || type === undefined || action === undefined) {
      throw new ServiceDoubleError(`An update needs Id, Type and Action, received ${JSON.stringify(update)}`);
    }
    if (type === "EXECUTION") {
      if (action === "SUCCEED")
        this.executionOutcome = { ...(update.Payload !== undefined && { result: update.Payload }) };
      else if (action === "FAIL")
        this.executionOutcome = { ...(update.Error !== undefined && { error: update.Error }) };
      return undefined;
    }
    const now = new Date();
    const operation = this.#operations.get(id) ?? this.#create(id, update, now);
    switch (`${type}:${action}`) {
      case "STEP:START":
      case "CONTEXT:START":
        operation.Status = "STARTED";
        break;
      case "STEP:SUCCEED":
        this.#finish(operation, "SUCCEEDED", now);
        operation.StepDetails = {
          ...operation.StepDetails,
          ...(update.Payload !== undefined && { Result: update.Payload }),
        };
        break;
      case "STEP:FAIL":
        this.#finish(operation, "FAILED", now);
        operation.StepDetails = {
          ...operation.StepDetails,
          ...(update.Error !== undefined && { Error: update.Error }),
        };
        break;
      case "STEP:RETRY": {
        const delaySeconds = update.StepOptions?.NextAttemptDelaySeconds ?? 1;
        operation.Status = "PENDING";
        operation.StepDetails = {
          Attempt: (operation.StepDetails?.Attempt ?? 0) + 1,
          NextAttemptTimestamp: new Date(now.getTime() + delaySeconds * 1000),
          ...(update.Payload !== undefined && { Result: update.Payload }),
          ...(update.Error !== undefined && { Error: update.Error }),
        };
        break;
      }
      case "CONTEXT:SUCCEED":
        this.#finish(operation, "SUCCEEDED", now);
        operation.ContextDetails = {
          ...(update.Payload !== undefined && { Result: update.Payload }),
          ...(update.ContextOptions?.ReplayChildren !== undefined && {
            ReplayChildren: update.ContextOptions.ReplayChildren,
          }),
        };
        break;
      case "CONTEXT:FAIL":
        this.#finish(operation, "FAILED", now);
        operation.ContextDetails = { ...(update.Error !== undefined && { Error: update.Error }) };
        break;
      case "WAIT:START":
        operation.Status = "STARTED";
        operation.WaitDetails = {
          ScheduledEndTimestamp: new Date(now.getTime() + (update.WaitOptions?.WaitSeconds ?? 0) * 1000),
        };
        break;
      case "WAIT:CANCEL":
        this.#finish(operation, "CANCELLED", now);
        break;
      case "CALLBACK:START":
        operation.Status = "STARTED";
        operation.CallbackDetails = { CallbackId: `callback-${++this.#callbackSequence}` };
        break;
      case "CHAINED_INVOKE:START":
        operation.Status = "STARTED";
        this.#pendingInvokes.set(id, {
          functionName: update.ChainedInvokeOptions?.FunctionName ?? "",
          tenantId: update.ChainedInvokeOptions?.TenantId,
          payload: update.Payload,
        });
        break;
      default:
        throw new ServiceDoubleError(`Unsupported update ${type} ${action} for operation ${id}`);
    }
    return id;
  }

  #create(id: string, update: OperationUpdate, now: Date): Operation {
    const operation: Operation = {
      Id: id,
      Type: update.Type,
      Status: "STARTED",
      StartTimestamp: now,
      ...(update.ParentId !== undefined && { ParentId: update.ParentId }),
      ...(update.Name !== undefined && { Name: update.Name }),
      ...(update.SubType !== undefined && { SubType: update.SubType }),
    };
    this.#operations.set(id, operation);
    return operation;
  }

  #finish(operation: Operation, status: Operation["Status"], now: Date): void {
    operation.Status = status;
    operation.EndTimestamp = now;
  }

  #assertExecution(arn: string | undefined): void {
    if (arn !== this.executionArn) {
      throw new ServiceDoubleError(
        `Unknown execution ${String(arn)}; this service holds ${this.executionArn}`,
      );
    }
  }
}
