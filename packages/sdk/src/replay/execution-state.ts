// The execution's operations indexed by wire id, with per-id waiters woken when a record's status changes.
// No I/O: pages of operations go in, changed ids come out. Records are kept as received and normalised the first
// time they are read, so loading a large state costs one Map insert per record.
import type { Operation, WireOperation } from "../types/wire.js";
import { isNormalized, normalizeOperation } from "./normalize.js";

type Waiter = (op: Operation) => void;

/**
 * Operations of one execution. `merge` is O(number of operations merged); waking is O(waiters of changed ids).
 *
 * @example
 * const state = new ExecutionState(event.InitialExecutionState.Operations);
 * state.get("c4ca4238a0b92382")?.Status; // "SUCCEEDED"
 */
export class ExecutionState {
  /** A record is replaced by its normalised form on first read. */
  private readonly operations = new Map<string, WireOperation | Operation>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  /** Load pages of operations (a later duplicate wins). */
  constructor(initial: Iterable<WireOperation> = []) {
    for (const wire of initial) {
      if (typeof wire.Id === "string") this.operations.set(wire.Id, wire);
    }
  }

  get(id: string): Operation | undefined {
    const stored = this.operations.get(id);
    if (stored === undefined || isNormalized(stored)) return stored;
    const op = normalizeOperation(stored);
    this.operations.set(id, op);
    return op;
  }

  get size(): number {
    return this.operations.size;
  }

  /** All records (for plugin snapshots; not used on hot paths). */
  *all(): IterableIterator<Operation> {
    for (const id of this.operations.keys()) yield this.get(id) as Operation;
  }

  /**
   * Merge operations from a checkpoint response; wake the waiters of every operation whose status changed.
   * Returns the records that changed status.
   */
  merge(wireOps: readonly WireOperation[] | undefined): Operation[] {
    const changed: Operation[] = [];
    if (!wireOps) return changed;
    for (const wire of wireOps) {
      if (typeof wire.Id !== "string") continue;
      const previous = this.operations.get(wire.Id);
      if (!previous || previous.Status !== wire.Status || detailsChanged(previous, wire)) {
        const next = normalizeOperation(wire);
        this.operations.set(wire.Id, next);
        changed.push(next);
      } else this.operations.set(wire.Id, wire);
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
function detailsChanged(previous: WireOperation | Operation, next: WireOperation): boolean {
  return previous.CallbackDetails?.CallbackId !== next.CallbackDetails?.CallbackId;
}
