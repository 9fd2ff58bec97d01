// One operation's identity and its I/O helpers: build updates with the right Id/ParentId/Name/Type/SubType,
// queue them, and wait for the service to change the record (with in-invocation polling, SDK.md §6).
import type { ExpectedOperation } from "../replay/determinism.js";
import type { PayloadOwner } from "../serdes.js";
import type { SerdesContext } from "../types/serdes-types.js";
import type { Operation, OperationAction, OperationType, OperationUpdate } from "../types/wire.js";
import type { DurableContextImpl } from "./durable-context.js";
import { never } from "./execution-runtime.js";
import type { WaitReason } from "./lifecycle.js";

/** Poll backoff: the first poll at the known end time (else 1 s), then 1 s doubling to 10 s; 60 s after 95. */
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;
const LATE_POLL_MS = 60_000;
const LATE_POLL_AFTER = 95;
/** A poll must fire at least this long before the Lambda deadline. */
const DEADLINE_MARGIN_MS = 1_000;

type UpdateFields = Omit<OperationUpdate, "Id" | "ParentId" | "Name" | "Type" | "SubType" | "Action">;

export class OperationSlot implements PayloadOwner {
  readonly parentId: string | undefined;
  private serdesContext: SerdesContext | undefined;
  /** The record as last looked up, valid while the state's version is `recordVersion`. */
  private lastRecord: Operation | undefined;
  private recordVersion: number;

  constructor(
    readonly ctx: DurableContextImpl<any>,
    readonly rawId: string,
    readonly id: string,
    readonly expected: ExpectedOperation & { type: OperationType },
    /** The record found when the operation was called (replay), if any: the first value of {@link record}. */
    initialRecord: Operation | undefined,
    /** A virtual operation (no record of its own): its record is not looked up when it is called. */
    virtual = false,
  ) {
    this.parentId = ctx.parentWireId;
    this.lastRecord = initialRecord;
    this.recordVersion = virtual ? -1 : ctx.runtime.state.version;
  }

  /**
   * What a custom serdes is told about the payload's operation; built only when a custom serdes runs. The entity id
   * is the raw id ("1", "2-1"), as the official SDK passes it, so serdes keyed by it (file names, S3 keys) match.
   */
  get context(): SerdesContext {
    this.serdesContext ??= {
      entityId: this.rawId,
      durableExecutionArn: this.ctx.runtime.durableExecutionArn,
    };
    return this.serdesContext;
  }

  get name(): string | undefined {
    return this.expected.name;
  }

  /** The latest record (updated by checkpoint responses). */
  get record(): Operation | undefined {
    const state = this.ctx.runtime.state;
    if (this.recordVersion !== state.version) {
      this.lastRecord = state.get(this.id);
      this.recordVersion = state.version;
    }
    return this.lastRecord;
  }

  describe(): string {
    const kind = this.expected.subType;
    return `${kind}${this.name === undefined ? "" : ` "${this.name}"`} (id ${this.rawId})`;
  }

  /** Build an update for this operation; Name is sent on every update (SDK.md §3). */
  update(action: OperationAction, fields: UpdateFields = {}): OperationUpdate {
    const update: OperationUpdate = {
      Id: this.id,
      Type: this.expected.type,
      SubType: this.expected.subType,
      Action: action,
    };
    if (this.parentId !== undefined) update.ParentId = this.parentId;
    if (this.name !== undefined) update.Name = this.name;
    return Object.assign(update, fields);
  }

  /** Queue an update. Awaiting the result waits for the call that carries it. */
  send(action: OperationAction, fields?: UpdateFields): Promise<void> {
    return this.ctx.runtime.queue.enqueue(this.update(action, fields), this.rawId, this.ctx.node);
  }

  /** As {@link send}, calling `onSent` once the call that carries it returned (never, after termination). */
  sendThen(action: OperationAction, fields: UpdateFields | undefined, onSent: () => void): void {
    this.ctx.runtime.queue.enqueueThen(this.update(action, fields), this.rawId, this.ctx.node, onSent);
  }

  /** Queue an update nobody awaits (fire-and-forget); costs no promise. */
  post(action: OperationAction, fields?: UpdateFields): void {
    this.ctx.runtime.queue.post(this.update(action, fields), this.rawId, this.ctx.node);
  }

  /**
   * Wait until the record changes (a checkpoint response merged a new version). Counts as *waiting* for
   * suspension; while other work keeps the invocation alive, polls with empty checkpoints from `pollAt`.
   */
  waitForChange(reason: WaitReason, pollAt?: Date): Promise<Operation> {
    const runtime = this.ctx.runtime;
    if (runtime.terminated) return never();
    return new Promise<Operation>((resolve) => {
      const waiting = runtime.lifecycle.beginWaiting(this.ctx.node, reason);
      let polls = 0;
      let timer: { cancel(): void } | undefined;
      let settled = false;
      const unsubscribe = runtime.state.onChange(this.id, (op) => {
        settled = true;
        timer?.cancel();
        waiting.release();
        resolve(op);
      });
      const schedulePoll = (delayMs: number): void => {
        if (settled || delayMs > runtime.remainingTimeMs() - DEADLINE_MARGIN_MS) return;
        timer = runtime.setTimer(() => {
          if (this.ctx.node.abandoned) {
            unsubscribe();
            return;
          }
          polls++;
          void runtime.queue.forceRefresh().then(() => {
            const next =
              polls >= LATE_POLL_AFTER
                ? LATE_POLL_MS
                : Math.min(FIRST_POLL_MS * 2 ** (polls - 1), MAX_POLL_MS);
            schedulePoll(next);
          });
        }, delayMs);
      };
      const first = pollAt ? Math.max(0, pollAt.getTime() - runtime.clock.now()) : FIRST_POLL_MS;
      schedulePoll(first);
    });
  }
}
