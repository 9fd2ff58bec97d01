import { randomUUID } from "node:crypto";
import type { Clock } from "../scheduler/clock.js";
import { Scheduler, timerKey } from "../scheduler/scheduler.js";
import type { ExecutionRecord, HistoryEvent, Store, TimerRecord } from "../store/store.js";
import type { FunctionDefinition, InvocationLogLine, Invoker } from "../invoker/invoker.js";
import type { ErrorObject, OperationRecord, OperationRow } from "../wire.js";
import {
  alreadyStarted,
  callbackTimeout,
  conflict,
  invalidParameter,
  invalidToken,
  notFound,
} from "../errors.js";
import { executionArn, functionArn, parseFunctionIdentifier, randomHexId, randomToken } from "../ids.js";
import {
  epochSeconds,
  executionClosedEvent,
  executionEvent,
  invocationCompletedEvent,
  payloadWrapper,
  type EventDraft,
} from "../history.js";
import {
  DEFAULT_LIMITS,
  type ChainedTarget,
  type Effect,
  type Limits,
  type Transition,
  type TransitionContext,
} from "../state-machines/transition.js";
import { completeCallback, type CallbackOutcome } from "../state-machines/callback.js";
import { parseErrorObject, parseOperationUpdate } from "../state-machines/validate-update.js";
import { ExecutionState, type CheckpointResult } from "./execution-state.js";
import { planCheckpoint } from "./checkpoint-plan.js";
import { visiblePage } from "./state-view.js";
import { FunctionRegistry } from "./functions.js";
import { ExecutionCache, isExpired } from "./execution-cache.js";
import { CapturedLogs, type CapturedLogLimits } from "./captured-logs.js";
import { readHistoryPage, type HistoryPage, type HistoryQuery } from "./history-page.js";
import { selectExecutions, type ListExecutionsQuery } from "./list-executions.js";
import {
  checkInvokeRequest,
  durableInvokeOutcome,
  plainInvokeOutcome,
  type InvokeOutcome,
  type InvokeRequest,
} from "./invoke-request.js";
import type { ClosingStatus, EngineInternals, StartExecutionArgs } from "./engine-internals.js";
import { InvocationLoop } from "./invocation-loop.js";
import { ChainedInvokes } from "./chained-invokes.js";
import { dispatchTimer } from "./timer-dispatch.js";

export type { HistoryPage, HistoryQuery, InvokeOutcome, InvokeRequest, ListExecutionsQuery };

export interface DurableEngineOptions {
  store: Store;
  clock: Clock;
  /** Picks the invoker for a function (the service: worker processes for `module`, in-process for `handler`). */
  invokerFor: (def: FunctionDefinition) => Invoker;
  /**
   * Operations in the invocation event's first page (default 25 — small, so the SDK's paging through
   * GetDurableExecutionState is exercised); GetDurableExecutionState pages by its own MaxItems (default 100).
   */
  statePageSize?: number;
  limits?: Partial<Limits>;
  /** Consecutive failed invocations after which the execution fails (default 3). */
  maxConsecutiveInvocationFailures?: number;
  /** Delay before re-invoking after a failed invocation, multiplied by the failure count (default 1000 ms). */
  invocationRetryDelayMs?: number;
  /** Bounds on the invocation output kept for `logs()` (default 10,000 lines for each of 1,000 executions). */
  logLimits?: Partial<CapturedLogLimits>;
}

const CALLBACK_RESULT_LIMIT = 1024 * 1024;
const CALLBACK_ID_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The local durable execution service without HTTP: executions, checkpoint application, invocation scheduling,
 * callbacks, chained invokes, stop and timeouts. Every mutation is one store transaction.
 *
 * @example
 * ```ts
 * const engine = new DurableEngine({ store: new MemoryStore(), clock: new VirtualClock(), invokerFor: () => invoker });
 * engine.registerFunction({ name: "orders", handler });
 * const { durableExecutionArn } = await engine.invoke({ functionName: "orders:$LATEST", payload: "{}" });
 * ```
 */
