/**
 * Renders history events as a readable timeline, one line per event, indented under their parent operation:
 *
 *   +0.01s  step "charge card" succeeded  {"chargeId":"ch-o-1"}
 */

/** The members of a history event the timeline reads (SERVICE.md §13). */
export interface TimelineEvent {
  EventId: number;
  EventType: string;
  Id?: string;
  Name?: string;
  ParentId?: string;
  SubType?: string;
  [details: string]: unknown;
}

const KINDS: ReadonlyArray<readonly [prefix: string, label: string]> = [
  ["ChainedInvoke", "invoke"],
  ["Execution", "execution"],
  ["Invocation", "invocation"],
  ["Callback", "callback"],
  ["Context", "context"],
  ["Step", "step"],
  ["Wait", "wait"],
];

const PHASES: Readonly<Record<string, string>> = {
  Started: "started",
  Succeeded: "succeeded",
  Failed: "failed",
  TimedOut: "timed out",
  Stopped: "stopped",
  Cancelled: "cancelled",
  Completed: "completed",
};

const CONTEXT_LABELS: Readonly<Record<string, string>> = {
  WaitForCallback: "waitForCallback",
  Map: "map",
  MapIteration: "map item",
  Parallel: "parallel",
  ParallelBranch: "branch",
  Compensation: "compensation",
  RunInChildContext: "child context",
};

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Formats events of one execution; remembers nesting so children are indented under their context. */
export class Timeline {
  private readonly depth = new Map<string, number>();

  format(event: TimelineEvent, elapsedMs: number): string {
    const time = `+${(elapsedMs / 1000).toFixed(2)}s`.padStart(8);
    const [kind, phase] = this.split(event.EventType);
    const depth = event.ParentId === undefined ? 0 : (this.depth.get(event.ParentId) ?? 0) + 1;
    if (event.Id !== undefined && !this.depth.has(event.Id)) this.depth.set(event.Id, depth);
    const label = kind === "context" ? (CONTEXT_LABELS[event.SubType ?? ""] ?? "context") : kind;
    const name = event.Name === undefined ? "" : ` "${event.Name}"`;
    return `${time}  ${"  ".repeat(depth)}${label}${name} ${phase}${this.detail(event)}`;
  }

  private split(eventType: string): [string, string] {
    for (const [prefix, label] of KINDS) {
      if (eventType.startsWith(prefix))
        return [label, PHASES[eventType.slice(prefix.length)] ?? eventType.slice(prefix.length)];
    }
    return [eventType, ""];
  }

  private detail(event: TimelineEvent): string {
    const details = (event[`${event.EventType}Details`] ?? {}) as Record<string, any>;
    switch (event.EventType) {
      case "WaitStarted":
        return `  (${String(details.Duration)} s)`;
      case "InvocationCompleted":
        return details.Error ? `  with ${String(details.Error?.Payload?.ErrorType)}` : "";
      case "StepFailed":
        return details.RetryDetails?.NextAttemptDelaySeconds !== undefined
          ? `  ${short(String(details.Error?.Payload?.ErrorMessage))} — retry in ${String(details.RetryDetails.NextAttemptDelaySeconds)} s`
          : `  ${short(String(details.Error?.Payload?.ErrorMessage))}`;
      case "CallbackStarted":
        return `  id ${String(details.CallbackId)}`;
      default: {
        const payload = details.Result?.Payload ?? details.Input?.Payload;
        if (typeof payload === "string" && payload !== "") return `  ${short(payload)}`;
        const message = details.Error?.Payload?.ErrorMessage;
        return typeof message === "string" ? `  ${short(message)}` : "";
      }
    }
  }
}
