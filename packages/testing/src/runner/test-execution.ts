import type { DurableEngine } from "@durable-lambda/local";
import type { RecordedError } from "../history/history-event.js";
import {
  tryFindOperation,
  OperationNotFoundError,
  type OperationSelector,
} from "../operations/find-operation.js";
import { tryFindCallback } from "../operations/find-callback.js";
import { toTestOperation, type TestOperation } from "../operations/test-operation.js";
import type { RecordedOperation } from "../history/history-event.js";
import type { EngineDriver } from "./engine-driver.js";
import { snapshot, type TestRunResult } from "./test-run-result.js";

/** Thrown when a test waits for something the execution will never do (it closed, or it waits for input). */
export class ExecutionWaitError extends Error {
  override readonly name = "ExecutionWaitError";
  readonly code = "EXECUTION_WAIT";
}

/**
 * Which callback to answer: its name (or its waitForCallback's name), a callback id, another operation selector
 * (index, `{ id }`), the operation returned by `waitForCallback`, or `{ callbackId }`.
 */
export type CallbackTarget = OperationSelector | { callbackId: string };

/**
 * One execution started by the {@link DurableTestRunner}. Time stands still between the test's calls; the methods
 * that wait (`result`, `waitForOperation`, `waitForCallback`, `advanceTime`) let the engine run and virtual time
 * jump to each due timer. The test's own timers, `Date` and promises are untouched.
 *
 * @example
 * ```ts
 * const execution = await runner.start({ payload: { orderId: "o-1" } });
 * const approval = await execution.waitForCallback("manager approval");
 * await execution.sendCallbackSuccess(approval, { approved: true });
 * const run = await execution.result();
 * ```
 */
export class TestExecution<TResult = unknown> {
  constructor(
    private readonly engine: DurableEngine,
    private readonly driver: EngineDriver,
    /** The execution's ARN. */
    readonly executionArn: string,
  ) {}

  /**
   * Runs the execution until it closes — or until it can only continue with outside input (then `status` is
   * RUNNING) — and returns a snapshot.
   */
  async result(): Promise<TestRunResult<TResult>> {
    await this.driver.drive(this.executionArn, () => false);
    return snapshot<TResult>(this.engine, this.executionArn);
  }

  /** The current snapshot, without running anything. */
  inspect(): TestRunResult<TResult> {
    return snapshot<TResult>(this.engine, this.executionArn);
  }

  /** Operations so far, in start order. */
  operations(): TestOperation[] {
    return this.engine
      .getOperations(this.executionArn)
      .filter((op) => op.Type !== "EXECUTION")
      .map((op) => toTestOperation(op as RecordedOperation));
  }

  /**
   * Runs until an operation matching `selector` exists (and, with `status`, has one of those statuses), then
   * returns it with time held.
   *
   * @throws ExecutionWaitError when the execution closes or stalls first.
   */
  async waitForOperation(
    selector: OperationSelector,
    options: { status?: TestOperation["status"] | readonly TestOperation["status"][] } = {},
  ): Promise<TestOperation> {
    const wanted = options.status === undefined ? undefined : ([] as string[]).concat(options.status);
    let found: TestOperation | undefined;
    const condition = (): boolean => {
      found = tryFindOperation(this.operations(), selector);
      return found !== undefined && (wanted === undefined || wanted.includes(found.status));
    };
    const outcome = await this.driver.drive(this.executionArn, condition);
    if (outcome === "met" && found !== undefined) return found;
    const record = this.engine.getExecution(this.executionArn);
    const what = typeof selector === "object" ? JSON.stringify(selector) : String(selector);
    const state = found === undefined ? "does not exist" : `is ${found.status}`;
    throw new ExecutionWaitError(
      `waited for operation ${what}${wanted ? ` to be ${wanted.join("/")}` : ""}, but it ${state} and the execution ` +
        (record.status === "RUNNING" ? "is waiting for outside input" : `is ${record.status}`),
    );
  }

  /**
   * Runs until the callback `selector` is started and returns it with its `callbackId`: a `createCallback` by
   * name, or a `waitForCallback` by its name (the callback inside it is returned).
   *
   * @throws ExecutionWaitError when the execution closes or stalls first.
   */
  async waitForCallback(selector: OperationSelector): Promise<TestOperation> {
    let found: TestOperation | undefined;
    const condition = (): boolean => {
      found = tryFindCallback(this.operations(), selector);
      return found?.callbackId !== undefined;
    };
    const outcome = await this.driver.drive(this.executionArn, condition);
    if (outcome === "met" && found !== undefined) return found;
    const record = this.engine.getExecution(this.executionArn);
    throw new ExecutionWaitError(
      `waited for callback ${JSON.stringify(selector)} to start, but the execution ` +
        (record.status === "RUNNING" ? "is waiting for outside input without it" : `is ${record.status}`),
    );
  }

  /** Completes a callback with a result: a string is sent as is, anything else as JSON (like the CLI). */
  async sendCallbackSuccess(target: CallbackTarget | TestOperation, result: unknown = ""): Promise<void> {
    const body = typeof result === "string" ? result : JSON.stringify(result);
    this.engine.sendCallbackSuccess(this.callbackIdOf(target), body);
  }

  /** Completes a callback with an error: the awaiting code throws `CallbackExternalError`. */
  async sendCallbackFailure(
    target: CallbackTarget | TestOperation,
    error: RecordedError | Error | string,
  ): Promise<void> {
    const object =
      typeof error === "string"
        ? { ErrorType: "Error", ErrorMessage: error }
        : error instanceof Error
          ? { ErrorType: error.name, ErrorMessage: error.message }
          : error;
    this.engine.sendCallbackFailure(this.callbackIdOf(target), object);
  }

  /** Resets a callback's heartbeat timeout. */
  async sendCallbackHeartbeat(target: CallbackTarget | TestOperation): Promise<void> {
    this.engine.sendCallbackHeartbeat(this.callbackIdOf(target));
  }

  /** Lets `ms` of virtual time pass, firing the timers due meanwhile and letting the engine react. */
  async advanceTime(ms: number): Promise<void> {
    await this.driver.advanceTo(this.executionArn, this.driver.now() + ms);
  }

  /** Virtual now (epoch milliseconds). */
  now(): number {
    return this.driver.now();
  }

  /** Stops the execution (StopDurableExecution). */
  stop(error?: RecordedError): void {
    this.engine.stop(this.executionArn, error ?? {});
  }

  private callbackIdOf(target: CallbackTarget | TestOperation): string {
    if (typeof target === "object" && "callbackId" in target && typeof target.callbackId === "string") {
      return target.callbackId;
    }
    const selector = target as OperationSelector;
    const operations = this.operations();
    // A string is a callback's (or waitForCallback's) name, or else a callback id the test already holds.
    const op =
      tryFindCallback(operations, selector) ??
      (typeof target === "string" ? operations.find((o) => o.callbackId === target) : undefined);
    if (op?.callbackId === undefined) {
      throw new OperationNotFoundError(
        `no started callback matches ${JSON.stringify(selector)}; wait for it first with waitForCallback()`,
      );
    }
    return op.callbackId;
  }
}