export class DurableEngine {
  readonly store: Store;
  readonly clock: Clock;
  readonly functions = new FunctionRegistry();
  /** Base URL handed to invokers (set by startLocalService once the server listens). */
  serviceUrl = "http://127.0.0.1:0";
  private readonly limits: Limits;
  private readonly scheduler: Scheduler;
  private readonly executions: ExecutionCache;
  private readonly logLines: CapturedLogs;
  private readonly invocations: InvocationLoop;
  private readonly chained: ChainedInvokes;
  private closed = false;
  /** Resolves when every invocation started by this engine has finished (used by close). */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: DurableEngineOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.executions = new ExecutionCache(this.store, this.clock);
    this.logLines = new CapturedLogs(options.logLimits);
    const internals = this.internals();
    this.scheduler = new Scheduler(this.clock, this.store, (timer) => dispatchTimer(internals, timer));
    this.invocations = new InvocationLoop(internals, {
      invokerFor: options.invokerFor,
      pageSize: options.statePageSize ?? 25,
      maxFailures: options.maxConsecutiveInvocationFailures ?? 3,
      retryDelayMs: options.invocationRetryDelayMs ?? 1000,
      logs: this.logLines,
    });
    this.chained = new ChainedInvokes(internals);
  }

  /** The shared primitives the engine's parts use, bound to this engine (kept off its public API). */
  private internals(): EngineInternals {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read live engine fields
    const engine = this;
    return {
      store: this.store,
      clock: this.clock,
      functions: this.functions,
      executions: this.executions,
      get closed() {
        return engine.closed;
      },
      get serviceUrl() {
        return engine.serviceUrl;
      },
      save: (state) => this.save(state),
      append: (state, draft) => this.append(state, draft),
      scheduleTimer: (state, kind, opId, dueMs) => this.scheduleTimer(state, kind, opId, dueMs),
      applyServiceTransition: (state, transition) => this.applyServiceTransition(state, transition),
      closeExecution: (state, status, outcome) => this.closeExecution(state, status, outcome),
      startExecution: (args) => this.startExecution(args),
      queueInvocation: (state, delayMs) => this.invocations.queue(state, delayMs),
      runPlainFunction: (def, version, payload) => this.invocations.runPlainFunction(def, version, payload),
      track: (promise) => this.track(promise),
    };
  }

  /** Re-arms persisted timers and resumes executions interrupted by a crash or restart. */
  start(): void {
    this.scheduler.restore();
    const pendingTimers = new Set(this.store.listTimers().map((t) => t.key));
    for (const listed of this.store.listRunningExecutions()) {
      const state = this.executions.load(listed.arn);
      if (!state) continue;
      const record = state.record;
      if (record.invocation === "running") {
        // The invocation died with the previous process: record it as crashed, then retry it.
        this.store.transaction(() => {
          this.append(
            state,
            invocationCompletedEvent({
              startMs: this.clock.now(),
              endMs: this.clock.now(),
              requestId: randomUUID(),
              error: {
                ErrorType: "Runtime.ExitError",
                ErrorMessage: "The local service restarted during the invocation",
              },
            }),
          );
          state.record.invocation = "idle";
          this.invocations.queue(state, 0);
          this.save(state);
        });
      } else if (record.invocation === "queued" && !pendingTimers.has(timerKey(record.arn, "invocation"))) {
        state.record.invocation = "idle";
        this.store.transaction(() => {
          this.invocations.queue(state, 0);
          this.save(state);
        });
      }
    }
    // After the interrupted invocations are closed off, so their InvocationCompleted comes first in history.
    this.chained.reconcile();
  }

  registerFunction(def: FunctionDefinition): void {
    this.functions.register(def);
  }

  publishVersion(name: string): string {
    return this.functions.publishVersion(name);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Invoke and execution lifecycle

  /** The Invoke API: starts (or re-attaches to) a durable execution, or runs a plain function. */
  async invoke(req: InvokeRequest): Promise<InvokeOutcome> {
    const { name, qualifier, type } = checkInvokeRequest(req);
    const { def, version } = this.functions.resolve(name, qualifier);
    const durable = def.durable !== false;
    if (durable && qualifier === undefined) {
      throw invalidParameter(
        `Durable function ${name} must be invoked with a qualified identifier (a version or $LATEST)`,
      );
    }
    if (type === "DryRun") return { statusCode: 204, executedVersion: version };
    if (!durable) {
      const run = this.invocations.runPlainFunction(def, version, req.payload);
      if (type === "Event") {
        run.catch(() => {});
        return { statusCode: 202, executedVersion: version };
      }
      return plainInvokeOutcome(await run, version);
    }
    const record = this.startExecution({
      def,
      version,
      input: req.payload,
      ...(req.durableExecutionName === undefined ? {} : { name: req.durableExecutionName }),
      ...(req.tenantId === undefined ? {} : { tenantId: req.tenantId }),
      ...(req.traceHeader === undefined ? {} : { traceHeader: req.traceHeader }),
    });
    if (type === "Event")
      return { statusCode: 202, executedVersion: version, durableExecutionArn: record.arn };
    return durableInvokeOutcome(await this.waitForCompletion(record.arn), version);
  }

  /**
   * Creates an execution (or returns the existing one for an idempotent start by name, SERVICE.md §2.8) and
   * schedules its first invocation.
   */
  startExecution(args: StartExecutionArgs): ExecutionRecord {
    if (args.name !== undefined) {
      const existing = this.executions.findByName(args.def.name, args.name)?.record;
      if (existing) {
        if (existing.input === args.input) return existing;
        throw alreadyStarted(
          `Durable execution ${args.name} of function ${args.def.name} already exists with a different input (${existing.arn})`,
        );
      }
    }
    const id = randomHexId();
    const name = args.name ?? id;
    const nowMs = this.clock.now();
    const record: ExecutionRecord = {
      arn: args.arn ?? executionArn(args.def.name, args.version, name, id),
      name,
      functionName: args.def.name,
      version: args.version,
      functionArn: functionArn(args.def.name, args.version),
      status: "RUNNING",
      startMs: nowMs,
      input: args.input,
      executionOpId: randomHexId(),
      retentionPeriodInDays: args.def.retentionPeriodInDays ?? 14,
      eventCount: 0,
      opCount: 1,
      invocation: "idle",
      consecutiveFailures: 0,
      updatedIds: [],
    };
    if (args.def.executionTimeoutSeconds !== undefined)
      record.executionTimeoutSeconds = args.def.executionTimeoutSeconds;
    if (args.tenantId !== undefined) record.tenantId = args.tenantId;
    if (args.traceHeader !== undefined) record.traceHeader = args.traceHeader;
    if (args.parent !== undefined) record.parent = args.parent;
    const executionOp: OperationRecord = {
      Id: record.executionOpId,
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: nowMs,
      ExecutionDetails: { InputPayload: args.input },
    };
    const state = new ExecutionState(record);
    this.store.transaction(() => {
      this.store.putExecution(record);
      this.putRow(state, { seq: 0, op: executionOp, meta: {} });
      const details: Record<string, unknown> = { Input: payloadWrapper(args.input) };
      if (record.executionTimeoutSeconds !== undefined)
        details.ExecutionTimeout = record.executionTimeoutSeconds;
      this.append(state, executionEvent(record.executionOpId, "ExecutionStarted", details));
      if (record.executionTimeoutSeconds !== undefined) {
        this.scheduleTimer(state, "execution-timeout", "", nowMs + record.executionTimeoutSeconds * 1000);
      }
      this.executions.add(state);
      this.invocations.queue(state, 0);
      this.save(state);
    });
    return { ...record };
  }

  /** Resolves with the execution's final record once it is terminal. */
  waitForCompletion(arn: string): Promise<ExecutionRecord> {
    const state = this.executions.load(arn);
    if (!state) return Promise.reject(notFound(`Durable execution not found: ${arn}`));
    if (!state.running) return Promise.resolve({ ...state.record });
    return new Promise((resolve) => state.waiters.push(resolve));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Checkpoint API

  /** CheckpointDurableExecution (SERVICE.md §2.1, §7). `body` is untrusted JSON. */
  checkpoint(arn: string, body: unknown): CheckpointResult {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw invalidParameter(`The request body must be a JSON object`);
    }
    const {
      CheckpointToken: token,
      Updates: rawUpdates,
      ClientToken: clientToken,
    } = body as Record<string, unknown>;
    if (typeof token !== "string" || token.length === 0)
      throw invalidParameter(`CheckpointToken is required`);
    if (
      clientToken !== undefined &&
      (typeof clientToken !== "string" || !/^[\x21-\x7E]{1,64}$/.test(clientToken))
    ) {
      throw invalidParameter(`ClientToken must be 1..64 printable ASCII characters without spaces`);
    }
    if (this.closed) throw invalidToken(`the service is shutting down`);
    const state = this.executions.load(arn);
    if (!state) throw invalidToken(`no durable execution ${arn}`);
    const live = state.live;
    const cacheKey = clientToken === undefined ? undefined : `${clientToken}\u0000${token}`;
    if (live && cacheKey !== undefined && live.lastResponse?.key === cacheKey)
      return live.lastResponse.result;
    if (!live || live.token !== token)
      throw invalidToken(`the token is not the current token of a live invocation`);
    if (!state.running || state.record.pendingClose) throw invalidToken(`the durable execution is closed`);
    if (rawUpdates !== undefined && rawUpdates !== null && !Array.isArray(rawUpdates)) {
      throw invalidParameter(`Updates must be an array`);
    }
    const updates = ((rawUpdates as unknown[] | null | undefined) ?? []).map((u, i) =>
      parseOperationUpdate(u, i, this.limits.errorBytes),
    );
    const plan = planCheckpoint(state, updates, this.transitionContext());

    const release = this.clock.hold();
    try {
      this.store.transaction(() => {
        for (const transition of plan.transitions) {
          this.commitTransition(state, transition);
          live.delta.add(transition.op.Id);
        }
        if (plan.close) {
          const pending: NonNullable<ExecutionRecord["pendingClose"]> = { status: plan.close.status };
          if (plan.close.result !== undefined) pending.result = plan.close.result;
          if (plan.close.error !== undefined) pending.error = plan.close.error;
          state.record.pendingClose = pending;
        }
        state.record.opCount = state.rows.size;
        // This response delivers the delta, so the next invocation must not report it again (SDK.md §11:
        // onOperationEnd exactly once). Done before saving so a restart does not resurrect them either.
        for (const id of live.delta) state.pendingUpdates.delete(id);
        this.save(state);
      });
    } finally {
      release();
    }
    live.token = randomToken();
    const operations = [...live.delta].flatMap((id) => {
      const op = state.rows.get(id)?.op;
      return op ? [structuredClone(op)] : [];
    });
    live.delta.clear();
    live.undelivered = false;
    const result: CheckpointResult = {
      CheckpointToken: live.token,
      NewExecutionState: { Operations: operations },
    };
    if (cacheKey === undefined) delete live.lastResponse;
    else live.lastResponse = { key: cacheKey, result };
    return result;
  }

  /** GetDurableExecutionState (SERVICE.md §2.2): the pruned state, paged. */
  getExecutionState(
    arn: string,
    token: string,
    marker?: string,
    maxItems?: number,
  ): { Operations: OperationRecord[]; NextMarker?: string } {
    const state = this.executions.load(arn);
    if (!state) throw invalidToken(`no durable execution ${arn}`);
    if (!state.live || state.live.token !== token || !state.running) {
      throw invalidToken(`the token is not the current token of a live invocation`);
    }
    const size = maxItems === undefined || maxItems === 0 ? 100 : maxItems;
    if (!Number.isInteger(size) || size < 0 || size > 1000)
      throw invalidParameter(`MaxItems must be an integer in 0..1000`);
    const result = visiblePage(state, marker, size);
    const ops = result.items.map((op) => structuredClone(op));
    return result.nextMarker === undefined
      ? { Operations: ops }
      : { Operations: ops, NextMarker: result.nextMarker };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Read APIs

  /** GetDurableExecution: the record (a copy), or ResourceNotFound. */
  getExecution(arn: string): ExecutionRecord {
    const state = this.executions.load(arn);
    if (!state) throw notFound(`Durable execution not found: ${arn}`);
    return structuredClone(state.record);
  }

  /** Operations of an execution in start order, unpruned (for tools and tests). */
  getOperations(arn: string): OperationRecord[] {
    const state = this.executions.load(arn);
    if (!state) throw notFound(`Durable execution not found: ${arn}`);
    return state.order.flatMap((id) => {
      const op = state.rows.get(id)?.op;
      return op ? [structuredClone(op)] : [];
    });
  }

  /** GetDurableExecutionHistory (SERVICE.md §2.4, §13). */
  getHistory(arn: string, query: HistoryQuery = {}): HistoryPage {
    const state = this.executions.load(arn);
    if (!state) throw notFound(`Durable execution not found: ${arn}`);
    return readHistoryPage(this.store, state.record, query);
  }

  /** ListDurableExecutionsByFunction (SERVICE.md §2.5). */
  listExecutions(query: ListExecutionsQuery): { DurableExecutions: ExecutionRecord[]; NextMarker?: string } {
    const id = parseFunctionIdentifier(query.functionName);
    if (!id)
      throw invalidParameter(
        `FunctionName is not a valid function name or ARN: ${JSON.stringify(query.functionName.slice(0, 200))}`,
      );
    const records = this.store.listExecutionsByFunction(id.name);
    if (!this.functions.has(id.name) && records.length === 0)
      throw notFound(`Function not found: ${functionArn(id.name)}`);
    const nowMs = this.clock.now();
    const live = records.filter((r) => !isExpired(r, nowMs));
    return selectExecutions(live, id.qualifier === undefined ? query : { ...query, qualifier: id.qualifier });
  }

  /** Log lines captured from the execution's invocations, in order (the most recent ones, see `logLimits`). */
  logs(arn: string): InvocationLogLine[] {
    return this.logLines.lines(arn);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Stop and callbacks

  /** StopDurableExecution (SERVICE.md §10). `error` is untrusted JSON (the body). Returns the stop time in ms. */
  stop(arn: string, error: unknown): number {
    const parsed =
      error === undefined || error === null
        ? {}
        : parseErrorObject(error, "The error", this.limits.errorBytes);
    const state = this.executions.load(arn);
    if (!state) throw notFound(`Durable execution not found: ${arn}`);
    if (!state.running)
      throw conflict(`Durable execution ${arn} is already ${state.record.status} and cannot be stopped`);
    const nowMs = this.clock.now();
    this.store.transaction(() => {
      this.closeExecution(state, "STOPPED", { error: parsed });
    });
    return nowMs;
  }

  sendCallbackSuccess(callbackId: string, result: string): void {
    if (Buffer.byteLength(result, "utf8") > CALLBACK_RESULT_LIMIT) {
      throw invalidParameter(`The callback result must be at most ${CALLBACK_RESULT_LIMIT} bytes`);
    }
    this.completeCallbackBy(callbackId, { kind: "succeeded", result });
  }

  sendCallbackFailure(callbackId: string, error: unknown): void {
    const parsed =
      error === undefined || error === null
        ? {}
        : parseErrorObject(error, "The error", this.limits.errorBytes);
    this.completeCallbackBy(callbackId, { kind: "failed", error: parsed });
  }

  sendCallbackHeartbeat(callbackId: string): void {
    const { state, row } = this.findOpenCallback(callbackId);
    const heartbeat = row.meta.heartbeatTimeoutSeconds;
    // A heartbeat without a heartbeat timeout is accepted and ignored (SERVICE.md §8 CALLBACK).
    if (heartbeat === undefined) return;
    this.store.transaction(() => {
      this.scheduleTimer(state, "callback-heartbeat", row.op.Id, this.clock.now() + heartbeat * 1000);
    });
  }

  private completeCallbackBy(callbackId: string, outcome: CallbackOutcome): void {
    const { state, row } = this.findOpenCallback(callbackId);
    const release = this.clock.hold();
    try {
      this.store.transaction(() => {
        this.applyServiceTransition(state, completeCallback(row.op, row.meta, outcome, this.clock.now()));
      });
    } finally {
      release();
    }
  }

  private findOpenCallback(callbackId: string): { state: ExecutionState; row: OperationRow } {
    if (callbackId.length === 0 || callbackId.length > 1024 || !CALLBACK_ID_PATTERN.test(callbackId)) {
      throw invalidParameter(`CallbackId must be 1..1024 characters of the base64 alphabet`);
    }
    const ref = this.store.findCallback(callbackId);
    const state = ref && this.executions.load(ref.arn);
    const row = ref && state?.rows.get(ref.opId);
    if (!state || !row) throw notFound(`Callback not found: ${callbackId}`);
    if (!state.running)
      throw callbackTimeout(
        `Callback ${callbackId} can no longer be completed: the execution is ${state.record.status}`,
      );
    if (row.op.Status !== "STARTED") {
      throw callbackTimeout(
        `Callback ${callbackId} can no longer be completed: it is already ${row.op.Status}`,
      );
    }
    return { state, row };
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private scheduleTimer(state: ExecutionState, kind: TimerRecord["kind"], opId: string, dueMs: number): void {
    this.scheduler.schedule({ key: timerKey(state.arn, kind, opId), arn: state.arn, kind, opId, dueMs });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Applying changes (callers run these inside a store transaction)

  /** A change the service made (timer, callback API, chained-invoke outcome): commit it and re-invoke (§9.1). */
  private applyServiceTransition(state: ExecutionState, transition: Transition): void {
    this.commitTransition(state, transition);
    const id = transition.op.Id;
    state.pendingUpdates.add(id);
    if (state.live) {
      state.live.delta.add(id);
      state.live.undelivered = true;
    } else {
      this.invocations.queue(state, 0);
    }
    this.save(state);
  }

  private commitTransition(state: ExecutionState, transition: Transition): void {
    this.putRow(state, { seq: -1, op: transition.op, meta: transition.meta });
    if (transition.event) this.append(state, transition.event);
    for (const effect of transition.effects) this.applyEffect(state, effect);
  }

  private applyEffect(state: ExecutionState, effect: Effect): void {
    switch (effect.kind) {
      case "timer":
        this.scheduleTimer(state, effect.timer, effect.opId, effect.dueMs);
        return;
      case "cancelTimer":
        this.scheduler.cancel(timerKey(state.arn, effect.timer, effect.opId));
        return;
      case "startChainedInvoke":
        this.chained.start(state, effect);
        return;
      case "closeExecution":
        // Handled by the checkpoint itself (pendingClose); never produced by a per-operation machine.
        return;
    }
  }

  /** Closes an execution with its terminal event; notifies waiters and a chained-invoke parent. */
  private closeExecution(
    state: ExecutionState,
    status: ClosingStatus,
    outcome: { result?: string; error?: ErrorObject },
  ): void {
    const nowMs = this.clock.now();
    const record = state.record;
    record.status = status;
    record.endMs = nowMs;
    delete record.pendingClose;
    if (status === "SUCCEEDED") {
      if (outcome.result !== undefined) record.result = outcome.result;
    } else if (outcome.error !== undefined) {
      record.error = outcome.error;
    }
    const executionRow = state.rows.get(record.executionOpId);
    if (executionRow)
      this.putRow(state, {
        ...executionRow,
        op: { ...executionRow.op, Status: status, EndTimestamp: nowMs },
      });
    this.append(state, executionClosedEvent(record.executionOpId, status, record.result, outcome.error));
    this.scheduler.cancel(timerKey(state.arn, "execution-timeout"));
    this.scheduler.cancel(timerKey(state.arn, "invocation"));
    if (record.invocation === "queued") record.invocation = "idle";
    this.save(state);
    if (!state.live) this.executions.release(state);
    const final = structuredClone(record);
    for (const waiter of state.waiters.splice(0)) waiter(final);
    this.chained.targetClosed(record);
  }

  private putRow(state: ExecutionState, row: OperationRow): void {
    const stored = state.setRow(row);
    this.store.putOperation(state.arn, stored);
  }

  private append(state: ExecutionState, draft: EventDraft): void {
    state.record.eventCount++;
    // Key order as documented (EventType, EventId, EventTimestamp, …) reads best in dumps and the UI.
    const { EventType, ...rest } = draft;
    const ordered: HistoryEvent = {
      EventType,
      EventId: state.record.eventCount,
      EventTimestamp: epochSeconds(this.clock.now()),
      ...rest,
    };
    this.store.appendEvent(state.arn, ordered);
  }

  /** Persists what changed in the record; the input was written once when the execution was created. */
  private save(state: ExecutionState): void {
    state.record.updatedIds = [...state.pendingUpdates];
    this.store.updateExecution(state.record);
  }

  private transitionContext(): TransitionContext {
    return {
      nowMs: this.clock.now(),
      limits: this.limits,
      mintCallbackId: randomToken,
      resolveChainedTarget: (name) => this.resolveChainedTarget(name),
    };
  }

  private resolveChainedTarget(functionName: string): ChainedTarget {
    const id = parseFunctionIdentifier(functionName);
    if (!id)
      throw invalidParameter(
        `ChainedInvokeOptions.FunctionName is not a valid function name or ARN: ${JSON.stringify(functionName)}`,
      );
    let resolved;
    try {
      resolved = this.functions.resolve(id.name, id.qualifier);
    } catch {
      throw invalidParameter(`ChainedInvokeOptions.FunctionName names an unknown function: ${functionName}`);
    }
    const durable = resolved.def.durable !== false;
    const target: ChainedTarget = { functionName: id.name, version: resolved.version, durable };
    if (durable) {
      const executionId = randomHexId();
      target.executionArn = executionArn(id.name, resolved.version, executionId, executionId);
    }
    return target;
  }

  /**
   * Stops scheduling and invoking. Invocations still running are abandoned: whatever they report later is ignored,
   * and after a restart on the same store they are recorded as interrupted and run again. Waits for invocations
   * that finish within `graceMs`.
   */
  async close(graceMs = 1000): Promise<void> {
    this.closed = true;
    this.scheduler.close();
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }
}
