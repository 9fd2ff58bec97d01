// Plugin requirements (10-x) assert on JSON records that a plugin writes itself. Each record is one raw
// single-line JSON object on stdout carrying `durableExecutionArn`, which is how the runner (like CloudWatch's
// execution-scoped filter upstream) attributes it to an execution. Only invocation hooks receive the ARN, so
// the writer remembers it from invocation start; a Lambda process runs one invocation at a time.
import type { InvocationEndInfo, InvocationInfo, OperationInfo } from "durable-lambda";

/**
 * Writes a plugin's log records, stamped with the plugin's tag and the current execution ARN.
 *
 * @example
 * const records = new PluginRecordWriter("CONFPLUGIN");
 * records.bindExecution(info.executionArn); // in onInvocationStart
 * records.write({ hook: "invocation-start", first: info.isFirstInvocation });
 */
export class PluginRecordWriter {
  #executionArn: string | undefined;

  constructor(private readonly plugin: string) {}

  /** Remembers the execution that the running invocation belongs to. */
  bindExecution(executionArn: string): void {
    this.#executionArn = executionArn;
  }

  /** Writes one record; fields never override the plugin tag or the execution ARN. */
  write(fields: Record<string, unknown>): void {
    const record = { ...fields, plugin: this.plugin, durableExecutionArn: this.#executionArn ?? null };
    process.stdout.write(`${JSON.stringify(record)}\n`);
  }
}

/** Whether an operation hook's info describes a step (plugins in this suite filter to steps). */
export function isStepOperation(info: OperationInfo): boolean {
  return info.type === "STEP";
}

function isoTimestamp(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value;
  return undefined;
}

function mapSize(value: unknown): number | undefined {
  return typeof value === "object" && value !== null ? Object.keys(value).length : undefined;
}

function errorMessage(value: unknown): string | undefined {
  if (value instanceof Error) return value.message;
  if (typeof value === "string") return value;
  return undefined;
}

/** Drops absent fields: the canonical dumps omit what the SDK does not expose. */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * The canonical camelCase dump of an operation info (10-20, 10-22, 10-23). Fields are read from the runtime
 * object, so an SDK that exposes more than the 2.4.0 type declares (e.g. `isReplayingChildren`) shows it.
 */
export function dumpOperationInfo(info: OperationInfo): Record<string, unknown> {
  const view = info as unknown as Record<string, unknown>;
  return present({
    id: info.id,
    name: info.name,
    type: info.type,
    subType: info.subType,
    parentId: info.parentId,
    status: info.status,
    startTimestamp: isoTimestamp(view["startTimestamp"]),
    endTimestamp: isoTimestamp(view["endTimestamp"]),
    error: errorMessage(view["error"]),
    attempt: typeof view["attempt"] === "number" ? view["attempt"] : undefined,
    isReplay: typeof view["isReplay"] === "boolean" ? view["isReplay"] : undefined,
    isReplayingChildren:
      typeof view["isReplayingChildren"] === "boolean" ? view["isReplayingChildren"] : undefined,
  });
}

/** Whether an invocation status is final for the execution. */
export function isTerminalStatus(status: unknown): boolean {
  return status === "SUCCEEDED" || status === "FAILED";
}

/**
 * The canonical camelCase dump of an invocation-start or invocation-end info (10-19): maps become counts,
 * timestamps ISO strings, errors their message; `terminal` is derived from `status` when there is one.
 */
export function dumpInvocationInfo(info: InvocationInfo | InvocationEndInfo): Record<string, unknown> {
  const view = info as unknown as Record<string, unknown>;
  const status = typeof view["status"] === "string" ? view["status"] : undefined;
  return present({
    isFirstInvocation: typeof view["isFirstInvocation"] === "boolean" ? view["isFirstInvocation"] : undefined,
    requestId: info.requestId,
    operationsCount: mapSize(view["operations"]),
    updatedOperationsCount: mapSize(view["updatedOperations"]),
    executionStartTimestamp: isoTimestamp(view["executionStartTimestamp"]),
    status,
    terminal: status === undefined ? undefined : isTerminalStatus(status),
    executionError: errorMessage(view["executionError"]),
  });
}
