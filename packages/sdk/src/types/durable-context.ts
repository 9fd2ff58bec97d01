// The public DurableContext interface: every durable operation a handler can call.
import type { DurablePromise } from "../durable-promise.js";
import type {
  BatchResult,
  MapConfig,
  MapFunc,
  NamedParallelBranch,
  ParallelConfig,
  ParallelFunc,
} from "./batch.js";
import type {
  CreateCallbackConfig,
  CreateCallbackResult,
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
} from "./callback.js";
import type { ChildConfig, ChildFunc } from "./child-context.js";
import type { CompensateFunc, CompensationResult } from "./compensation.js";
import type { Duration, LambdaContext } from "./core.js";
import type { InvokeConfig, InvokeRequest } from "./invoke.js";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "./logger-types.js";
import type { SerdesConfig } from "./serdes-types.js";
import type { StepConfig, StepFunc } from "./step.js";
import type { WaitForConditionCheckFunc, WaitForConditionConfig } from "./wait-condition.js";

/** Result type of a heterogeneous `parallel` call. */
type BranchResult<Branches extends readonly unknown[], TLogger extends DurableLogger> =
  Branches[number] extends ParallelFunc<infer R, TLogger>
    ? R
    : Branches[number] extends NamedParallelBranch<infer R, TLogger>
      ? R
      : never;

/**
 * The durable context handed to a handler, child contexts, map items and parallel branches.
 *
 * Every operation takes the context's next operation id **when it is called** (operations start eagerly;
 * awaiting only waits), so the order of calls must be deterministic across replays.
 *
 * @example
 * export const handler = withDurableExecution(async (event: { id: string }, ctx) => {
 *   const order = await ctx.step("load", async () => loadOrder(event.id));
 *   await ctx.wait({ minutes: 5 });
 *   return ctx.step("ship", async () => ship(order));
 * });
 */
export interface DurableContext<TLogger extends DurableLogger = DurableLogger> {
  /** The Lambda context of the current invocation. */
  lambdaContext: LambdaContext;
  /** Mode-aware structured logger: records are dropped while this context replays. */
  logger: DurableContextLogger<TLogger>;
  executionContext: { readonly durableExecutionArn: string };

