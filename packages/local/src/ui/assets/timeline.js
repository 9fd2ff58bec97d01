// Timeline model for the durable execution UI: turns a GetDurableExecutionHistory event list into
// operations (start, end, status, nesting) and invocations. Pure functions, no DOM: the page renders the
// result and the tests call it directly.

export { formatDuration } from "./format-duration.js";

const TERMINAL = {
  Succeeded: "SUCCEEDED",
  Failed: "FAILED",
  TimedOut: "TIMED_OUT",
  Cancelled: "CANCELLED",
  Stopped: "STOPPED",
};

const KINDS = ["ChainedInvoke", "Invocation", "Execution", "Context", "Callback", "Step", "Wait"];

/** Epoch milliseconds from the wire's epoch seconds, an ISO string or a Date; undefined when absent. */
export function toMillis(value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value * 1000;
  if (value instanceof Date) return value.getTime();
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Splits "StepSucceeded" into { kind: "Step", outcome: "Succeeded" }. */
export function splitEventType(eventType) {
  const type = String(eventType ?? "");
  for (const kind of KINDS) {
    if (type.startsWith(kind)) return { kind, outcome: type.slice(kind.length) };
  }
  return { kind: "Unknown", outcome: type };
}

function detailsOf(event) {
  const details = event[`${event.EventType}Details`];
  return details !== null && typeof details === "object" ? details : {};
}

/**
 * Builds the timeline of one execution.
 * @param {object[]} events history events, oldest first
 * @param {number} nowMs the current time, used as the end of anything still running
 * @returns {{ execution: object|undefined, operations: object[], invocations: object[], startMs: number, endMs: number }}
 */
export function buildTimeline(events, nowMs) {
  const byId = new Map();
  const operations = [];
  const invocations = [];
  let execution;
  let startMs = Infinity;
  let endMs = -Infinity;

  for (const event of events) {
    const at = toMillis(event.EventTimestamp);
    if (at !== undefined) {
      startMs = Math.min(startMs, at);
      endMs = Math.max(endMs, at);
    }
    const { kind, outcome } = splitEventType(event.EventType);
    const details = detailsOf(event);
    if (kind === "Invocation") {
      const error = details.Error && details.Error.Payload;
      invocations.push({
        startMs: toMillis(details.StartTimestamp) ?? at,
        endMs: toMillis(details.EndTimestamp) ?? at,
        requestId: details.RequestId,
        error: error ? `${error.ErrorType ?? "Error"}: ${error.ErrorMessage ?? ""}` : undefined,
        event,
      });
      continue;
    }
    const key = kind === "Execution" ? "__execution__" : event.Id;
    if (key === undefined) continue;
    let op = byId.get(key);
    if (op === undefined) {
      op = {
        id: event.Id ?? "",
        parentId: event.ParentId,
        name: event.Name,
        kind,
        subType: event.SubType,
        status: "STARTED",
        startMs: at,
        endMs: undefined,
        scheduledEndMs: undefined,
        attempts: 0,
        depth: 0,
        children: [],
        events: [],
      };
      byId.set(key, op);
      if (kind === "Execution") execution = op;
      else operations.push(op);
    }
    op.events.push(event);
    if (op.name === undefined && event.Name !== undefined) op.name = event.Name;
    if (op.parentId === undefined && event.ParentId !== undefined) op.parentId = event.ParentId;
    if (op.subType === undefined && event.SubType !== undefined) op.subType = event.SubType;
    if (outcome === "Started") {
      if (kind === "Step") op.attempts += 1;
      op.status = "STARTED";
      const scheduled = toMillis(details.ScheduledEndTimestamp);
      if (scheduled !== undefined) op.scheduledEndMs = scheduled;
      continue;
    }
    const retry = details.RetryDetails;
    if (retry && retry.NextAttemptDelaySeconds !== undefined) {
      // A RETRY: the step waits for its next attempt; not finished yet.
      op.status = "PENDING";
      op.nextAttemptMs = at === undefined ? undefined : at + retry.NextAttemptDelaySeconds * 1000;
      continue;
    }
    const terminal = TERMINAL[outcome];
    if (terminal !== undefined) {
      op.status = terminal;
      op.endMs = at;
    }
  }

  // Nesting: children under their parent, both in start order; unknown parents make a root.
  const roots = [];
  for (const op of operations) {
    const parent = op.parentId === undefined ? undefined : byId.get(op.parentId);
    if (parent !== undefined && parent !== op && parent.kind !== "Execution") parent.children.push(op);
    else roots.push(op);
  }
  const ordered = [];
  const stack = roots
    .slice()
    .reverse()
    .map((op) => ({ op, depth: 0 }));
  while (stack.length > 0) {
    const { op, depth } = stack.pop();
    op.depth = depth;
    ordered.push(op);
    for (let i = op.children.length - 1; i >= 0; i -= 1) stack.push({ op: op.children[i], depth: depth + 1 });
  }

  const running = execution !== undefined && execution.endMs === undefined;
  if (running) endMs = Math.max(endMs, nowMs);
  for (const op of [execution, ...ordered]) {
    if (op === undefined) continue;
    op.running = op.endMs === undefined;
    op.barEndMs = op.endMs ?? (running ? nowMs : endMs);
  }
  if (startMs === Infinity) {
    startMs = nowMs;
    endMs = nowMs;
  }
  return { execution, operations: ordered, invocations, startMs, endMs };
}

/** A label for an operation row: its name, else its kind and sub-type. */
export function operationLabel(op) {
  const kind = op.subType ?? op.kind;
  return op.name ? `${op.name}` : kind;
}
