// Structured, mode-aware logging (SDK.md §10, §12.2). Records are one JSON line each carrying the execution ARN
// and the operation they come from; records from a context that is replaying are dropped (mode-aware, default).
// A custom logger receives the user's arguments untouched plus, once, accessors for the durable fields — never
// a pre-formatted record (no double wrapping).
import type {
  DurableLogData,
  DurableLogger,
  DurableLoggingContext,
  LoggerConfig,
} from "./types/logger-types.js";

type Level = "DEBUG" | "INFO" | "WARN" | "ERROR";
const LEVEL_ORDER: Record<string, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 };

/** Where default records go; tests inject a collector. */
export type LogSink = (line: string) => void;

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** Invocation-wide logging settings. */
export interface LogEnvironment {
  requestId: string;
  executionArn: string;
  tenantId?: string;
  sink: LogSink;
  /** Extra fields from plugins' `enrichLogContext()`; called per record only when a record is emitted. */
  enrich?: () => Record<string, unknown> | undefined;
}

/** Per-source state a logger reads lazily at emit time. */
export interface LogSource {
  /** True when records should be dropped because the source context replays. */
  isReplaying(): boolean;
  config(): LoggerConfig<DurableLogger>;
  operationId?: string;
  operationName?: string;
  attempt?: number;
  parentId?: string;
}

/** Minimum level from AWS_LAMBDA_LOG_LEVEL (default DEBUG), read once and re-read by {@link refreshLogConfig}. */
let threshold: number | undefined;

function minimumLevel(): number {
  if (threshold === undefined) {
    const configured = process.env["AWS_LAMBDA_LOG_LEVEL"]?.toUpperCase();
    threshold = (configured === undefined ? undefined : LEVEL_ORDER[configured]) ?? LEVEL_ORDER["DEBUG"] ?? 1;
  }
  return threshold;
}

/**
 * Re-read `AWS_LAMBDA_LOG_LEVEL` (e.g. after changing it in a test or at runtime).
 *
 * @example
 * process.env.AWS_LAMBDA_LOG_LEVEL = "WARN";
 * refreshLogConfig();
 */
export function refreshLogConfig(): void {
  threshold = undefined;
}

const configuredLoggers = new WeakSet<DurableLogger>();

// The durable fields of the record being handed to a custom logger right now. A custom logger is configured once
// with an accessor that reads this, so it always sees the fields of the current call (context or step).
let currentLogData: (() => DurableLogData) | undefined;
const loggingContext: DurableLoggingContext = {
  getDurableLogData: () => (currentLogData ? currentLogData() : { requestId: "", executionArn: "" }),
};

/**
 * A logger bound to one source (a context, or an operation attempt).
 *
 * @example
 * const logger = createDurableLogger(env, source);
 * logger.info("charged", { amount: 3 });
 */
export function createDurableLogger(env: LogEnvironment, source: LogSource): DurableLogger {
  const data = (): DurableLogData => {
    const out: DurableLogData = { requestId: env.requestId, executionArn: env.executionArn };
    if (env.tenantId !== undefined) out.tenantId = env.tenantId;
    if (source.operationId !== undefined) out.operationId = source.operationId;
    if (source.operationName !== undefined) out.operationName = source.operationName;
    if (source.attempt !== undefined) out.attempt = source.attempt;
    return out;
  };
  const emit = (level: Level, params: unknown[]): void => {
    const config = source.config();
    if (config.modeAware !== false && source.isReplaying()) return;
    const custom = config.customLogger;
    if (custom) {
      if (custom.configureDurableLoggingContext && !configuredLoggers.has(custom)) {
        configuredLoggers.add(custom);
        custom.configureDurableLoggingContext(loggingContext);
      }
      const method = level.toLowerCase() as "debug" | "info" | "warn" | "error";
      const previous = currentLogData;
      currentLogData = data;
      try {
        custom[method](...params);
      } finally {
        currentLogData = previous;
      }
      return;
    }
    if ((LEVEL_ORDER[level] ?? 0) < minimumLevel()) return;
    env.sink(formatRecord(level, params, data(), source.parentId, env.enrich?.()));
  };
  return {
    log: (level, ...params: unknown[]) => emit(normalizeLevel(level), params),
    debug: (...params: unknown[]) => emit("DEBUG", params),
    info: (...params: unknown[]) => emit("INFO", params),
    warn: (...params: unknown[]) => emit("WARN", params),
    error: (...params: unknown[]) => emit("ERROR", params),
  };
}

function normalizeLevel(level: string): Level {
  const upper = String(level).toUpperCase();
  return upper === "INFO" || upper === "WARN" || upper === "ERROR" ? upper : "DEBUG";
}

/** One JSON line: durable fields, message, error fields, plugin enrichment. */
function formatRecord(
  level: Level,
  params: unknown[],
  data: DurableLogData,
  parentId: string | undefined,
  enrichment: Record<string, unknown> | undefined,
): string {
  const record: Record<string, unknown> = {
    ...enrichment,
    timestamp: new Date().toISOString(),
    level,
    ...data,
  };
  if (parentId !== undefined) record["parentId"] = parentId;
  const error = params.find((p): p is Error => p instanceof Error);
  if (params.length === 1) {
    const only = params[0];
    record["message"] = only instanceof Error ? only.message : only;
  } else {
    record["message"] = formatArgs(params);
    // Seed-compatible `data`: a trailing structured argument after a message string.
    const last = params[params.length - 1];
    if (
      params.length === 2 &&
      typeof params[0] === "string" &&
      typeof last === "object" &&
      !(last instanceof Error)
    ) {
      record["data"] = last;
    }
  }
  if (error) {
    record["errorType"] = error.name;
    record["errorMessage"] = error.message;
    if (error.stack) record["stackTrace"] = error.stack.split("\n");
  }
  try {
    return JSON.stringify(record);
  } catch {
    record["message"] = formatArgs(params);
    delete record["data"];
    return JSON.stringify(record);
  }
}

/**
 * The user's arguments as one message, as console.log would format them. node:util is loaded on the first record
 * that needs it (its import is ~0.3 ms of every cold start otherwise); Node before 20.16 has no
 * process.getBuiltinModule and gets plain String/JSON formatting.
 */
function formatArgs(params: unknown[]): string {
  const util = process.getBuiltinModule?.("node:util") as typeof import("node:util") | undefined;
  if (util) return util.formatWithOptions({ depth: 5 }, ...params);
  return params.map((p) => (typeof p === "string" ? p : safeJson(p))).join(" ");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular, BigInt-holding or null-prototype values: a log call must never throw into user code.
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}
