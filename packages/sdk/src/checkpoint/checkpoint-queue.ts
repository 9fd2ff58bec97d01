// One FIFO of OperationUpdates per invocation (SDK.md §6). Updates issued in the same tick share a call (the
// flush runs on the next macrotask); one CheckpointDurableExecution call is in flight at a time; a call carries
// at most 250 updates and ~750 KiB; every response rotates the token and merges the returned operations into
// the execution state, which wakes only the waiters of operations that changed.
import type { DurableExecutionClient } from "../types/durable-execution.js";
import type { CheckpointDurableExecutionResponse, Operation, OperationUpdate } from "../types/wire.js";
import type { ExecutionState } from "../replay/execution-state.js";

export const MAX_UPDATES_PER_CALL = 250;
export const MAX_BYTES_PER_CALL = 750 * 1024;
const BASE_CALL_BYTES = 100;

/** Whether the context that issued an update (or an ancestor) has finished; such updates are discarded. */
export interface UpdateOwner {
  readonly abandoned: boolean;
}

interface QueuedUpdate {
  readonly update: OperationUpdate;
  readonly rawId: string;
  /** A cheap upper bound of {@link exactSize}, from string lengths (see {@link sizeBound}). */
  readonly boundBytes: number;
  /** The spec's estimate, computed only when the bounds of a call come near the byte limit. */
  exactBytes: number | undefined;
  /** Settles the enqueue() promise; undefined for a posted update. */
  readonly resolve: (() => void) | undefined;
}

export interface CheckpointQueueOptions {
  client: DurableExecutionClient;
  durableExecutionArn: string;
  checkpointToken: string;
  state: ExecutionState;
  /** Schedules the flush on the next macrotask (setImmediate in production). */
  schedule: (fn: () => void) => void;
  /** A call failed: the invocation terminates; queued promises never settle. */
  onError: (error: unknown) => void;
  /** Records whose status changed after a response was merged. */
  onOperationsChanged?: (changed: Operation[]) => void;
  /** The queue went idle or busy (drives the suspension check). */
  onIdleChanged?: () => void;
}

/**
 * @example
 * const queue = new CheckpointQueue({ client, durableExecutionArn, checkpointToken, state, schedule: setImmediate, onError });
 * await queue.enqueue({ Id, Type: "STEP", Action: "SUCCEED", Payload: "1" }, "1", ownerNode);
 */
export class CheckpointQueue {
  private readonly pending: QueuedUpdate[] = [];
  private head = 0;
  private token: string;
  private inFlight = false;
  private flushScheduled = false;
  private refreshWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  private stopped = false;
  private callCount = 0;

  constructor(private readonly options: CheckpointQueueOptions) {
    this.token = options.checkpointToken;
  }

  /** Current checkpoint token (rotated by every response). */
  get checkpointToken(): string {
    return this.token;
  }

  /** Number of CheckpointDurableExecution calls made. */
  get calls(): number {
    return this.callCount;
  }

  /** True when nothing is queued, no call is in flight and no refresh is pending. */
  get idle(): boolean {
    return (
      !this.inFlight && !this.flushScheduled && this.queuedCount === 0 && this.refreshWaiters.length === 0
    );
  }

  private get queuedCount(): number {
    return this.pending.length - this.head;
  }

  /**
   * Queue an update; resolves after the call that carried it returned and its response was merged. An update
   * issued after its owner context (or an ancestor) finished is discarded and its promise never settles; updates
   * queued before the context finished (e.g. a nested context's fire-and-forget SUCCEED) are still sent, in order.
   */
  enqueue(update: OperationUpdate, rawId: string, owner: UpdateOwner): Promise<void> {
    return new Promise<void>((resolve) => this.enqueueThen(update, rawId, owner, resolve));
  }

  /** Queue an update nobody awaits (a step's START): as {@link enqueue}, without a promise. */
  post(update: OperationUpdate, rawId: string, owner: UpdateOwner): void {
    if (this.stopped || owner.abandoned) return;
    this.push(update, rawId, undefined);
  }

  /** As {@link enqueue}, calling `onSent` instead of settling a promise (a step's hot path). */
  enqueueThen(update: OperationUpdate, rawId: string, owner: UpdateOwner, onSent: () => void): void {
    if (this.stopped || owner.abandoned) return;
    this.push(update, rawId, onSent);
  }

  private push(update: OperationUpdate, rawId: string, resolve: (() => void) | undefined): void {
    this.pending.push({
      update,
      rawId,
      resolve,
      boundBytes: sizeBound(rawId, update),
      exactBytes: undefined,
    });
    this.scheduleFlush();
  }

  /** An empty-update call that refreshes state (used by in-invocation polling). */
  forceRefresh(): Promise<void> {
    if (this.stopped) return new Promise<void>(() => undefined);
    return new Promise<void>((resolve) => {
      this.refreshWaiters.push(resolve);
      this.scheduleFlush();
    });
  }

