import type { OperationCall, RecordedOutcome, RecordSource } from "./record-source.js";

/** What a preload applies to: the operation's name, or its position (raw id: `3`, or `"2-1"` inside a context). */
export type PreloadTarget = string | { position: number | string };

/** The kinds of operations a test can preload. */
export type PreloadKind = "step" | "wait" | "callback" | "invoke";

const KIND_OF_TYPE: Readonly<Record<string, PreloadKind>> = {
  STEP: "step",
  WAIT: "wait",
  CALLBACK: "callback",
  CHAINED_INVOKE: "invoke",
};

/** Thrown when a preload names an operation of another kind (a step result for a wait, …). */
export class MockPreloadError extends Error {
  override readonly name = "MockPreloadError";
  readonly code = "MOCK_PRELOAD_MISMATCH";
}

interface Preload {
  kind: PreloadKind;
  target: PreloadTarget;
  outcome: RecordedOutcome;
}

function describeTarget(target: PreloadTarget): string {
  return typeof target === "string" ? JSON.stringify(target) : `position ${target.position}`;
}

/**
 * Preloaded outcomes for a mock run, kept in queues keyed by name and by position so each lookup is O(1).
 * Each preload is used once, in the order given; operations without one run live.
 */
export class PreloadSource implements RecordSource {
  readonly runsLive = true;
  private readonly queues = new Map<string, Preload[]>();

  add(kind: PreloadKind, target: PreloadTarget, outcome: RecordedOutcome): void {
    const key = typeof target === "string" ? `name:${target}` : `position:${String(target.position)}`;
    const queue = this.queues.get(key);
    if (queue === undefined) this.queues.set(key, [{ kind, target, outcome }]);
    else queue.push({ kind, target, outcome });
  }

  lookup(call: OperationCall): RecordedOutcome | undefined {
    const kind = KIND_OF_TYPE[call.type];
    if (kind === undefined) return undefined; // contexts are never preloaded; they run and their children are
    // The callback inside waitForCallback has no name of its own: it answers to its context's name/position.
    const owner =
      call.type === "CALLBACK" && call.name === undefined && call.parent?.subType === "WaitForCallback"
        ? call.parent
        : call;
    return (
      this.take(`position:${owner.rawId}`, kind, owner) ??
      (owner.name === undefined ? undefined : this.take(`name:${owner.name}`, kind, owner))
    );
  }

  /** Descriptions of preloads no operation used, e.g. `step "charge"`. */
  unused(): string[] {
    return [...this.queues.values()].flat().map((p) => `${p.kind} ${describeTarget(p.target)}`);
  }

  private take(key: string, kind: PreloadKind, call: OperationCall): RecordedOutcome | undefined {
    const queue = this.queues.get(key);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    if (head.kind !== kind) {
      const where = call.callSite === undefined ? "" : ` at ${call.callSite}`;
      throw new MockPreloadError(
        `a ${head.kind} outcome was preloaded for ${describeTarget(head.target)}, but the handler's operation there is ` +
          `a ${call.type} (${call.subType})${where}`,
      );
    }
    queue.shift();
    if (queue.length === 0) this.queues.delete(key);
    return head.outcome;
  }
}
