import {
  CallbackExternalError,
  CallbackTimeoutError,
  DurableOperationError,
  DurablePromise,
  InvokeError,
  ChildContextError,
  retryPresets,
  type AnySerdes,
  type AnySerdesDeserializer,
  type CompensateFunc,
  type CompensationResult,
  type DurableContext,
  type DurableLogger,
  type Duration,
  type LambdaContext,
  type MapConfig,
  type MapFunc,
  type NamedParallelBranch,
  type OperationUpdate,
  type ParallelConfig,
  type ParallelFunc,
  type RetryDecision,
  type StepConfig,
  type StepFunc,
  type WaitForCallbackConfig,
  type WaitForCallbackSubmitterFunc,
} from "durable-lambda";
import {
  callbackOptions,
  compensationCount,
  childRawId,
  durationToSeconds,
  hashOperationId,
  MAX_WAIT_SECONDS,
  runCombinator,
  runCompensations,
  runMap,
  runParallel,
  runWaitForCallback,
  splitName,
  stepWithCompensation,
  toErrorObject,
  wholeSeconds,
} from "durable-lambda/internal";
import type { TestOperation } from "../operations/test-operation.js";
import { captureCallSite } from "./call-site.js";
import { operationCodec, payloadOwner, type OperationCodec } from "./operation-codec.js";
import type { MockExecution } from "./mock-execution.js";
import { mockLogger } from "./mock-logger.js";
import type { OperationCall, RecordedOutcome } from "./record-source.js";

type Fn = (...args: any[]) => any;
type CallType = OperationCall["type"];

interface ContextRunOptions {
  codec: OperationCodec;
  /** What the caller receives for what the function threw. */
  mapError(error: unknown): Error;
  /**
   * A virtual context (`virtualContext`, FLAT batch items) takes an id but is neither recorded nor checkpointed;
   * its children are parented to the enclosing context.
   */
  virtual?: boolean;
}

/** Seconds until the next attempt, as the SDK sends them: the decision's delay rounded, at least 1 s. */
function nextAttemptDelaySeconds(delay: Duration | undefined, what: string): number {
  return delay === undefined ? 1 : Math.max(1, Math.round(durationToSeconds(delay, what)));
}

const PASS_THROUGH: AnySerdesDeserializer = { deserialize: async (payload) => payload };

function isFailure(rec: RecordedOutcome | undefined): rec is Extract<RecordedOutcome, { error: unknown }> {
  return rec !== undefined && rec.status !== "SUCCEEDED" && rec.status !== "STARTED";
}

/**
 * A DurableContext that needs no service: operations are numbered as the SDK numbers them, looked up in a
 * {@link RecordSource} (preloads or a recorded execution), and otherwise run in-process with time skipped —
 * waits elapse at once and retries run back to back. Every operation and every update the SDK would have
 * checkpointed is recorded on the shared {@link MockExecution}.
 */
export class MockContext {
  private counter = 0;
  // configureSerdes defaults, under the names core's context uses: the SDK's waitForCallback reads them.
  private defaultSerdes: AnySerdes | undefined;
  private defaultCallbackDeserializer: AnySerdesDeserializer | undefined;
  private customLogger: DurableLogger | undefined;

  readonly logger: DurableLogger;
  readonly executionContext: { readonly durableExecutionArn: string };
  readonly promise: DurableContext["promise"];

  constructor(
    private readonly exec: MockExecution,
    /** The CONTEXT operation this context runs in; undefined for the root. */
    private readonly own: OperationCall | undefined,
    readonly lambdaContext: LambdaContext,
    /** ParentId of this context's operations: its own id, or the enclosing one's for a virtual context. */
    private readonly parentId: string | undefined,
  ) {
    this.executionContext = { durableExecutionArn: exec.durableExecutionArn };
    this.logger = this.makeLogger(undefined);
    // The SDK's own combinators over this context: they start when first awaited and run in a child context.
    const combinator =
      (kind: "all" | "allSettled" | "any" | "race") =>
      (...args: unknown[]) => {
        const { name, rest } = splitName(args);
        return runCombinator(this.asDurableContext(), kind, name, rest[0] as DurablePromise<unknown>[]);
      };
    this.promise = {
      all: combinator("all"),
      allSettled: combinator("allSettled"),
      any: combinator("any"),
      race: combinator("race"),
    } as DurableContext["promise"];
  }

