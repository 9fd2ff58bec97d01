import { randomUUID } from "node:crypto";
import type { FunctionDefinition, InvocationResult, Invoker } from "../invoker/invoker.js";
import type { ErrorObject } from "../wire.js";
import { invalidParameter } from "../errors.js";
import { randomToken } from "../ids.js";
import { invocationCompletedEvent } from "../history.js";
import type { CapturedLogs } from "./captured-logs.js";
import type { EngineInternals } from "./engine-internals.js";
import type { ExecutionState, LiveInvocation } from "./execution-state.js";
import { decideNextStep } from "./invocation-outcome.js";
import { visiblePage } from "./state-view.js";
import { serializeOperation } from "./serialize.js";

export interface InvocationLoopOptions {
  invokerFor: (def: FunctionDefinition) => Invoker;
  /** Operations in the invocation event's first page. */
  pageSize: number;
  /** Consecutive failed invocations after which the execution fails. */
  maxFailures: number;
  /** Delay before re-invoking after a failed invocation, multiplied by the failure count. */
  retryDelayMs: number;
  logs: CapturedLogs;
}

/**
 * Runs an execution's invocations one at a time (SERVICE.md §7.5, §9): queues one when something changed, builds
 * the invocation event, calls the invoker, records InvocationCompleted and decides what follows (suspend,
 * re-invoke, retry with backoff, or close). Also runs plain (non-durable) functions.
 *
 * @example
 * ```ts
 * const loop = new InvocationLoop(internals, { invokerFor, pageSize: 25, maxFailures: 3, retryDelayMs: 1000, logs });
 * loop.queue(state, 0); // invokes on the next macrotask
 * ```
 */
export class InvocationLoop {
  constructor(
    private readonly engine: EngineInternals,
    private readonly options: InvocationLoopOptions,
  ) {}

  /** Schedules an invocation unless one is live (then it is told a change is waiting) or already queued. */
  queue(state: ExecutionState, delayMs: number): void {
    if (this.engine.closed || !state.running) return;
    if (state.live) {
      state.live.undelivered = true;
      return;
    }
    if (state.record.invocation !== "idle") return;
    state.record.invocation = "queued";
    if (delayMs > 0) {
      this.engine.scheduleTimer(state, "invocation", "", this.engine.clock.now() + delayMs);
      return;
    }
    // Hold time from the decision to invoke until the invocation has finished and scheduled its follow-ups.
    const release = this.engine.clock.hold();
    setImmediate(() => this.engine.track(this.run(state, release)));
  }

  /** Runs a plain function once and returns what it returned or threw. */
  async runPlainFunction(
    def: FunctionDefinition,
    version: string,
    payload: string,
  ): Promise<InvocationResult> {
    let input: unknown;
    try {
      input = payload === "" ? null : JSON.parse(payload);
    } catch {
      throw invalidParameter(`Could not parse request body into json: the payload is not valid JSON`);
    }
    const release = this.engine.clock.hold();
    try {
      return await this.options.invokerFor(def).invoke({
        fn: def,
        version,
        payload: input,
        requestId: randomUUID(),
        serviceUrl: this.engine.serviceUrl,
        deadlineMs: Date.now() + (def.timeoutSeconds ?? 900) * 1000,
        onLog: () => {},
      });
    } catch (error) {
      return {
        kind: "failed",
        errorType: "Runtime.InvokerError",
        errorMessage: error instanceof Error ? error.message : String(error),
      };
    } finally {
      release();
    }
  }

