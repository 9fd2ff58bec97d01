// One node per durable context in the invocation's context tree. It answers "has this context or any ancestor
// finished?" (updates from such contexts are discarded) and owns the waiting registrations made under it, so a
// finished context drops them in O(its own registrations) instead of scanning the whole execution.

/** A registration of an operation that is waiting on the service (retry timer, wait, callback, invoke). */
export interface WaitingRegistration {
  /** Called once when the registration stops counting (released or dropped by a finished ancestor). */
  drop(): void;
}

export class ContextNode {
  private finishedFlag = false;
  private readonly children = new Set<ContextNode>();
  private readonly waiting = new Set<WaitingRegistration>();

  constructor(readonly parent: ContextNode | undefined) {
    parent?.children.add(this);
  }

  /** True when this context or an ancestor has finished. O(depth). */
  get abandoned(): boolean {
    if (this.finishedFlag) return true;
    for (let node = this.parent; node; node = node.parent) if (node.finishedFlag) return true;
    return false;
  }

  get finished(): boolean {
    return this.finishedFlag;
  }

  addWaiting(registration: WaitingRegistration): void {
    this.waiting.add(registration);
  }

  removeWaiting(registration: WaitingRegistration): void {
    this.waiting.delete(registration);
  }

  /**
   * Mark the context finished: waiting registrations of it and of its descendants stop counting. Each
   * registration and node is visited once over the invocation, so the cost is amortised O(1) per operation.
   */
  finish(): void {
    if (this.finishedFlag) return;
    this.finishedFlag = true;
    const stack: ContextNode[] = [this];
    for (let node = stack.pop(); node; node = stack.pop()) {
      for (const registration of node.waiting) registration.drop();
      node.waiting.clear();
      for (const child of node.children) stack.push(child);
      node.children.clear();
    }
    this.parent?.children.delete(this);
  }
}