  /** This object typed as the SDK's public context. */
  asDurableContext(): DurableContext {
    return this as unknown as DurableContext;
  }

  // ---- numbering and bookkeeping -------------------------------------------------------------------------

  private next(type: CallType, subType: string, name: string | undefined): OperationCall {
    this.counter++;
    const rawId = childRawId(this.own?.rawId, this.counter);
    const call: OperationCall = { rawId, id: hashOperationId(rawId), type, subType };
    if (this.parentId !== undefined) call.parentId = this.parentId;
    if (this.own !== undefined) call.parent = this.own;
    if (name !== undefined) call.name = name;
    const site = captureCallSite();
    Object.defineProperty(call, "callSite", { get: site, enumerable: true });
    return call;
  }

  private update(
    call: OperationCall,
    action: OperationUpdate["Action"],
    extra: Partial<OperationUpdate> = {},
  ): void {
    const update: OperationUpdate = { Id: call.id, Type: call.type, SubType: call.subType, Action: action };
    if (call.parentId !== undefined) update.ParentId = call.parentId;
    if (call.name !== undefined) update.Name = call.name;
    this.exec.send({ ...update, ...extra });
  }

  /** Records the call and returns its recorded outcome; a determinism fault stops the run. */
  private begin(call: OperationCall): { op: TestOperation; rec: RecordedOutcome | undefined } {
    const op = this.exec.record(call);
    try {
      return { op, rec: this.exec.source.lookup(call) };
    } catch (error) {
      void this.exec.raise(error instanceof Error ? error : new Error(String(error)));
      return { op, rec: undefined };
    }
  }

  /**
   * The member of core's context the SDK's operations call (structurally) for a call whose arguments failed
   * validation: `begin` throwing ends the run, as it fails the SDK's execution, and the promise never settles.
   */
  start<T>(begin: () => () => Promise<T>): DurablePromise<T> {
    let run: () => Promise<T>;
    try {
      run = begin();
    } catch (error) {
      const fault = this.exec.raise(error instanceof Error ? error : new Error(String(error)));
      return new DurablePromise<T>(() => fault);
    }
    return new DurablePromise<T>(run);
  }

