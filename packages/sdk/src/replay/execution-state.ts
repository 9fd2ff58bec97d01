// The execution's operations indexed by wire id, with per-id waiters woken when a record's status changes.
// No I/O: pages of operations go in, changed ids come out. Timestamps are parsed only when read, so loading a large
// state costs one flat object and one Map insert per record.
import type { Operation, WireOperation } from "../types/wire.js";
import { isUnfound, markFound, normalizeOperation } from "./normalize.js";

type Waiter = (op: Operation) => void;

/**
 * Operations of one execution. `merge` is O(number of operations merged); waking is O(waiters of changed ids).
 *
 * @example
 * const state = new ExecutionState(event.InitialExecutionState.Operations);
 * state.get("c4ca4238a0b92382")?.Status; // "SUCCEEDED"
 */
export class ExecutionState {
  private readonly operations = new Map<string, Operation>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private mergeCount = 0;
  /**
   * Records of the initial state (other than the EXECUTION record) no operation of this invocation has found yet.
   * At 0 no lookup for a newly called operation can find anything: every record that is not in the initial state
   * was created by an operation this invocation already called. A first invocation starts at 0.
   */
  private unfound = 0;

  /**
   * Changes whenever records may have changed (each merge), so a caller can keep a record it looked up and
   * reuse it while the version is the same, instead of looking it up again.
   */
  get version(): number {
    return this.mergeCount;
  }

  /** Load pages of operations (a later duplicate wins). */
  constructor(initial: Iterable<WireOperation> = []) {
    for (const wire of initial) {
      if (typeof wire.Id === "string")
        this.operations.set(wire.Id, normalizeOperation(wire, wire.Type !== "EXECUTION"));
    }
    for (const op of this.operations.values()) if (isUnfound(op)) this.unfound++;
  }

  get(id: string): Operation | undefined {
    return this.operations.get(id);
  }

  /** The record of an operation the code has just called, if the execution has one; marks it found. */
  find(id: string): Operation | undefined {
    if (this.unfound === 0) return undefined;
    const op = this.operations.get(id);
    if (op !== undefined) this.found(op);
    return op;
  }

  /** `op` (looked up with {@link get}) belongs to an operation the code has just called. */
  found(op: Operation): void {
    if (markFound(op)) this.unfound--;
  }

  /** Drop the record of an operation that finished in this invocation and will not be read again. */
  forget(id: string): void {
    this.operations.delete(id);
  }

  get size(): number {
    return this.operations.size;
  }

  /** All records (for plugin snapshots; not used on hot paths). */
  all(): IterableIterator<Operation> {
    return this.operations.values();
  }

  /**
   * Merge operations from a checkpoint response; wake the waiters of every operation whose status changed.
   * Returns the records that changed status.
   */
  merge(wireOps: readonly WireOperation[] | undefined): Operation[] {
    const changed: Operation[] = [];
    if (!wireOps || wireOps.length === 0) return changed;
    this.mergeCount++;
    for (const wire of wireOps) {
      if (typeof wire.Id !== "string") continue;
      const previous = this.operations.get(wire.Id);
      // An initial record replaced before its operation was called is still to be found.
      const next = normalizeOperation(wire, previous !== undefined && isUnfound(previous));
      this.operations.set(wire.Id, next);
      if (!previous || previous.Status !== next.Status || detailsChanged(previous, next)) changed.push(next);
    }
    for (const op of changed) this.wake(op);
    return changed;
  }

  /** Call `waiter` the next time the record `id` changes. Returns an unsubscribe function. */
  onChange(id: string, waiter: Waiter): () => void {
    let set = this.waiters.get(id);
    if (!set) {
      set = new Set();
      this.waiters.set(id, set);
    }
    set.add(waiter);
    return () => {
      const current = this.waiters.get(id);
      if (!current) return;
      current.delete(waiter);
      if (current.size === 0) this.waiters.delete(id);
    };
  }

  private wake(op: Operation): void {
    const set = op.Id === undefined ? undefined : this.waiters.get(op.Id);
    if (!set) return;
    this.waiters.delete(op.Id as string);
    for (const waiter of set) waiter(op);
  }
}

// A callback START response carries the CallbackId without a status change; treat new details as a change too.
function detailsChanged(previous: Operation, next: Operation): boolean {
  return previous.CallbackDetails?.CallbackId !== next.CallbackDetails?.CallbackId;
}