  private async run(state: ExecutionState, release: () => void): Promise<void> {
    const { store, clock, functions } = this.engine;
    try {
      if (this.engine.closed || !state.running || state.live || state.record.invocation !== "queued") return;
      // A function missing from the registry (e.g. a restart with fewer functions) fails this invocation only:
      // it is retried with backoff, so registering the function in time lets the execution continue.
      let def: FunctionDefinition | undefined;
      let missing: string | undefined;
      try {
        def = functions.resolve(state.record.functionName, state.record.version).def;
      } catch (error) {
        missing = error instanceof Error ? error.message : String(error);
      }
      const live: LiveInvocation = {
        requestId: randomUUID(),
        token: randomToken(),
        startMs: clock.now(),
        delta: new Set(),
        undelivered: false,
      };
      state.live = live;
      const envelope = this.buildEnvelope(state, live.token);
      state.pendingUpdates.clear();
      state.record.invocation = "running";
      store.transaction(() => this.engine.save(state));
      let result: InvocationResult;
      try {
        if (def === undefined) throw new Error(missing);
        result = await this.options.invokerFor(def).invoke({
          fn: def,
          version: state.record.version,
          payload: envelope,
          requestId: live.requestId,
          serviceUrl: this.engine.serviceUrl,
          deadlineMs: Date.now() + (def.timeoutSeconds ?? 900) * 1000,
          onLog: (line) => this.options.logs.append(state.arn, line),
        });
      } catch (error) {
        result = {
          kind: "failed",
          errorType: def === undefined ? "ResourceNotFoundException" : "Runtime.InvokerError",
          errorMessage: error instanceof Error ? error.message : String(error),
        };
      }
      if (this.engine.closed) return;
      store.transaction(() => this.finish(state, live, result));
      for (const apply of state.deferred.splice(0)) apply();
    } catch (error) {
      // A store failure or a bug: fail the execution clearly rather than leave it hanging.
      if (!this.engine.closed && state.running) {
        state.live = undefined;
        store.transaction(() =>
          this.engine.closeExecution(state, "FAILED", {
            error: {
              ErrorType: "ServiceError",
              ErrorMessage: error instanceof Error ? error.message : String(error),
            },
          }),
        );
      }
    } finally {
      release();
    }
  }

  private buildEnvelope(state: ExecutionState, token: string): Record<string, unknown> {
    const { items, nextMarker } = visiblePage(state, undefined, this.options.pageSize);
    const initial: Record<string, unknown> = { Operations: items.map((op) => serializeOperation(op, "iso")) };
    if (nextMarker !== undefined) initial.NextMarker = nextMarker;
    const envelope: Record<string, unknown> = {
      DurableExecutionArn: state.arn,
      CheckpointToken: token,
      InitialExecutionState: initial,
    };
    if (state.pendingUpdates.size > 0) envelope.UpdatedOperationIds = [...state.pendingUpdates];
    return envelope;
  }

  private finish(state: ExecutionState, live: LiveInvocation, result: InvocationResult): void {
    state.live = undefined;
    state.record.invocation = "idle";
    const failure: ErrorObject | undefined =
      result.kind === "failed"
        ? { ErrorType: result.errorType, ErrorMessage: result.errorMessage }
        : undefined;
    this.engine.append(
      state,
      invocationCompletedEvent({
        startMs: live.startMs,
        endMs: this.engine.clock.now(),
        requestId: live.requestId,
        ...(failure === undefined ? {} : { error: failure }),
      }),
    );
    if (!state.running) {
      // Closed while this invocation ran (stop, timeout): nothing needs it in memory any more.
      this.engine.save(state);
      this.engine.executions.release(state);
      return;
    }
    const next = decideNextStep({
      result,
      previousFailures: state.record.consecutiveFailures,
      maxFailures: this.options.maxFailures,
      retryDelayMs: this.options.retryDelayMs,
      undelivered: live.undelivered,
      outstanding: state.outstanding,
      ...(state.record.pendingClose === undefined ? {} : { pendingClose: state.record.pendingClose }),
    });
    state.record.consecutiveFailures = result.kind === "failed" ? state.record.consecutiveFailures + 1 : 0;
    switch (next.kind) {
      case "close":
        this.engine.closeExecution(state, next.status, next);
        return;
      case "retry":
        this.queue(state, next.delayMs);
        break;
      case "reinvoke":
        this.queue(state, 0);
        break;
      case "suspend":
        break;
    }
    this.engine.save(state);
  }
}