  /** Runs an argument check; a bad argument is a fault that ends the run, as it ends the SDK's invocation. */
  private orFault<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      void this.exec.raise(error instanceof Error ? error : new Error(String(error)));
      return undefined;
    }
  }

  /** The codec of `call`'s value: `serdes`, else the context default, else the SDK's JSON serdes. */
  private codec(call: OperationCall, serdes: AnySerdes | undefined): OperationCodec {
    return operationCodec(
      serdes ?? this.defaultSerdes,
      payloadOwner(call, this.exec.durableExecutionArn),
      (error) => this.exec.raise(error),
    );
  }

  /**
   * Settles an operation from a terminal record: resolves with the deserialized result, or throws the rebuilt
   * error (mapped for the caller). Undefined when the record is absent or not terminal.
   */
  private async fromRecord(
    op: TestOperation,
    rec: RecordedOutcome | undefined,
    codec: OperationCodec,
    mapError: (error: Error) => Error,
  ): Promise<{ value: unknown } | undefined> {
    if (rec?.status === "SUCCEEDED") {
      this.settle(op, rec);
      op.result = await codec.deserialize(rec.payload);
      return { value: op.result };
    }
    if (isFailure(rec)) {
      this.settle(op, rec);
      throw mapError(DurableOperationError.fromErrorObject(rec.error));
    }
    return undefined;
  }

  private settle(op: TestOperation, rec: RecordedOutcome): void {
    op.status = rec.status;
    if (isFailure(rec)) op.error = rec.error;
  }

  private makeLogger(operationName: string | undefined): DurableLogger {
    return mockLogger(this.exec.logs, () => this.customLogger, operationName);
  }

  // ---- step ---------------------------------------------------------------------------------------------

  step(...args: unknown[]): DurablePromise<unknown> {
    const {
      name,
      rest: [fn, config],
    } = splitName(args);
    const call = this.next("STEP", "Step", name);
    return new DurablePromise(() =>
      this.runStep(call, fn as Fn, config as { retryStrategy?: Fn; serdes?: AnySerdes } | undefined),
    );
  }

  private async runStep(
    call: OperationCall,
    fn: Fn,
    config: { retryStrategy?: Fn; serdes?: AnySerdes } | undefined,
  ): Promise<unknown> {
    const { op, rec } = this.begin(call);
    if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
    const codec = this.codec(call, config?.serdes);
    const recorded = await this.fromRecord(op, rec, codec, (e) => e);
    if (recorded !== undefined) return recorded.value;
    if (rec !== undefined || !this.exec.source.runsLive) return this.exec.block();
    const strategy = (config?.retryStrategy ?? retryPresets.default) as (
      e: Error,
      attempt: number,
    ) => RetryDecision;
    for (let attempt = 1; ; attempt++) {
      this.update(call, "START");
      const done = this.exec.beginExecuting();
      let value: unknown;
      try {
        value = await fn({ logger: this.makeLogger(call.name), attempt });
      } catch (thrown) {
        done();
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        const errorObject = toErrorObject(error);
        const decision = strategy(error, attempt);
        op.attempt = attempt;
        if (decision.shouldRetry) {
          const delay = nextAttemptDelaySeconds(decision.delay, "retry delay");
          this.update(call, "RETRY", { Error: errorObject, StepOptions: { NextAttemptDelaySeconds: delay } });
          continue;
        }
        this.update(call, "FAIL", { Error: errorObject });
        op.status = "FAILED";
        op.error = errorObject;
        throw DurableOperationError.fromErrorObject(errorObject);
      }
      done();
      const payload = await codec.serialize(value);
      this.update(call, "SUCCEED", payload === undefined ? {} : { Payload: payload });
      op.status = "SUCCEEDED";
      op.attempt = attempt;
      op.result = await codec.deserialize(payload);
      return op.result;
    }
  }

  // ---- wait ---------------------------------------------------------------------------------------------

  wait(...args: unknown[]): DurablePromise<void> {
    const {
      name,
      rest: [duration],
    } = splitName(args);
    const call = this.next("WAIT", "Wait", name);
    return new DurablePromise(async () => {
      const waitSeconds = this.orFault(() =>
        wholeSeconds(duration as Duration, "wait duration", 1, MAX_WAIT_SECONDS),
      );
      const { op, rec } = this.begin(call);
      if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
      if (rec?.status === "SUCCEEDED" || isFailure(rec)) return this.settle(op, rec);
      if (rec !== undefined || !this.exec.source.runsLive) return this.exec.block();
      if (waitSeconds === undefined) return this.exec.block();
      this.update(call, "START", { WaitOptions: { WaitSeconds: waitSeconds } });
      if (!this.exec.options.waitsElapse) return this.exec.block();
      op.status = "SUCCEEDED";
    });
  }

  // ---- callbacks ----------------------------------------------------------------------------------------

  createCallback(...args: unknown[]): DurablePromise<[DurablePromise<unknown>, string]> {
    const {
      name,
      rest: [config],
    } = splitName(args);
    const call = this.next("CALLBACK", "Callback", name);
    const cfg = config as
      { timeout?: Duration; heartbeatTimeout?: Duration; serdes?: AnySerdesDeserializer } | undefined;
    return new DurablePromise(async () => {
      const { op, rec } = this.begin(call);
      if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
      if (rec === undefined && !this.exec.source.runsLive) return this.exec.block();
      const callbackId =
        (rec?.status === "STARTED" ? rec.callbackId : undefined) ?? `mock-callback-${call.id}`;
      op.callbackId = callbackId;
      if (rec === undefined) {
        const options = this.orFault(() => callbackOptions(cfg));
        if (options === undefined) return this.exec.block();
        this.update(call, "START", { CallbackOptions: options });
      }
      const deserializer = cfg?.serdes ?? this.defaultCallbackDeserializer ?? PASS_THROUGH;
      const result = new DurablePromise<unknown>(async () => {
        if (rec === undefined || rec.status === "STARTED") return this.exec.block();
        this.settle(op, rec);
        if (rec.status === "SUCCEEDED") {
          op.result = rec.payload;
          return deserializer.deserialize(rec.payload, {
            entityId: call.rawId,
            durableExecutionArn: this.exec.durableExecutionArn,
          });
        }
        const message = rec.error.ErrorMessage ?? "callback failed";
        throw rec.status === "TIMED_OUT"
          ? new CallbackTimeoutError(message)
          : new CallbackExternalError(message, undefined, rec.error.ErrorData);
      });
      return [result, callbackId] as [DurablePromise<unknown>, string];
    });
  }

  // The SDK's own waitForCallback over this context: a CONTEXT holding a callback and the submitter's step,
  // its storage serdes and its error mapping are the SDK's.
  waitForCallback(...args: unknown[]): DurablePromise<unknown> {
    const { name, rest } = splitName(args);
    return runWaitForCallback(
      this.asDurableContext(),
      name,
      rest[0] as WaitForCallbackSubmitterFunc,
      rest[1] as WaitForCallbackConfig<unknown> | undefined,
    );
  }

  // ---- invoke -------------------------------------------------------------------------------------------

  invoke(...args: unknown[]): DurablePromise<unknown> {
    let name: string | undefined;
    let functionId: string;
    let input: unknown;
    let config: { payloadSerdes?: AnySerdes; resultSerdes?: AnySerdes; tenantId?: string } | undefined;
    if (args[0] !== null && typeof args[0] === "object") {
      const request = args[0] as { name?: string; functionId: string; input?: unknown } & NonNullable<
        typeof config
      >;
      ({ name, functionId, input } = request);
      config = request;
    } else if (typeof args[1] === "string") {
      // The official parsing: a string second argument makes the first one the name (SDK.md §4.6).
      [name, functionId, input, config] = args as [string, string, unknown, typeof config];
    } else {
      [functionId, input, config] = args as [string, unknown, typeof config];
    }
    const call = this.next("CHAINED_INVOKE", "ChainedInvoke", name);
    return new DurablePromise(async () => {
      const { op, rec } = this.begin(call);
      if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
      const resultCodec = this.codec(call, config?.resultSerdes);
      let outcome = rec;
      if (outcome === undefined) {
        if (!this.exec.source.runsLive) return this.exec.block();
        const payload = await this.codec(call, config?.payloadSerdes).serialize(input);
        const options = {
          FunctionName: functionId,
          ...(config?.tenantId !== undefined ? { TenantId: config.tenantId } : {}),
        };
        this.update(call, "START", {
          ...(payload !== undefined ? { Payload: payload } : {}),
          ChainedInvokeOptions: options,
        });
        outcome = await this.exec.invokeTarget(functionId, input);
      }
      if (outcome === undefined || outcome.status === "STARTED") return this.exec.block();
      this.settle(op, outcome);
      if (outcome.status === "SUCCEEDED") {
        op.result = await resultCodec.deserialize(outcome.payload);
        return op.result;
      }
      throw new InvokeError(
        outcome.error.ErrorMessage ?? "invoke failed",
        undefined,
        outcome.error.ErrorData,
      );
    });
  }

  // ---- child contexts -----------------------------------------------------------------------------------

  runInChildContext(...args: unknown[]): DurablePromise<unknown> {
    const {
      name,
      rest: [fn, config],
    } = splitName(args);
    const cfg = (config ?? {}) as {
      serdes?: AnySerdes;
      subType?: string;
      errorMapper?: Fn;
      virtualContext?: boolean;
    };
    const call = this.next("CONTEXT", cfg.subType ?? "RunInChildContext", name);
    return new DurablePromise(() =>
      this.runContext(call, fn as Fn, {
        virtual: cfg.virtualContext === true,
        codec: this.codec(call, cfg.serdes),
        // As the SDK: the function's error is checkpointed, rebuilt from its ErrorObject, and the caller gets
        // errorMapper's mapping of the rebuilt error, else a ChildContextError wrapping it.
        mapError: (e) => {
          const original = DurableOperationError.fromErrorObject(toErrorObject(e));
          return cfg.errorMapper
            ? (cfg.errorMapper(original) as Error)
            : new ChildContextError(original.message, original);
        },
      }),
    );
  }

  /** Runs `fn` in a child context of operation `call`, recording CONTEXT START and SUCCEED/FAIL. */
  private async runContext(call: OperationCall, fn: Fn, options: ContextRunOptions): Promise<unknown> {
    if (options.virtual === true) return this.runVirtualContext(call, fn, options);
    const { op, rec } = this.begin(call);
    if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
    // A context that succeeded with ReplayChildren is entered again so its children replay (SDK.md §4.7).
    const terminal = rec?.status === "SUCCEEDED" && rec.replayChildren === true ? undefined : rec;
    const recorded = await this.fromRecord(op, terminal, options.codec, options.mapError);
    if (recorded !== undefined) return recorded.value;
    if (rec === undefined && !this.exec.source.runsLive) return this.exec.block();
    const live = rec === undefined;
    if (live) this.update(call, "START");
    this.exec.enteredContexts.add(call.id);
    let value: unknown;
    try {
      value = await fn(this.childContext(call, call.id).asDurableContext());
    } catch (error) {
      const errorObject = toErrorObject(error);
      if (live) this.update(call, "FAIL", { Error: errorObject });
      op.status = "FAILED";
      op.error = errorObject;
      throw options.mapError(error);
    }
    const payload = await options.codec.serialize(value);
    if (live) this.update(call, "SUCCEED", payload === undefined ? {} : { Payload: payload });
    op.status = "SUCCEEDED";
    op.result = await options.codec.deserialize(payload);
    return op.result;
  }

  private async runVirtualContext(call: OperationCall, fn: Fn, options: ContextRunOptions): Promise<unknown> {
    try {
      const value = await fn(this.childContext(call, this.parentId).asDurableContext());
      return await options.codec.deserialize(await options.codec.serialize(value));
    } catch (error) {
      throw options.mapError(error);
    }
  }

  private childContext(call: OperationCall, parentId: string | undefined): MockContext {
    const child = new MockContext(this.exec, call, this.lambdaContext, parentId);
    child.defaultSerdes = this.defaultSerdes;
    child.defaultCallbackDeserializer = this.defaultCallbackDeserializer;
    child.customLogger = this.customLogger;
    return child;
  }

  // ---- map / parallel -----------------------------------------------------------------------------------

  // The SDK's own map/parallel run over this context: argument checks, the concurrency engine, the completion
  // policy and the BatchResult payload are the SDK's; the mock only supplies runInChildContext.

  map(...args: unknown[]): DurablePromise<unknown> {
    const { name, rest } = splitName(args);
    return runMap(
      this.asDurableContext(),
      name,
      rest[0] as unknown[],
      rest[1] as MapFunc<unknown, unknown>,
      rest[2] as MapConfig<unknown, unknown> | undefined,
    );
  }

  parallel(...args: unknown[]): DurablePromise<unknown> {
    const { name, rest } = splitName(args);
    return runParallel(
      this.asDurableContext(),
      name,
      rest[0] as (ParallelFunc<unknown> | NamedParallelBranch<unknown>)[],
      rest[1] as ParallelConfig<unknown> | undefined,
    );
  }

  // ---- waitForCondition ---------------------------------------------------------------------------------

  waitForCondition(...args: unknown[]): DurablePromise<unknown> {
    const {
      name,
      rest: [check, config],
    } = splitName(args);
    const call = this.next("STEP", "WaitForCondition", name);
    const cfg = config as { initialState: unknown; waitStrategy: Fn; serdes?: AnySerdes };
    return new DurablePromise(async () => {
      const { op, rec } = this.begin(call);
      if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
      const codec = this.codec(call, cfg.serdes);
      const recorded = await this.fromRecord(op, rec, codec, (e) => e);
      if (recorded !== undefined) return recorded.value;
      if (rec !== undefined || !this.exec.source.runsLive) return this.exec.block();
      let state = cfg.initialState;
      let elapsedSeconds = 0;
      for (let attempt = 1; attempt <= this.exec.options.maxConditionAttempts; attempt++) {
        this.update(call, "START");
        const done = this.exec.beginExecuting();
        let payload: string | undefined;
        let decision: { shouldContinue: boolean; delay?: Duration };
        try {
          const next = await (check as Fn)(state, { logger: this.makeLogger(call.name), attempt });
          payload = await codec.serialize(next);
          state = await codec.deserialize(payload);
          // Third argument: seconds spent polling so far (virtual: the sum of the delays chosen).
          decision = cfg.waitStrategy(state, attempt, elapsedSeconds);
        } catch (error) {
          done();
          const errorObject = toErrorObject(error);
          this.update(call, "FAIL", { Error: errorObject });
          op.status = "FAILED";
          op.error = errorObject;
          throw DurableOperationError.fromErrorObject(errorObject);
        }
        done();
        op.attempt = attempt;
        const withPayload = payload === undefined ? {} : { Payload: payload };
        if (!decision.shouldContinue) {
          this.update(call, "SUCCEED", withPayload);
          op.status = "SUCCEEDED";
          op.result = state;
          return state;
        }
        const delay = nextAttemptDelaySeconds(decision.delay, "waitForCondition delay");
        elapsedSeconds += delay;
        this.update(call, "RETRY", { ...withPayload, StepOptions: { NextAttemptDelaySeconds: delay } });
      }
      return this.exec.raise(
        new Error(
          `mock: waitForCondition ${call.name ?? call.rawId} still polling after ${this.exec.options.maxConditionAttempts} attempts`,
        ),
      );
    });
  }

  // ---- compensation (the SDK's own, over this context) ----------------------------------------------------

  stepWithCompensation(...args: unknown[]): DurablePromise<unknown> {
    const { name, rest } = splitName(args);
    return stepWithCompensation(
      this.asDurableContext(),
      name,
      rest[0] as StepFunc<unknown>,
      rest[1] as CompensateFunc<unknown>,
      rest[2] as StepConfig<unknown> | undefined,
    );
  }

  runCompensations(): DurablePromise<CompensationResult> {
    return runCompensations(this.asDurableContext());
  }

  compensationCount(): number {
    return compensationCount(this.asDurableContext());
  }

  // ---- configuration ------------------------------------------------------------------------------------

  configureLogger(config: { customLogger?: DurableLogger }): void {
    if (config.customLogger !== undefined) this.customLogger = config.customLogger;
  }

  configureSerdes(config: {
    defaultSerdes?: AnySerdes;
    defaultCallbackDeserializer?: AnySerdesDeserializer;
  }): void {
    if (config.defaultSerdes !== undefined) this.defaultSerdes = config.defaultSerdes;
    if (config.defaultCallbackDeserializer !== undefined)
      this.defaultCallbackDeserializer = config.defaultCallbackDeserializer;
  }
}
