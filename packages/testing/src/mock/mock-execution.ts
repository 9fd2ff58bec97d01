import type { OperationUpdate } from "durable-lambda";
import type { TestOperation } from "../operations/test-operation.js";
import { toErrorObject } from "durable-lambda/internal";
import type { OperationCall, RecordedOutcome, RecordSource } from "./record-source.js";

/** A stand-in for a function the handler invokes: gets the invoke input, returns its result or throws. */
export type InvokeTarget = (input: any) => unknown;

/** A log record emitted through `ctx.logger` or a step's logger during a mock run. */
export interface MockLogRecord {
  level: string;
  /** The arguments as passed. */
  params: unknown[];
  operationName?: string;
}

/** Why a mock run stopped before the handler settled. */
export interface MockFault {
  error: Error;
}

/**
 * The state of one mock run, shared by every context of the run: the operations performed, the updates that
 * would have been checkpointed, and the bookkeeping that decides when the handler is suspended (nothing is
 * executing user code and at least one operation waits — the SDK's suspension rule, SDK.md §7).
 */
export class MockExecution {
  readonly operations: TestOperation[] = [];
  readonly calls: OperationCall[] = [];
  readonly updates: OperationUpdate[] = [];
  readonly logs: MockLogRecord[] = [];
  readonly byId = new Map<string, TestOperation>();
  /** Contexts the handler entered (root = ""), for the replay's "recorded but not performed" check. */
  readonly enteredContexts = new Set<string>([""]);
  fault: MockFault | undefined;
  private executing = 0;
  private waiting = 0;
  private progress = 0;
  private checkScheduled = false;
  private onStop: ((reason: "suspended" | "fault") => void) | undefined;

  constructor(
    readonly source: RecordSource,
    readonly durableExecutionArn: string,
    readonly options: { waitsElapse: boolean; maxConditionAttempts: number },
    private readonly invokeTargets: ReadonlyMap<string, InvokeTarget> = new Map(),
  ) {}

  /** Runs the registered stand-in for `functionId`; undefined when none is registered (the invoke waits). */
  async invokeTarget(functionId: string, input: unknown): Promise<RecordedOutcome | undefined> {
    const target = this.invokeTargets.get(functionId);
    if (target === undefined) return undefined;
    const done = this.beginExecuting();
    try {
      const value = await target(input);
      return value === undefined
        ? { status: "SUCCEEDED" }
        : { status: "SUCCEEDED", payload: JSON.stringify(value) };
    } catch (error) {
      return { status: "FAILED", error: toErrorObject(error) };
    } finally {
      done();
    }
  }

  /** Resolves when the run must stop early: suspended with nothing executing, or a fault. */
  stopped(): Promise<"suspended" | "fault"> {
    return new Promise((resolve) => {
      this.onStop = resolve;
    });
  }

  record(call: OperationCall): TestOperation {
    const op: TestOperation = { id: call.id, type: call.type, subType: call.subType, status: "STARTED" };
    if (call.parentId !== undefined) op.parentId = call.parentId;
    if (call.name !== undefined) op.name = call.name;
    this.operations.push(op);
    this.calls.push(call);
    this.byId.set(call.id, op);
    this.touch();
    return op;
  }

  send(update: OperationUpdate): void {
    this.updates.push(update);
    this.touch();
  }

  /** Marks user code (a step, check or submitter function) as running; call the result when it ends. */
  beginExecuting(): () => void {
    this.executing++;
    this.touch();
    return () => {
      this.executing--;
      this.touch();
    };
  }

  /** A promise that never settles: the operation waits for something that does not happen in this run. */
  block<T>(): Promise<T> {
    this.waiting++;
    this.touch();
    return new Promise<T>(() => undefined);
  }

  /** Stops the run with a fault (non-determinism, misuse); every later operation blocks. */
  raise(error: Error): Promise<never> {
    this.fault ??= { error };
    this.onStop?.("fault");
    return new Promise<never>(() => undefined);
  }

  private touch(): void {
    this.progress++;
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    const seen = this.progress;
    // Two macrotask hops: every promise chain started by the last change has run by then, so "no progress"
    // means the handler is really parked on a blocked operation.
    setImmediate(() =>
      setImmediate(() => {
        this.checkScheduled = false;
        if (this.progress !== seen) return this.touch();
        if (this.executing === 0 && this.waiting > 0) this.onStop?.("suspended");
      }),
    );
  }
}
