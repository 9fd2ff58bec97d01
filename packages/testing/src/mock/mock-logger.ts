import type { DurableLogger } from "durable-lambda";
import type { MockLogRecord } from "./mock-execution.js";

/**
 * The logger a mock context hands out (`ctx.logger`, a step's or a check's `logger`): every call is recorded in
 * `records` (with the operation's name, when it has one) and forwarded to the custom logger configured at
 * the time of the call, if any.
 *
 * @example
 * const logger = mockLogger(exec.logs, () => custom, "charge");
 * logger.info("charged", 42); // records { level: "info", params: ["charged", 42], operationName: "charge" }
 */
export function mockLogger(
  records: MockLogRecord[],
  customLogger: () => DurableLogger | undefined,
  operationName: string | undefined,
): DurableLogger {
  const emit =
    (level: string) =>
    (...params: unknown[]) => {
      records.push({ level, params, ...(operationName !== undefined ? { operationName } : {}) });
      const custom = customLogger();
      if (custom !== undefined) (custom[level as "info"] ?? custom.info).apply(custom, params);
    };
  return {
    log: (level: string, ...params: unknown[]) => emit(level.toLowerCase())(...params),
    error: emit("error"),
    warn: emit("warn"),
    info: emit("info"),
    debug: emit("debug"),
  };
}
