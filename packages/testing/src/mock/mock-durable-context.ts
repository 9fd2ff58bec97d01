import type { ErrorObject, OperationUpdate } from "durable-lambda";
import { findOperation, type OperationSelector } from "../operations/find-operation.js";
import type { TestOperation } from "../operations/test-operation.js";
import { toErrorObject } from "durable-lambda/internal";
import type { InvokeTarget, MockLogRecord } from "./mock-execution.js";
import { PreloadSource, type PreloadTarget } from "./preload-source.js";
import { runOnMock, type DurableFunction } from "./run-on-mock.js";

/** Options of a {@link MockDurableContext}. */
export interface MockDurableContextOptions {
  /**
   * `true` (default): a wait without a preload elapses at once (its START is still recorded). `false`: it never
   * elapses, so the run ends PENDING there — as the first invocation would.
   */
  waitsElapse?: boolean;
  /** Upper bound on waitForCondition polls in one run (default 1000). */
  maxConditionAttempts?: number;
  /** Function name reported by `ctx.lambdaContext`. */
  functionName?: string;
}

/** The outcome of {@link MockDurableContext.run}. */
export interface MockRunResult<TResult> {
  /** SUCCEEDED / FAILED: the handler returned / threw. PENDING: it waits for something no preload provides. */
  status: "SUCCEEDED" | "FAILED" | "PENDING";
  result?: TResult;
  error?: Error;
  /** Every operation the handler called, in call order, with its outcome in this run. */
  operations: TestOperation[];
  /** The updates the SDK would have checkpointed (nothing for preloaded operations, which count as replayed). */
  checkpoints: OperationUpdate[];
  /** Records logged through `ctx.logger` and step loggers. */
  logs: MockLogRecord[];
  /** Preloads no operation consumed, e.g. `step "charge"` — usually a renamed operation in the test or code. */
  unusedPreloads: string[];
  /** Finds an operation by name, index or id (throws, listing the operations, when none matches). */
  getOperation(selector: OperationSelector): TestOperation;
}

function errorOutcome(error: unknown): ErrorObject {
  return typeof error === "string" ? { ErrorType: "Error", ErrorMessage: error } : toErrorObject(error);
}

function payloadOf(value: unknown): { payload?: string } {
  return value === undefined ? {} : { payload: JSON.stringify(value) };
}

/**
 * A mock durable context for unit tests that need no service: preload the outcomes of steps, waits, callbacks
 * and invokes by name or position, run the durable function, then assert the operations it performed and the
 * checkpoints it would have sent. Operations are numbered exactly as the SDK numbers them; preloaded ones behave
 * as replayed (the function is not run, nothing is checkpointed), the others run in-process with time skipped.
 *
 * @example
 * ```ts
 * const run = await new MockDurableContext()
 *   .withStepResult("charge", { chargeId: "ch_1" })
 *   .withCallbackResult("manager approval", JSON.stringify({ approved: true }))
 *   .run(orderWorkflow, { orderId: "o-1", amount: 42 });
 * expect(run.status).toBe("SUCCEEDED");
 * assertOperations(run, ["STEP validate", "STEP charge", "CONTEXT manager approval"], { match: "prefix" });
 * ```
 */
export class MockDurableContext {
  private readonly preloads = new PreloadSource();
  private readonly invokeTargets = new Map<string, InvokeTarget>();

  constructor(private readonly options: MockDurableContextOptions = {}) {}

  /** The step (or waitForCondition) at `target` returns `value` without running its function. */
  withStepResult(target: PreloadTarget, value: unknown): this {
    this.preloads.add("step", target, { status: "SUCCEEDED", ...payloadOf(value) });
    return this;
  }

  /** The step at `target` failed for good: it throws what the SDK throws on replay (a `StepError`, …). */
  withStepError(target: PreloadTarget, error: Error | string): this {
    this.preloads.add("step", target, { status: "FAILED", error: errorOutcome(error) });
    return this;
  }

  /** The wait at `target` has already elapsed (no WAIT START is recorded). */
  withWaitElapsed(target: PreloadTarget): this {
    this.preloads.add("wait", target, { status: "SUCCEEDED" });
    return this;
  }

  /**
   * The callback at `target` (a `createCallback`, or a `waitForCallback` by its own name) was answered with
   * `result`. Callback results are raw strings on the wire: a string is delivered as is, anything else as JSON.
   */
  withCallbackResult(target: PreloadTarget, result: unknown): this {
    const payload = typeof result === "string" ? result : JSON.stringify(result);
    this.preloads.add("callback", target, { status: "SUCCEEDED", payload });
    return this;
  }

  /** The callback at `target` was answered with a failure: awaiting it throws `CallbackExternalError`. */
  withCallbackError(target: PreloadTarget, error: Error | string): this {
    this.preloads.add("callback", target, { status: "FAILED", error: errorOutcome(error) });
    return this;
  }

  /** The callback at `target` timed out: awaiting it throws `CallbackTimeoutError`. */
  withCallbackTimeout(target: PreloadTarget): this {
    const error = { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" };
    this.preloads.add("callback", target, { status: "TIMED_OUT", error });
    return this;
  }

  /** The invoke at `target` returned `value`. */
  withInvokeResult(target: PreloadTarget, value: unknown): this {
    this.preloads.add("invoke", target, { status: "SUCCEEDED", ...payloadOf(value) });
    return this;
  }

  /** The invoke at `target` failed: awaiting it throws `InvokeError`. */
  withInvokeError(target: PreloadTarget, error: Error | string): this {
    this.preloads.add("invoke", target, { status: "FAILED", error: errorOutcome(error) });
    return this;
  }

  /** Invokes of `functionName` without a preload call `target(input)` in-process (its START is recorded). */
  withInvokeTarget(functionName: string, target: InvokeTarget): this {
    this.invokeTargets.set(functionName, target);
    return this;
  }

  /**
   * Runs `handler(event, ctx)` on the mock context. Resolves when the handler settles, or with status PENDING
   * when it waits for something no preload provides (an unanswered callback, an invoke without a target).
   * A preload of the wrong kind for an operation fails the run with a `MockPreloadError`.
   */
  async run<TEvent, TResult>(
    handler: DurableFunction<TEvent, TResult>,
    event: TEvent,
  ): Promise<MockRunResult<TResult>> {
    const outcome = await runOnMock(handler, event, {
      source: this.preloads,
      waitsElapse: this.options.waitsElapse ?? true,
      invokeTargets: this.invokeTargets,
      ...(this.options.maxConditionAttempts !== undefined
        ? { maxConditionAttempts: this.options.maxConditionAttempts }
        : {}),
      ...(this.options.functionName !== undefined ? { functionName: this.options.functionName } : {}),
    });
    const operations = outcome.operations;
    return {
      status: outcome.status,
      ...(outcome.result !== undefined ? { result: outcome.result } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      operations,
      checkpoints: outcome.checkpoints,
      logs: outcome.logs,
      unusedPreloads: this.preloads.unused(),
      getOperation: (selector) => findOperation(operations, selector),
    };
  }
}
