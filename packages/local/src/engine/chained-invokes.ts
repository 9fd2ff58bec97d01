import type { ExecutionRecord } from "../store/store.js";
import type { FunctionDefinition, InvocationResult } from "../invoker/invoker.js";
import type { OperationRow } from "../wire.js";
import { randomHexId } from "../ids.js";
import type { Effect } from "../state-machines/transition.js";
import { completeChainedInvoke, type ChainedInvokeOutcome } from "../state-machines/chained-invoke.js";
import type { ExecutionState } from "./execution-state.js";
import type { EngineInternals } from "./engine-internals.js";

type PlainTarget = NonNullable<OperationRow["meta"]["plainTarget"]>;

/**
 * Runs the targets of CHAINED_INVOKE operations and completes the callers' operations with their outcomes: a
 * durable target is a child execution whose close completes the caller; a plain target is run once and its
 * return value or error completes it. The per-operation rules live in `state-machines/chained-invoke.ts`.
 *
 * @example
 * ```ts
 * const chained = new ChainedInvokes(internals);
 * chained.start(state, effect); // from a checkpoint's startChainedInvoke effect
 * ```
 */
export class ChainedInvokes {
  constructor(private readonly engine: EngineInternals) {}

  /**
   * After a restart: completes callers whose durable target closed just before the crash, and runs plain
   * targets whose invocation the crash interrupted again (at least once, like Lambda's async invokes).
   */
  reconcile(): void {
    const { store, executions } = this.engine;
    for (const record of store.listRunningExecutions()) {
      const state = executions.load(record.arn);
      if (!state) continue;
      for (const row of state.rows.values()) {
        if (row.op.Type !== "CHAINED_INVOKE" || row.op.Status !== "STARTED") continue;
        const { targetArn, plainTarget } = row.meta;
        if (plainTarget !== undefined) {
          this.runPlainTarget(record.arn, row.op.Id, plainTarget);
          continue;
        }
        const target = targetArn === undefined ? undefined : executions.load(targetArn)?.record;
        if (!target || target.status === "RUNNING") continue;
        this.complete(record.arn, row.op.Id, chainedOutcomeOf(target));
      }
    }
  }

  /** Starts the target of a new CHAINED_INVOKE (inside the caller's checkpoint transaction). */
  start(state: ExecutionState, effect: Extract<Effect, { kind: "startChainedInvoke" }>): void {
    if (effect.target.durable && effect.target.executionArn !== undefined) {
      const { def } = this.engine.functions.resolve(effect.target.functionName, effect.target.version);
      this.engine.startExecution({
        def,
        version: effect.target.version,
        input: effect.input ?? "",
        arn: effect.target.executionArn,
        name: effect.target.executionArn.split("/")[2] ?? randomHexId(),
        parent: { arn: state.arn, opId: effect.opId },
        ...(effect.tenantId === undefined ? {} : { tenantId: effect.tenantId }),
      });
      return;
    }
    // A plain target runs after the transaction commits; its outcome completes the operation.
    const target: PlainTarget = {
      functionName: effect.target.functionName,
      version: effect.target.version,
      ...(effect.input === undefined ? {} : { input: effect.input }),
    };
    const release = this.engine.clock.hold();
    setImmediate(() => {
      this.runPlainTarget(state.arn, effect.opId, target);
      release();
    });
  }

  /** A durable target closed: completes its caller's operation. */
  targetClosed(target: ExecutionRecord): void {
    if (target.parent) this.complete(target.parent.arn, target.parent.opId, chainedOutcomeOf(target));
  }

  /** Runs a plain target and completes the caller's operation with its result or error. */
  private runPlainTarget(arn: string, opId: string, target: PlainTarget): void {
    if (this.engine.closed) return;
    let def: FunctionDefinition;
    try {
      def = this.engine.functions.resolve(target.functionName, target.version).def;
    } catch (error) {
      this.complete(arn, opId, {
        status: "FAILED",
        error: {
          ErrorType: "ResourceNotFoundException",
          ErrorMessage: error instanceof Error ? error.message : String(error),
        },
      });
      return;
    }
    const run = this.engine
      .runPlainFunction(def, target.version, target.input ?? "null")
      .catch((error: unknown): InvocationResult => ({
        kind: "failed",
        errorType: error instanceof Error ? error.name : "Error",
        errorMessage: error instanceof Error ? error.message : String(error),
      }));
    this.engine.track(
      run.then((result) => {
        const outcome: ChainedInvokeOutcome =
          result.kind === "returned"
            ? { status: "SUCCEEDED", result: JSON.stringify(result.value) ?? "null" }
            : { status: "FAILED", error: { ErrorType: result.errorType, ErrorMessage: result.errorMessage } };
        this.complete(arn, opId, outcome);
      }),
    );
  }

  private complete(arn: string, opId: string, outcome: ChainedInvokeOutcome): void {
    const { executions, store, clock } = this.engine;
    const state = executions.load(arn);
    const row = state?.rows.get(opId);
    if (!state || !row || !state.running || this.engine.closed) return;
    if (state.live) {
      // A target that finishes while the caller's invocation still runs is recorded after that invocation's
      // InvocationCompleted — the order a real target (never that fast) produces, and the suite expects (5-x).
      state.deferred.push(() => this.complete(arn, opId, outcome));
      return;
    }
    const transition = completeChainedInvoke(row.op, row.meta, outcome, clock.now());
    if (!transition) return;
    store.transaction(() => this.engine.applyServiceTransition(state, transition));
  }
}

/** How a closed target execution completes its caller's CHAINED_INVOKE. */
function chainedOutcomeOf(record: ExecutionRecord): ChainedInvokeOutcome {
  if (record.status === "SUCCEEDED") {
    return record.result === undefined
      ? { status: "SUCCEEDED" }
      : { status: "SUCCEEDED", result: record.result };
  }
  const status = record.status === "RUNNING" ? "FAILED" : record.status;
  return record.error === undefined ? { status } : { status, error: record.error };
}
