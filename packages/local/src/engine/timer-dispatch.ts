import type { TimerRecord } from "../store/store.js";
import { completeCallback } from "../state-machines/callback.js";
import { stepRetryDue } from "../state-machines/step.js";
import { waitElapsed } from "../state-machines/wait.js";
import type { EngineInternals } from "./engine-internals.js";

/**
 * Applies a fired timer to its execution, in one store transaction: a wait elapses, a step retry becomes READY,
 * a callback times out, the execution times out, or a delayed invocation becomes due. A timer for an execution
 * or operation that has moved on is dropped.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler(clock, store, (timer) => dispatchTimer(internals, timer));
 * ```
 */
export function dispatchTimer(engine: EngineInternals, timer: TimerRecord): void {
  if (engine.closed) return;
  const state = engine.executions.load(timer.arn);
  engine.store.transaction(() => {
    engine.store.deleteTimer(timer.key);
    if (!state || !state.running) return;
    const row = state.rows.get(timer.opId);
    const nowMs = engine.clock.now();
    switch (timer.kind) {
      case "wait": {
        const transition = row && waitElapsed(row.op, row.meta, nowMs);
        if (transition) engine.applyServiceTransition(state, transition);
        return;
      }
      case "step-retry": {
        const op = row && stepRetryDue(row.op);
        if (!row || !op) return;
        engine.applyServiceTransition(state, { op, meta: row.meta, effects: [] });
        return;
      }
      case "callback-timeout":
      case "callback-heartbeat": {
        if (!row || row.op.Status !== "STARTED") return;
        const kind = timer.kind === "callback-timeout" ? "timedOut" : "heartbeatTimedOut";
        engine.applyServiceTransition(state, completeCallback(row.op, row.meta, { kind }, nowMs));
        return;
      }
      case "execution-timeout":
        engine.closeExecution(state, "TIMED_OUT", {
          error: {
            ErrorType: "Execution.TimedOut",
            ErrorMessage: `Execution timed out after ${state.record.executionTimeoutSeconds ?? 0} seconds`,
          },
        });
        return;
      case "invocation":
        if (state.record.invocation === "queued") {
          state.record.invocation = "idle";
          engine.queueInvocation(state, 0);
          engine.save(state);
        }
        return;
    }
  });
}
