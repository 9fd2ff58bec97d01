// The DurableContext implementation: per-context operation counter, replay mode and defaults. Methods parse
// their overloads once (parse-args.ts) and delegate to one function per operation (operations/*.ts).
import type { DurablePromise } from "../durable-promise.js";
import { OperationPromise } from "../durable-promise.js";
import { ContextMisuseError, isUnrecoverableError, toError } from "../errors.js";
import { createDurableLogger } from "../logger.js";
import { runMap } from "../operations/map.js";
import { runParallel } from "../operations/parallel.js";
import { runCombinator } from "../operations/combinators.js";
import { runWaitForCallback } from "../operations/wait-for-callback.js";
import { compensationCount, runCompensations, stepWithCompensation } from "../operations/compensation.js";
import { runStep } from "../operations/step.js";
import { runWait } from "../operations/wait.js";
import { runCreateCallback } from "../operations/callback.js";
import { runInvoke } from "../operations/invoke.js";
import { runChildContext } from "../operations/child-context.js";
import { runWaitForCondition } from "../operations/wait-for-condition.js";
import { checkDeterminism, type ExpectedOperation } from "../replay/determinism.js";
import { contextIds, type ContextIds } from "../replay/operation-id.js";
import type {
  BatchResult,
  MapConfig,
  MapFunc,
  NamedParallelBranch,
  ParallelConfig,
  ParallelFunc,
} from "../types/batch.js";
import type {
  CreateCallbackConfig,
  CreateCallbackResult,
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
} from "../types/callback.js";
import type { ChildConfig, ChildFunc } from "../types/child-context.js";
import type { CompensateFunc, CompensationResult } from "../types/compensation.js";
import type { Duration, LambdaContext } from "../types/core.js";
import type { DurableContext } from "../types/durable-context.js";
import type { InvokeConfig, InvokeRequest } from "../types/invoke.js";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "../types/logger-types.js";
import type { AnySerdes, AnySerdesDeserializer, SerdesConfig } from "../types/serdes-types.js";
import type { StepConfig, StepFunc } from "../types/step.js";
import type { WaitForConditionCheckFunc, WaitForConditionConfig } from "../types/wait-condition.js";
import type { Operation, OperationType } from "../types/wire.js";
import { ContextNode } from "./context-node.js";
import { type ExecutionRuntime } from "./execution-runtime.js";
import { OperationSlot } from "./operation-slot.js";
import { hasLeadingName, splitName } from "./parse-args.js";
import { currentUserCode } from "./user-code-scope.js";

/**
 * execution: operations run live. replay: operations find records (logs suppressed) until an id has none.
 * replay-succeeded: re-running a SUCCEEDED ReplayChildren context to rebuild its result from its children's
 * records; a child without a terminal record never resolves.
 */
export type ContextMode = "execution" | "replay" | "replay-succeeded";

export interface ContextInit {
  node: ContextNode;
  /** Raw id of this context's own operation; undefined for the root. */
  rawId: string | undefined;
  /** ParentId for operations created here: the nearest non-virtual context's wire id. */
  parentWireId: string | undefined;
  mode: ContextMode;
  parent: DurableContextImpl<any> | undefined;
  /**
   * Path segment for messages, e.g. `Step "orders" (2)`: a fixed label (the root's), or the operation this
   * context runs for, described only when a message needs it.
   */
  label: string | ExpectedOperation;
  serdes?: SerdesConfig;
  logger?: LoggerConfig<any>;
  /**
   * Remaining `pluginsConfig.childOperationsDepth` budget: a context whose budget is ≥ 1 completes with
   * ReplayChildren so its children stay visible to plugins (root = depth + 1; −1 per visible nesting level).
   */
  preserveChildDepth?: number;
}

export class DurableContextImpl<
  TLogger extends DurableLogger = DurableLogger,
