import {
  CallbackExternalError,
  CallbackTimeoutError,
  DurablePromise,
  InvokeError,
  PromiseCombinatorError,
  type AnySerdes,
  type AnySerdesDeserializer,
  type BatchItem,
  type CompletionConfig,
  type CompletionReason,
  type CompensationItem,
  type DurableContext,
  type DurableLogger,
  type Duration,
  type LambdaContext,
  type OperationUpdate,
  type RetryDecision,
} from "durable-lambda";
import type { TestOperation } from "../operations/test-operation.js";
import { captureCallSite } from "./call-site.js";
import {
  asChildContextError,
  asWaitForCallbackError,
  fromErrorObject,
  toErrorObject,
} from "./error-objects.js";
import { MockBatchResult } from "./mock-batch-result.js";
import { wireId } from "./wire-id.js";
import type { MockExecution } from "./mock-execution.js";
import type { OperationCall, RecordedOutcome } from "./record-source.js";

type Fn = (...args: any[]) => any;
type CallType = OperationCall["type"];

/** Serializer pair used for one operation's value (a user serdes, the context default, or JSON). */
interface Codec {
  serialize(value: unknown): Promise<string | undefined>;
  deserialize(payload: string | undefined): Promise<unknown>;
}

interface ContextRunOptions {
  codec: Codec;
  /** What the caller receives for what the function threw. */
  mapError(error: unknown): Error;
  /**
   * A virtual context (`virtualContext`, FLAT batch items) takes an id but is neither recorded nor checkpointed;
   * its children are parented to the enclosing context.
   */
  virtual?: boolean;
}

interface BatchEntry {
  name: string;
  run(ctx: DurableContext): Promise<unknown>;
}

// The default step retry when no strategy is given: the SDK's default preset (6 attempts, 5 s doubling, capped
// at 60 s). The mock skips the delays, so jitter would only make checkpoints nondeterministic: none is applied.
function defaultRetry(_error: Error, attempt: number): RetryDecision {
  return attempt >= 6
    ? { shouldRetry: false }
    : { shouldRetry: true, delay: { seconds: Math.min(60, 5 * 2 ** (attempt - 1)) } };
}

/** Whole seconds of a Duration, as the SDK sends them. */
export function durationSeconds(duration: Duration | undefined): number | undefined {
  if (duration === undefined) return undefined;
  const d = duration as { days?: number; hours?: number; minutes?: number; seconds?: number };
  return (d.days ?? 0) * 86_400 + (d.hours ?? 0) * 3_600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
}

const JSON_CODEC: Codec = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (payload) => (payload === undefined ? undefined : JSON.parse(payload)),
};

const PASS_THROUGH: AnySerdesDeserializer = { deserialize: async (payload) => payload };

function isFailure(rec: RecordedOutcome | undefined): rec is Extract<RecordedOutcome, { error: unknown }> {
  return rec !== undefined && rec.status !== "SUCCEEDED" && rec.status !== "STARTED";
}

/** Splits `(name?, ...rest)` overloads: a leading string or undefined followed by more arguments is the name. */
function splitName(args: unknown[], restCount: number): [string | undefined, unknown[]] {
  if (typeof args[0] === "string" || (args[0] === undefined && args.length > restCount)) {
    return [args[0] as string | undefined, args.slice(1)];
  }
  return [undefined, args];
}

/**
 * A DurableContext that needs no service: operations are numbered as the SDK numbers them, looked up in a
 * {@link RecordSource} (preloads or a recorded execution), and otherwise run in-process with time skipped —
 * waits elapse at once and retries run back to back. Every operation and every update the SDK would have
 * checkpointed is recorded on the shared {@link MockExecution}.
 */
export class MockContext {
  private counter = 0;
  private defaultSerdes: AnySerdes | undefined;
  private callbackDeserializer: AnySerdesDeserializer | undefined;
  private customLogger: DurableLogger | undefined;
  private readonly compensations: Array<{ name: string | undefined; result: unknown; compensate: Fn }> = [];

  readonly logger: DurableLogger;
  readonly executionContext: { readonly durableExecutionArn: string };
  readonly promise: DurableContext["promise"];

  private readonly rawPrefix: string;

