// One FIFO of OperationUpdates per invocation (SDK.md §6). Updates issued in the same tick share a call (the
// flush runs on the next macrotask); one CheckpointDurableExecution call is in flight at a time; a call carries
// at most 250 updates and ~750 KiB; every response rotates the token and merges the returned operations into
// the execution state, which wakes only the waiters of operations that changed.
import type { DurableExecutionClient } from "../types/durable-execution.js";
import type { Operation, OperationUpdate } from "../types/wire.js";
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
  readonly sizeBytes: number;
  readonly resolve: () => void;
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
    if (this.stopped || owner.abandoned) return new Promise<void>(() => undefined);
    return new Promise<void>((resolve) => {
      this.pending.push({ update, resolve, sizeBytes: estimateSize(rawId, update) });
      this.scheduleFlush();
    });
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
      void this.flush();
    });
  }

  private takeBatch(): QueuedUpdate[] {
    const batch: QueuedUpdate[] = [];
    let bytes = BASE_CALL_BYTES + this.token.length;
    while (this.head < this.pending.length && batch.length < MAX_UPDATES_PER_CALL) {
      const next = this.pending[this.head] as QueuedUpdate;
      // A single oversize update still goes out, alone.
      if (batch.length > 0 && bytes + next.sizeBytes > MAX_BYTES_PER_CALL) break;
      bytes += next.sizeBytes;
      batch.push(next);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    return batch;
  }

  private async flush(): Promise<void> {
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
    try {
      const response = await this.options.client.checkpoint({
        DurableExecutionArn: this.options.durableExecutionArn,
        CheckpointToken: this.token,
        Updates: batch.map((item) => item.update),
      });
      if (this.stopped) return;
      if (response.CheckpointToken) this.token = response.CheckpointToken;
      const changed = this.options.state.merge(response.NewExecutionState?.Operations);
      if (changed.length > 0) this.options.onOperationsChanged?.(changed);
    } catch (error) {
      this.stopped = true;
      this.inFlight = false;
      this.options.onError(error);
      return;
    }
    this.inFlight = false;
    for (const item of batch) item.resolve();
    for (const resolve of refreshes) resolve();
    if (this.queuedCount > 0 || this.refreshWaiters.length > 0) this.scheduleFlush();
    else this.settleIdle();
  }

  private settleIdle(): void {
    if (!this.idle) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
    this.options.onIdleChanged?.();
  }
}

/** UTF-8 size of the update as JSON together with its raw id (SDK.md §6 estimate). */
function estimateSize(rawId: string, update: OperationUpdate): number {
  return Buffer.byteLength(JSON.stringify({ rawId, update }), "utf8");
}