> implements DurableContext<TLogger> {
  readonly node: ContextNode;
  readonly rawId: string | undefined;
  readonly parentWireId: string | undefined;
  readonly parent: DurableContextImpl<any> | undefined;
  private readonly origin: string | ExpectedOperation;
  mode: ContextMode;
  readonly preserveChildDepth: number;
  private counter = 0;
  /** This context's operation ids by counter (shared across invocations). */
  private readonly ids: ContextIds;
  /** Ids of the next operation, computed by the replay-frontier check and reused by the next call. */
  private peekedCounter = 0;
  private peekedRawId = "";
  private peekedId = "";
  /** The peeked id's record, valid while the state's version is `peekedVersion`. */
  private peekedRecord: Operation | undefined;
  private peekedVersion = -1;
  private serdesConfig: SerdesConfig;
  private loggerConfig: LoggerConfig<any>;
  private loggerInstance: DurableContextLogger<TLogger> | undefined;
  private promiseApi: DurableContext<TLogger>["promise"] | undefined;

  constructor(
    readonly runtime: ExecutionRuntime,
    init: ContextInit,
  ) {
    this.node = init.node;
    this.rawId = init.rawId;
    this.ids = contextIds(init.rawId);
    this.parentWireId = init.parentWireId;
    this.parent = init.parent;
    this.origin = init.label;
    this.mode = init.mode;
    this.preserveChildDepth = init.preserveChildDepth ?? 0;
    this.serdesConfig = init.serdes ?? {};
    this.loggerConfig = init.logger ?? {};
  }

  /** Path segment of this context in messages, e.g. `RunInChildContext "orders" (2)`. */
  get label(): string {
    const origin = this.origin;
    if (typeof origin === "string") return origin;
    return `${origin.subType}${origin.name === undefined ? "" : ` "${origin.name}"`} (${this.rawId ?? ""})`;
  }

  get lambdaContext(): LambdaContext {
    return this.runtime.lambdaContext;
  }

  get executionContext(): { readonly durableExecutionArn: string } {
    return { durableExecutionArn: this.runtime.durableExecutionArn };
  }

  get logger(): DurableContextLogger<TLogger> {
    this.loggerInstance ??= createDurableLogger(this.runtime.log, {
      isReplaying: () => this.mode !== "execution",
      config: () => this.loggerConfig,
      parentId: this.parentWireId,
    }) as DurableContextLogger<TLogger>;
    return this.loggerInstance;
  }

  /** Serdes for values this context stores (context-wide default or JSON). */
  get defaultSerdes(): AnySerdes | undefined {
    return this.serdesConfig.defaultSerdes;
  }

  get defaultCallbackDeserializer(): AnySerdesDeserializer | undefined {
    return this.serdesConfig.defaultCallbackDeserializer;
  }

  get currentLoggerConfig(): LoggerConfig<any> {
    return this.loggerConfig;
  }

  get currentSerdesConfig(): SerdesConfig {
    return this.serdesConfig;
  }

  /** True while records are being replayed (logs are suppressed). */
  get isReplaying(): boolean {
    return this.mode !== "execution";
  }

  /**
   * Take the next operation id, look up its record and check determinism. Must be called synchronously from the
   * user's call (ids follow call order; the determinism report names the user's line).
   */
  nextOperation(
    expected: ExpectedOperation & { type: OperationType },
    options?: { virtual?: boolean },
  ): OperationSlot {
    const insideStep = currentUserCode();
    if (insideStep !== undefined) {
      throw new ContextMisuseError(
        `Durable operation ${expected.subType}${expected.name === undefined ? "" : ` "${expected.name}"`} was called inside ${insideStep}. ` +
          "Step and check functions get no durable context; call durable operations between steps or use runInChildContext.",
      );
    }
    const counter = ++this.counter;
    const state = this.runtime.state;
    let rawId: string;
    let id: string;
    let record: Operation | undefined;
    if (this.peekedCounter === counter) {
      rawId = this.peekedRawId;
      id = this.peekedId;
      record = this.peekedVersion === state.version ? this.peekedRecord : state.get(id);
      if (options?.virtual) record = undefined;
      else if (record) state.found(record);
    } else {
      rawId = this.ids.rawId(counter);
      id = this.ids.id(counter);
      record = options?.virtual ? undefined : state.find(id);
    }
    if (record) {
      checkDeterminism(record, expected, { rawId, path: () => this.pathTo(rawId, expected) });
    } else if (this.mode === "replay" && !options?.virtual) {
      this.mode = "execution";
    }
    return new OperationSlot(this, rawId, id, expected, record, options?.virtual);
  }

  /**
   * After a replayed operation settles, the context leaves replay mode when the next id it would generate has no
   * record, so code after the last recorded operation logs normally. One hash (kept for that next operation) and
   * one lookup.
   */
  private leaveReplayIfFrontier(): void {
    if (this.mode !== "replay") return;
    const counter = this.counter + 1;
    const state = this.runtime.state;
    if (this.peekedCounter !== counter) {
      this.peekedCounter = counter;
      this.peekedRawId = this.ids.rawId(counter);
      this.peekedId = this.ids.id(counter);
      this.peekedVersion = -1;
    }
    if (this.peekedVersion !== state.version) {
      this.peekedRecord = state.get(this.peekedId);
      this.peekedVersion = state.version;
    }
    if (!this.peekedRecord) this.mode = "execution";
  }

  /** Human-readable location of an operation, for error messages. */
  pathTo(rawId: string, expected: ExpectedOperation): string {
    const segments: string[] = [this.label];
    for (let ctx = this.parent; ctx; ctx = ctx.parent) segments.unshift(ctx.label);
    const op = `${expected.subType}${expected.name === undefined ? "" : ` "${expected.name}"`} (${rawId})`;
    return [...segments, op].join(" > ");
  }

  /** A child context for the operation in `slot`. */
  createChild(
    slot: OperationSlot,
    options: { virtual: boolean; mode: ContextMode },
  ): DurableContextImpl<TLogger> {
    return new DurableContextImpl<TLogger>(this.runtime, {
      node: new ContextNode(this.node),
      rawId: slot.rawId,
      parentWireId: options.virtual ? this.parentWireId : slot.id,
      mode: this.mode === "replay-succeeded" ? "replay-succeeded" : options.mode,
      parent: this,
      label: slot.expected,
      serdes: { ...this.serdesConfig },
      logger: { ...this.loggerConfig },
      // Virtual contexts add no visible level, so they pass the budget through unchanged.
      preserveChildDepth: options.virtual
        ? this.preserveChildDepth
        : Math.max(0, this.preserveChildDepth - 1),
    });
  }

  /**
   * Run an operation body: synchronous faults (bad config, determinism) and unrecoverable errors end the
   * invocation; after termination operations never settle.
   */
  guard<T>(body: () => Promise<T>): DurablePromise<T> {
    if (this.runtime.terminated) return this.halted<T>();
    let running: Promise<T>;
    try {
      running = body();
    } catch (error) {
      // A body that throws before its first await fails like an async function's.
      running = Promise.reject(error as Error);
    }
    return this.settle(running);
  }

  /**
   * The durable promise of an operation whose body is already running: one reaction on the body's promise, with
   * handlers shared by the context (no wrapper per operation).
   */
  settle<T>(running: Promise<T>): DurablePromise<T> {
    const operation = new OperationPromise<T>();
    // Nobody observes the reaction's own promise: whatever goes wrong in it reaches the operation's promise.
    running.then(
      (value) => {
        try {
          this.leaveReplayIfFrontier();
          operation.succeed(value);
        } catch (internal) {
          operation.fail(internal);
        }
      },
      (error: unknown) => {
        try {
          this.leaveReplayIfFrontier();
          if (!this.endsInvocation(error)) operation.fail(error);
        } catch (internal) {
          operation.fail(internal);
        }
      },
    );
    return operation as unknown as DurablePromise<T>;
  }

  /**
   * An operation failed with `error`: a fault (bad config, determinism, serdes, payload size) ends the invocation
   * and the operation never settles — true then; anything else is the operation's own failure — false.
   */
  endsInvocation(error: unknown): boolean {
    if (!isUnrecoverableError(error)) return false;
    this.runtime.terminate({ kind: "fault", error });
    return true;
  }

  /** Like {@link guard}, for the synchronous part that must run inside the user's call. */
  start<T>(begin: () => () => Promise<T>): DurablePromise<T> {
    if (this.runtime.terminated) return this.halted<T>();
    let run: () => Promise<T>;
    try {
      run = begin();
    } catch (error) {
      return this.failedToStart<T>(error);
    }
    return this.guard(run);
  }

  /** What an operation called after the invocation terminated returns: a promise that never settles. */
  halted<T>(): DurablePromise<T> {
    return new OperationPromise<T>() as unknown as DurablePromise<T>;
  }

  /**
   * An operation whose synchronous part threw: a fault (bad config, determinism) ends the invocation and the
   * operation never settles; anything else rejects the operation's promise.
   */
  failedToStart<T>(thrown: unknown): DurablePromise<T> {
    const error = toError(thrown);
    if (this.endsInvocation(error)) return this.halted<T>();
    const operation = new OperationPromise<T>();
    operation.fail(error);
    return operation as unknown as DurablePromise<T>;
  }

  step<TOutput>(...args: unknown[]): DurablePromise<TOutput> {
    // The most frequent call: indexes its arguments instead of splitting them into new arrays.
    const at = hasLeadingName(args) ? 1 : 0;
    return runStep<TOutput>(
      this,
      at === 1 ? (args[0] as string | undefined) : undefined,
      args[at] as StepFunc<TOutput, TLogger>,
      args[at + 1] as StepConfig<TOutput> | undefined,
    );
  }

  invoke<TInput, TOutput>(...args: unknown[]): DurablePromise<TOutput> {
    return runInvoke<TInput, TOutput>(this, parseInvokeArgs<TInput, TOutput>(args));
  }

  runInChildContext<TOutput>(...args: unknown[]): DurablePromise<TOutput> {
    const { name, rest } = splitName(args);
    return runChildContext<TOutput>(
      this,
      name,
      rest[0] as ChildFunc<TOutput, any>,
      rest[1] as ChildConfig<TOutput> | undefined,
    );
  }

  wait(...args: unknown[]): DurablePromise<void> {
    const { name, rest } = splitName(args);
    return runWait(this, name, rest[0] as Duration);
  }

  waitForCondition<TOutput>(...args: unknown[]): DurablePromise<TOutput> {
    const { name, rest } = splitName(args);
    return runWaitForCondition<TOutput>(
      this,
      name,
      rest[0] as WaitForConditionCheckFunc<TOutput, any>,
      rest[1] as WaitForConditionConfig<TOutput>,
    );
  }

  createCallback<TOutput = string>(...args: unknown[]): DurablePromise<CreateCallbackResult<TOutput>> {
    const { name, rest } = splitName(args);
    return runCreateCallback<TOutput>(this, name, rest[0] as CreateCallbackConfig<TOutput> | undefined);
  }

  waitForCallback<TOutput = string>(...args: unknown[]): DurablePromise<TOutput> {
    const { name, rest } = splitName(args);
    return runWaitForCallback<TOutput>(
      this,
      name,
      rest[0] as WaitForCallbackSubmitterFunc,
      rest[1] as WaitForCallbackConfig<TOutput> | undefined,
    );
  }

  map<TInput, TOutput>(...args: unknown[]): DurablePromise<BatchResult<TOutput>> {
    const { name, rest } = splitName(args);
    return runMap<TInput, TOutput>(
      this,
      name,
      rest[0] as TInput[],
      rest[1] as MapFunc<TInput, TOutput>,
      rest[2] as MapConfig<TInput, TOutput> | undefined,
    );
  }

  parallel(...args: unknown[]): DurablePromise<BatchResult<any>> {
    const { name, rest } = splitName(args);
    return runParallel<any>(
      this,
      name,
      rest[0] as (ParallelFunc<any> | NamedParallelBranch<any>)[],
      rest[1] as ParallelConfig<any> | undefined,
    );
  }

  get promise(): DurableContext<TLogger>["promise"] {
    this.promiseApi ??= {
      all: ((...args: unknown[]) => this.combine("all", args)) as DurableContext<TLogger>["promise"]["all"],
      allSettled: ((...args: unknown[]) =>
        this.combine("allSettled", args)) as DurableContext<TLogger>["promise"]["allSettled"],
      any: ((...args: unknown[]) => this.combine("any", args)) as DurableContext<TLogger>["promise"]["any"],
      race: ((...args: unknown[]) =>
        this.combine("race", args)) as DurableContext<TLogger>["promise"]["race"],
    };
    return this.promiseApi;
  }

  private combine(kind: "all" | "allSettled" | "any" | "race", args: unknown[]): DurablePromise<unknown> {
    const { name, rest } = splitName(args);
    return runCombinator(this, kind, name, rest[0] as DurablePromise<unknown>[]);
  }

  configureLogger(config: LoggerConfig<TLogger>): void {
    this.loggerConfig = { ...this.loggerConfig, ...config };
  }

  configureSerdes(config: SerdesConfig): void {
    this.serdesConfig = { ...this.serdesConfig, ...config };
  }

  stepWithCompensation<TOutput>(...args: unknown[]): DurablePromise<TOutput> {
    const { name, rest } = splitName(args);
    return stepWithCompensation<TOutput, TLogger>(
      this,
      name,
      rest[0] as StepFunc<TOutput, TLogger>,
      rest[1] as CompensateFunc<TOutput, TLogger>,
      rest[2] as StepConfig<TOutput> | undefined,
    );
  }

  runCompensations(): DurablePromise<CompensationResult> {
    return runCompensations(this);
  }

  compensationCount(): number {
    return compensationCount(this);
  }
}

/**
 * invoke's overloads: `(request)`, `(name, funcId, input?, config?)` when the second argument is a string,
 * else `(funcId, input?, config?)` — the official rule, so `invoke(funcId, "text")` reads as `(name, funcId)`.
 */
function parseInvokeArgs<I, O>(args: unknown[]): InvokeRequest<I, O> & { config?: InvokeConfig<I, O> } {
  const [a, b, c, d] = args;
  if (args.length === 1 && typeof a === "object" && a !== null) return a as InvokeRequest<I, O>;
  if (typeof b === "string") {
    return {
      name: a as string | undefined,
      functionId: b,
      input: c as I,
      ...(d as InvokeConfig<I, O> | undefined),
    };
  }
  return { functionId: a as string, input: b as I, ...(c as InvokeConfig<I, O> | undefined) };
}