  constructor(
    private readonly exec: MockExecution,
    /** The CONTEXT operation this context runs in; undefined for the root. */
    private readonly own: OperationCall | undefined,
    readonly lambdaContext: LambdaContext,
    /** ParentId of this context's operations: its own id, or the enclosing one's for a virtual context. */
    private readonly parentId: string | undefined,
  ) {
    this.rawPrefix = own?.rawId ?? "";
    this.executionContext = { durableExecutionArn: exec.durableExecutionArn };
    this.logger = this.makeLogger(undefined);
    const combinator =
      (kind: "all" | "allSettled" | "any" | "race") =>
      (...args: unknown[]) => {
        const [name, [promises]] = splitName(args, 1);
        const call = this.next("CONTEXT", "RunInChildContext", name);
        return new DurablePromise(() =>
          this.runContext(
            call,
            () =>
              (Promise[kind] as (p: Promise<unknown>[]) => Promise<unknown>).call(
                Promise,
                promises as Promise<unknown>[],
              ),
            {
              codec: this.codec(undefined),
              mapError: (e) =>
                new PromiseCombinatorError((e as Error)?.message ?? "combinator failed", e as Error),
            },
          ),
        );
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
    const rawId = this.rawPrefix === "" ? String(this.counter) : `${this.rawPrefix}-${this.counter}`;
    const call: OperationCall = { rawId, id: wireId(rawId), type, subType };
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

  private codec(serdes: AnySerdes | undefined): Codec {
    const chosen = serdes ?? this.defaultSerdes;
    if (chosen === undefined) return JSON_CODEC;
    const context = { entityId: "", durableExecutionArn: this.exec.durableExecutionArn };
    return {
      serialize: (value) => chosen.serialize(value, context),
      deserialize: (payload) => chosen.deserialize(payload, context),
    };
  }

  /**
   * Settles an operation from a terminal record: resolves with the deserialized result, or throws the rebuilt
   * error (mapped for the caller). Undefined when the record is absent or not terminal.
   */
  private async fromRecord(
    op: TestOperation,
    rec: RecordedOutcome | undefined,
    codec: Codec,
    mapError: (error: Error) => Error,
  ): Promise<{ value: unknown } | undefined> {
    if (rec?.status === "SUCCEEDED") {
      this.settle(op, rec);
      op.result = await codec.deserialize(rec.payload);
      return { value: op.result };
    }
    if (isFailure(rec)) {
      this.settle(op, rec);
      throw mapError(fromErrorObject(rec.error));
    }
    return undefined;
  }

  private settle(op: TestOperation, rec: RecordedOutcome): void {
    op.status = rec.status;
    if (isFailure(rec)) op.error = rec.error;
  }

  private makeLogger(operationName: string | undefined): DurableLogger {
    const emit =
      (level: string) =>
      (...params: unknown[]) => {
        const record = { level, params, ...(operationName !== undefined ? { operationName } : {}) };
        this.exec.logs.push(record);
        const custom = this.customLogger;
        if (custom !== undefined) (custom[level as "info"] ?? custom.info).apply(custom, params);
      };
    return {
      log: (level: string, ...params: unknown[]) => emit(level.toLowerCase())(...params),
      error: emit("error"),
      warn: emit("warn"),
      info: emit("info"),
      debug: emit("debug"),
    };
  }

  // ---- step ---------------------------------------------------------------------------------------------

  step(...args: unknown[]): DurablePromise<unknown> {
    const [name, [fn, config]] = splitName(args, 1);
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
    const codec = this.codec(config?.serdes);
    const recorded = await this.fromRecord(op, rec, codec, (e) => e);
    if (recorded !== undefined) return recorded.value;
    if (rec !== undefined || !this.exec.source.runsLive) return this.exec.block();
    const strategy = (config?.retryStrategy ?? defaultRetry) as (e: Error, attempt: number) => RetryDecision;
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
          const delay = Math.max(1, Math.round(durationSeconds(decision.delay) ?? 1));
          this.update(call, "RETRY", { Error: errorObject, StepOptions: { NextAttemptDelaySeconds: delay } });
          continue;
        }
        this.update(call, "FAIL", { Error: errorObject });
        op.status = "FAILED";
        op.error = errorObject;
        throw fromErrorObject(errorObject);
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
    const [name, [duration]] = splitName(args, 1);
    const call = this.next("WAIT", "Wait", name);
    return new DurablePromise(async () => {
      const { op, rec } = this.begin(call);
      if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
      if (rec?.status === "SUCCEEDED" || isFailure(rec)) return this.settle(op, rec);
      if (rec !== undefined || !this.exec.source.runsLive) return this.exec.block();
      this.update(call, "START", { WaitOptions: { WaitSeconds: durationSeconds(duration as Duration) } });
      if (!this.exec.options.waitsElapse) return this.exec.block();
      op.status = "SUCCEEDED";
    });
  }

  // ---- callbacks ----------------------------------------------------------------------------------------

  createCallback(...args: unknown[]): DurablePromise<[DurablePromise<unknown>, string]> {
    const [name, [config]] = splitName(args, 0);
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
        const options: { TimeoutSeconds?: number; HeartbeatTimeoutSeconds?: number } = {};
        const timeout = durationSeconds(cfg?.timeout);
        const heartbeat = durationSeconds(cfg?.heartbeatTimeout);
        if (timeout !== undefined) options.TimeoutSeconds = timeout;
        if (heartbeat !== undefined) options.HeartbeatTimeoutSeconds = heartbeat;
        this.update(call, "START", { CallbackOptions: options });
      }
      const deserializer = cfg?.serdes ?? this.callbackDeserializer ?? PASS_THROUGH;
      const result = new DurablePromise<unknown>(async () => {
        if (rec === undefined || rec.status === "STARTED") return this.exec.block();
        this.settle(op, rec);
        if (rec.status === "SUCCEEDED") {
          op.result = rec.payload;
          return deserializer.deserialize(rec.payload, {
            entityId: call.id,
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

  waitForCallback(...args: unknown[]): DurablePromise<unknown> {
    const [name, [submitter, config]] = splitName(args, 1);
    const call = this.next("CONTEXT", "WaitForCallback", name);
    const cfg = (config ?? {}) as {
      timeout?: Duration;
      heartbeatTimeout?: Duration;
      retryStrategy?: Fn;
      serdes?: AnySerdesDeserializer;
    };
    const deserializer = cfg.serdes ?? this.callbackDeserializer ?? PASS_THROUGH;
    return new DurablePromise(async () => {
      // The context stores the raw callback string as JSON; the caller gets it through its deserializer.
      const raw = await this.runContext(
        call,
        async (child) => {
          const inner = child as unknown as MockContext;
          const [promise, callbackId] = await inner.createCallback(undefined, {
            ...(cfg.timeout !== undefined ? { timeout: cfg.timeout } : {}),
            ...(cfg.heartbeatTimeout !== undefined ? { heartbeatTimeout: cfg.heartbeatTimeout } : {}),
            serdes: PASS_THROUGH,
          });
          await inner.step(
            undefined,
            (ctx: { logger: DurableLogger }) => (submitter as Fn)(callbackId, { logger: ctx.logger }),
            {
              ...(cfg.retryStrategy !== undefined ? { retryStrategy: cfg.retryStrategy } : {}),
            },
          );
          return promise;
        },
        { codec: JSON_CODEC, mapError: asWaitForCallbackError },
      );
      return deserializer.deserialize(raw as string | undefined, {
        entityId: call.id,
        durableExecutionArn: this.exec.durableExecutionArn,
      });
    });
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
      const resultCodec = this.codec(config?.resultSerdes);
      let outcome = rec;
      if (outcome === undefined) {
        if (!this.exec.source.runsLive) return this.exec.block();
        const payload = await this.codec(config?.payloadSerdes).serialize(input);
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
    const [name, [fn, config]] = splitName(args, 1);
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
        codec: this.codec(cfg.serdes),
        mapError: (e) => {
          const mapped = asChildContextError(e);
          return cfg.errorMapper ? (cfg.errorMapper(mapped) as Error) : mapped;
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
    child.callbackDeserializer = this.callbackDeserializer;
    child.customLogger = this.customLogger;
    return child;
  }

  // ---- map / parallel -----------------------------------------------------------------------------------

  map(...args: unknown[]): DurablePromise<unknown> {
    const [name, [items, fn, config]] = splitName(args, 2);
    const list = items as unknown[];
    const cfg = (config ?? {}) as { itemNamer?: (item: unknown, i: number) => string };
    const entries = list.map((item, i) => ({
      name: cfg.itemNamer?.(item, i) ?? `map-item-${i}`,
      run: (ctx: DurableContext) => (fn as Fn)(ctx, item, i, list),
    }));
    return this.batch(name, "Map", "MapIteration", entries, config);
  }

  parallel(...args: unknown[]): DurablePromise<unknown> {
    const [name, [branches, config]] = splitName(args, 1);
    const entries = (branches as Array<Fn | { name?: string; func: Fn }>).map((branch, i) =>
      typeof branch === "function"
        ? { name: `parallel-branch-${i}`, run: branch }
        : { name: branch.name ?? `parallel-branch-${i}`, run: branch.func },
    );
    return this.batch(name, "Parallel", "ParallelBranch", entries, config);
  }

  private batch(
    name: string | undefined,
    subType: string,
    itemSubType: string,
    entries: BatchEntry[],
    config: unknown,
  ): DurablePromise<unknown> {
    const cfg = (config ?? {}) as {
      maxConcurrency?: number;
      completionConfig?: CompletionConfig;
      nesting?: string;
    };
    const call = this.next("CONTEXT", subType, name);
    const total = entries.length;
    const codec: Codec = {
      serialize: async (value) => JSON.stringify(value),
      deserialize: async (payload) => restoreBatch(payload, total),
    };
    return new DurablePromise(() =>
      this.runContext(
        call,
        (outer: DurableContext) => runBatchItems(outer as unknown as MockContext, entries, itemSubType, cfg),
        { codec, mapError: asChildContextError },
      ),
    );
  }

  /** Starts one batch item as a child context of this (the batch's) context. */
  runItem(entry: BatchEntry, itemSubType: string, flat: boolean): Promise<unknown> {
    const call = this.next("CONTEXT", itemSubType, entry.name);
    return this.runContext(call, entry.run as Fn, {
      virtual: flat,
      codec: this.codec(undefined),
      mapError: asChildContextError,
    });
  }

  // ---- waitForCondition ---------------------------------------------------------------------------------

  waitForCondition(...args: unknown[]): DurablePromise<unknown> {
    const [name, [check, config]] = splitName(args, 2);
    const call = this.next("STEP", "WaitForCondition", name);
    const cfg = config as { initialState: unknown; waitStrategy: Fn; serdes?: AnySerdes };
    return new DurablePromise(async () => {
      const { op, rec } = this.begin(call);
      if (this.exec.fault) return this.exec.raise(this.exec.fault.error);
      const codec = this.codec(cfg.serdes);
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
          throw fromErrorObject(errorObject);
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
        const delay = Math.max(1, Math.round(durationSeconds(decision.delay) ?? 1));
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

  // ---- compensation -------------------------------------------------------------------------------------

  stepWithCompensation(...args: unknown[]): DurablePromise<unknown> {
    const [name, [forward, compensate, config]] = splitName(args, 2);
    const step = this.step(name, forward, config);
    return new DurablePromise(async () => {
      const result = await step;
      this.compensations.push({ name, result, compensate: compensate as Fn });
      return result;
    });
  }

  runCompensations(): DurablePromise<{ items: CompensationItem[]; allSucceeded: boolean }> {
    return new DurablePromise(async () => {
      const items: CompensationItem[] = [];
      while (this.compensations.length > 0) {
        const entry = this.compensations.pop()!;
        const call = this.next("CONTEXT", "Compensation", entry.name);
        try {
          await this.runContext(call, (child: DurableContext) => entry.compensate(entry.result, child), {
            codec: JSON_CODEC,
            mapError: (e) => (e instanceof Error ? e : new Error(String(e))),
          });
          items.push({ name: entry.name ?? "", status: "SUCCEEDED" });
        } catch (error) {
          items.push({ name: entry.name ?? "", status: "FAILED", error: error as Error });
        }
      }
      return { items, allSucceeded: items.every((i) => i.status === "SUCCEEDED") };
    });
  }

  compensationCount(): number {
    return this.compensations.length;
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
      this.callbackDeserializer = config.defaultCallbackDeserializer;
  }
}

/** Runs batch items with at most `maxConcurrency` in flight, stopping when the completion rule says so. */
function runBatchItems(
  outer: MockContext,
  entries: BatchEntry[],
  itemSubType: string,
  config: { maxConcurrency?: number; completionConfig?: CompletionConfig; nesting?: string },
): Promise<MockBatchResult<unknown>> {
  const total = entries.length;
  const limit = config.maxConcurrency ?? Math.max(1, total);
  const all: Array<BatchItem<unknown>> = [];
  let next = 0;
  let inFlight = 0;
  let successes = 0;
  let failures = 0;
  return new Promise((resolve) => {
    let finished = false;
    const finish = (reason: CompletionReason): void => {
      if (finished) return;
      finished = true;
      resolve(new MockBatchResult(all.slice(), reason, total));
    };
    const pump = (): void => {
      while (!finished && inFlight < limit && next < total) start(next++);
      if (!finished && inFlight === 0 && next >= total) finish("ALL_COMPLETED");
    };
    const start = (index: number): void => {
      inFlight++;
      all[index] = { index, status: "STARTED" };
      outer
        .runItem(entries[index]!, itemSubType, config.nesting === "FLAT")
        .then(
          (result) => {
            successes++;
            all[index] = { result, index, status: "SUCCEEDED" };
          },
          (error: unknown) => {
            failures++;
            all[index] = {
              error: asChildContextError(error) as BatchItem<unknown>["error"],
              index,
              status: "FAILED",
            };
          },
        )
        .finally(() => {
          inFlight--;
          const reason = completionReason(config.completionConfig, successes, failures, total, all);
          if (reason !== undefined) finish(reason);
          else pump();
        });
    };
    pump();
  });
}

/** The batch completion rule of SDK.md §4.8, checked after each item completes. */
function completionReason(
  config: CompletionConfig | undefined,
  successes: number,
  failures: number,
  total: number,
  all: Array<BatchItem<unknown>>,
): CompletionReason | undefined {
  const completed = successes + failures;
  if (config?.shouldComplete !== undefined) {
    const decision = config.shouldComplete({
      successCount: successes,
      failureCount: failures,
      completedCount: completed,
      totalCount: total,
      items: all.map((i) => ({ index: i.index, status: i.status })),
    });
    if (decision.complete) {
      return decision.outcome === "FAILED" ? "CUSTOM_COMPLETION_FAILED" : "CUSTOM_COMPLETION_SUCCEEDED";
    }
    return completed === total ? "ALL_COMPLETED" : undefined;
  }
  const { minSuccessful, toleratedFailureCount, toleratedFailurePercentage } = config ?? {};
  const unset =
    minSuccessful === undefined &&
    toleratedFailureCount === undefined &&
    toleratedFailurePercentage === undefined;
  if (unset && failures > 0) return "FAILURE_TOLERANCE_EXCEEDED";
  if (toleratedFailureCount !== undefined && failures > toleratedFailureCount)
    return "FAILURE_TOLERANCE_EXCEEDED";
  if (
    toleratedFailurePercentage !== undefined &&
    total > 0 &&
    (failures / total) * 100 > toleratedFailurePercentage
  ) {
    return "FAILURE_TOLERANCE_EXCEEDED";
  }
  if (completed === total) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && successes >= minSuccessful) return "MIN_SUCCESSFUL_REACHED";
  return undefined;
}

/** Rebuilds a BatchResult from its checkpointed JSON (a recorded Map/Parallel context). */
function restoreBatch(payload: string | undefined, total: number): MockBatchResult<unknown> {
  const data = (payload === undefined || payload === "" ? {} : JSON.parse(payload)) as {
    all?: Array<{
      result?: unknown;
      error?: { ErrorMessage?: string };
      index: number;
      status: BatchItem<unknown>["status"];
    }>;
    completionReason?: CompletionReason;
  };
  const all = (data.all ?? []).map((item) =>
    item.status === "FAILED"
      ? {
          index: item.index,
          status: item.status,
          error: asChildContextError(fromErrorObject(item.error ?? {})) as BatchItem<unknown>["error"],
        }
      : {
          ...(item.result !== undefined ? { result: item.result } : {}),
          index: item.index,
          status: item.status,
        },
  );
  return new MockBatchResult(all, data.completionReason ?? "ALL_COMPLETED", Math.max(total, all.length));
}