  /** Resolves once the queue is idle. */
  drain(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  /** After termination: nothing more is sent and every pending promise is abandoned. */
  stop(): void {
    this.stopped = true;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight) return;
    const wasIdle = this.idle;
    this.flushScheduled = true;
    if (wasIdle) this.options.onIdleChanged?.();
    this.options.schedule(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private takeBatch(): QueuedUpdate[] {
    const batch: QueuedUpdate[] = [];
    const base = BASE_CALL_BYTES + this.token.length;
    // Sums upper bounds while they fit; once they may not, switches to the exact estimates, so calls are cut
    // exactly where the spec's estimate cuts them while small updates are never serialised just to be sized.
    let bytes = base;
    let exact = false;
    while (this.head < this.pending.length && batch.length < MAX_UPDATES_PER_CALL) {
      const next = this.pending[this.head] as QueuedUpdate;
      if (!exact && bytes + next.boundBytes > MAX_BYTES_PER_CALL) {
        exact = true;
        bytes = base;
        for (const item of batch) bytes += exactSize(item);
      }
      const size = exact ? exactSize(next) : next.boundBytes;
      // A single oversize update still goes out, alone.
      if (batch.length > 0 && bytes + size > MAX_BYTES_PER_CALL) break;
      bytes += size;
      batch.push(next);
      this.head++;
    }
    // Taken items must not stay reachable from the array: a drained queue starts over (the usual case: every
    // flush takes everything), a long one drops its consumed prefix now and then.
    if (this.head === this.pending.length) {
      this.pending.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    return batch;
  }

  private flush(): void {
    if (this.stopped || this.inFlight) return;
    const batch = this.takeBatch();
    const refreshes = this.refreshWaiters;
    if (batch.length === 0 && refreshes.length === 0) {
      this.settleIdle();
      return;
    }
    this.refreshWaiters = [];
    this.inFlight = true;
    this.callCount++;
    let call: Promise<CheckpointDurableExecutionResponse>;
    try {
      call = this.options.client.checkpoint({
        DurableExecutionArn: this.options.durableExecutionArn,
        CheckpointToken: this.token,
        Updates: batch.map((item) => item.update),
      });
    } catch (error) {
      this.failed(error);
      return;
    }
    // One reaction per call (no async wrapper): this runs once per checkpoint.
    Promise.resolve(call).then(
      (response) => this.completed(response, batch, refreshes),
      (error: unknown) => this.failed(error),
    );
  }

  private completed(
    response: CheckpointDurableExecutionResponse,
    batch: QueuedUpdate[],
    refreshes: (() => void)[],
  ): void {
    if (this.stopped) return;
    try {
      if (response.CheckpointToken) this.token = response.CheckpointToken;
      const changed = this.options.state.merge(response.NewExecutionState?.Operations);
      if (changed.length > 0) this.options.onOperationsChanged?.(changed);
    } catch (error) {
      this.failed(error);
      return;
    }
    this.inFlight = false;
    for (const item of batch) item.resolve?.();
    for (const resolve of refreshes) resolve();
    if (this.queuedCount > 0 || this.refreshWaiters.length > 0) this.scheduleFlush();
    else this.settleIdle();
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.inFlight = false;
    this.options.onError(error);
  }

  private settleIdle(): void {
    if (!this.idle) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
    this.options.onIdleChanged?.();
  }
}

/** UTF-8 size of the update as JSON together with its raw id (SDK.md §6 estimate); computed once per update. */
function exactSize(item: QueuedUpdate): number {
  item.exactBytes ??= Buffer.byteLength(JSON.stringify({ rawId: item.rawId, update: item.update }), "utf8");
  return item.exactBytes;
}

/** JSON writes a UTF-16 code unit as at most 6 bytes (`\u001f`, a lone surrogate `\udc00`). */
const MAX_JSON_BYTES_PER_CHAR = 6;
/** Keys, quotes, punctuation, enum values, numbers and booleans of the largest update shape, rounded up. */
const UPDATE_FIXED_BYTES = 640;

/**
 * An upper bound of {@link exactSize} without serialising: every string an update can carry, at the worst
 * JSON/UTF-8 expansion, plus a constant for everything else (all other fields are enums, numbers or booleans).
 */
export function sizeBound(rawId: string, update: OperationUpdate): number {
  let chars =
    rawId.length +
    length(update.Id) +
    length(update.ParentId) +
    length(update.Name) +
    length(update.Type) +
    length(update.SubType) +
    length(update.Action) +
    length(update.Payload);
  const error = update.Error;
  if (error) {
    chars += length(error.ErrorType) + length(error.ErrorMessage) + length(error.ErrorData);
    // Each frame adds its quotes and comma (3 bytes ≤ 6 × 1 char).
    if (Array.isArray(error.StackTrace)) for (const frame of error.StackTrace) chars += length(frame) + 1;
  }
  const invoke = update.ChainedInvokeOptions;
  if (invoke) chars += length(invoke.FunctionName) + length(invoke.TenantId);
  return UPDATE_FIXED_BYTES + chars * MAX_JSON_BYTES_PER_CHAR;
}

/** Length of a string field; other types are covered by the fixed part (a non-string is never expected). */
function length(value: unknown): number {
  if (typeof value === "string") return value.length;
  // Anything unexpected is sized exactly, so the bound stays an upper bound whatever callers put there.
  return value === undefined ? 0 : (JSON.stringify(value)?.length ?? 0);
}