  /**
   * Run `fn` once and checkpoint its result; on replay the stored result is returned without running `fn`.
   *
   * Wrong: `await ctx.step(async () => ctx.wait(...))` — durable operations inside a step are not allowed.
   * Right: call `ctx.wait` between steps.
   *
   * @example
   * const user = await ctx.step("fetch-user", async ({ attempt }) => api.getUser(id));
   */
  step<TOutput>(
    name: string | undefined,
    fn: StepFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;
  step<TOutput>(fn: StepFunc<TOutput, TLogger>, config?: StepConfig<TOutput>): DurablePromise<TOutput>;

  /**
   * Invoke another durable function and wait for its result.
   *
   * Trap: `invoke(functionId, "a string")` is read as `(name, functionId)`; use the options-object form for
   * string inputs.
   *
   * @example
   * const price = await ctx.invoke("price", "pricer-fn", { sku: 1 });
   * const echoed = await ctx.invoke({ functionId: "echo-fn", input: "text" });
   */
  invoke<TInput, TOutput>(
    name: string,
    funcId: string,
    input?: TInput,
    config?: InvokeConfig<TInput, TOutput>,
  ): DurablePromise<TOutput>;
  invoke<TInput, TOutput>(
    funcId: string,
    input?: TInput,
    config?: InvokeConfig<TInput, TOutput>,
  ): DurablePromise<TOutput>;
  invoke<TInput, TOutput>(request: InvokeRequest<TInput, TOutput>): DurablePromise<TOutput>;

  /**
   * Run a block of durable operations as one operation with its own id space.
   *
   * @example
   * const total = await ctx.runInChildContext("totals", async (child) => {
   *   const a = await child.step(async () => 1);
   *   return a + (await child.step(async () => 2));
   * });
   */
  runInChildContext<TOutput>(
    name: string | undefined,
    fn: ChildFunc<TOutput, TLogger>,
    config?: ChildConfig<TOutput>,
  ): DurablePromise<TOutput>;
  runInChildContext<TOutput>(
    fn: ChildFunc<TOutput, TLogger>,
    config?: ChildConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Pause durably; whole seconds from 1 to 31,622,400.
   *
   * @example
   * await ctx.wait("cool-down", { hours: 1 });
   */
  wait(name: string, duration: Duration): DurablePromise<void>;
  wait(duration: Duration): DurablePromise<void>;

  /**
   * Poll `checkFunc` until the wait strategy says stop; state is checkpointed between polls.
   *
   * @example
   * const job = await ctx.waitForCondition("job", async (s) => getJob(s.id), {
   *   initialState: { id, done: false },
   *   waitStrategy: createWaitStrategy({ shouldContinuePolling: (s) => !s.done }),
   * });
   */
  waitForCondition<TOutput>(
    name: string | undefined,
    checkFunc: WaitForConditionCheckFunc<TOutput, TLogger>,
    config: WaitForConditionConfig<TOutput>,
  ): DurablePromise<TOutput>;
  waitForCondition<TOutput>(
    checkFunc: WaitForConditionCheckFunc<TOutput, TLogger>,
    config: WaitForConditionConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Create a callback an external system completes with its id; returns `[resultPromise, callbackId]`.
   *
   * @example
   * const [approval, callbackId] = await ctx.createCallback("approval", { timeout: { days: 1 } });
   * await ctx.step(() => notify(callbackId));
   * const answer = await approval;
   */
  createCallback<TOutput = string>(
    name: string | undefined,
    config?: CreateCallbackConfig<TOutput>,
  ): DurablePromise<CreateCallbackResult<TOutput>>;
  createCallback<TOutput = string>(
    config?: CreateCallbackConfig<TOutput>,
  ): DurablePromise<CreateCallbackResult<TOutput>>;

  /**
   * Create a callback, hand its id to `submitter` (run as a step) and wait for the result.
   *
   * @example
   * const answer = await ctx.waitForCallback("approval", async (callbackId) => notify(callbackId));
   */
  waitForCallback<TOutput = string>(
    name: string | undefined,
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<TOutput>,
  ): DurablePromise<TOutput>;
  waitForCallback<TOutput = string>(
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Run `mapFunc` for every item, each in its own child context, with optional concurrency and completion rules.
   *
   * @example
   * const r = await ctx.map("charge", orders, async (c, order) => c.step(() => charge(order)), { maxConcurrency: 4 });
   */
  map<TInput, TOutput>(
    name: string | undefined,
    items: TInput[],
    mapFunc: MapFunc<TInput, TOutput, TLogger>,
    config?: MapConfig<TInput, TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  map<TInput, TOutput>(
    items: TInput[],
    mapFunc: MapFunc<TInput, TOutput, TLogger>,
    config?: MapConfig<TInput, TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;

  /**
   * Run branches concurrently, each in its own child context.
   *
   * @example
   * const r = await ctx.parallel("both", [async (c) => c.step(a), { name: "b", func: async (c) => c.step(b) }]);
   */
  parallel<TOutput>(
    name: string | undefined,
    branches: (ParallelFunc<TOutput, TLogger> | NamedParallelBranch<TOutput, TLogger>)[],
    config?: ParallelConfig<TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  parallel<TOutput>(
    branches: (ParallelFunc<TOutput, TLogger> | NamedParallelBranch<TOutput, TLogger>)[],
    config?: ParallelConfig<TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  parallel<Branches extends readonly unknown[]>(
    nameOrBranches: string | undefined | Branches,
    branchesOrConfig?: Branches | ParallelConfig<BranchResult<Branches, TLogger>>,
    config?: ParallelConfig<BranchResult<Branches, TLogger>>,
  ): DurablePromise<BatchResult<BranchResult<Branches, TLogger>>>;

  /**
   * Durable promise combinators: only the combined outcome is checkpointed.
   *
   * @example
   * const [a, b] = await ctx.promise.all("both", [ctx.step(fa), ctx.step(fb)]);
   */
  promise: {
    all<TOutput>(name: string | undefined, promises: DurablePromise<TOutput>[]): DurablePromise<TOutput[]>;
    all<TOutput>(promises: DurablePromise<TOutput>[]): DurablePromise<TOutput[]>;
    allSettled<TOutput>(
      name: string | undefined,
      promises: DurablePromise<TOutput>[],
    ): DurablePromise<PromiseSettledResult<TOutput>[]>;
    allSettled<TOutput>(promises: DurablePromise<TOutput>[]): DurablePromise<PromiseSettledResult<TOutput>[]>;
    any<TOutput>(name: string | undefined, promises: DurablePromise<TOutput>[]): DurablePromise<TOutput>;
    any<TOutput>(promises: DurablePromise<TOutput>[]): DurablePromise<TOutput>;
    race<TOutput>(name: string | undefined, promises: DurablePromise<TOutput>[]): DurablePromise<TOutput>;
    race<TOutput>(promises: DurablePromise<TOutput>[]): DurablePromise<TOutput>;
  };

  /**
   * Replace the logger or turn off mode-aware suppression for this context and its children.
   *
   * @example
   * ctx.configureLogger({ customLogger: powertoolsLogger });
   */
  configureLogger(config: LoggerConfig<TLogger>): void;

  /**
   * Set default serdes for this context and its children.
   *
   * @example
   * ctx.configureSerdes({ defaultSerdes: mySerdes });
   */
  configureSerdes(config: SerdesConfig): void;

  /**
   * Run a step and, once it succeeds (live or on replay), register `compensate` to undo it.
   * (durable-lambda extension, saga pattern.)
   *
   * @example
   * await ctx.stepWithCompensation("reserve", () => reserve(id), async (r) => release(r));
   */
  stepWithCompensation<TOutput>(
    name: string | undefined,
    forward: StepFunc<TOutput, TLogger>,
    compensate: CompensateFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;
  stepWithCompensation<TOutput>(
    forward: StepFunc<TOutput, TLogger>,
    compensate: CompensateFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Run the registered compensations in reverse order; a failing one is recorded and the next still runs.
   *
   * @example
   * try { await ship(); } catch (e) { await ctx.runCompensations(); throw e; }
   */
  runCompensations(): DurablePromise<CompensationResult>;

  /**
   * Number of compensations registered on this context.
   *
   * @example
   * if (ctx.compensationCount() > 0) await ctx.runCompensations();
   */
  compensationCount(): number;
}
