// Logger contracts: what users plug in and what operation functions receive.

/**
 * Log levels, filtered by `AWS_LAMBDA_LOG_LEVEL`.
 *
 * @example
 * ctx.logger.log?.(DurableLogLevel.INFO, "hello");
 */
export const DurableLogLevel = {
  INFO: "INFO",
  WARN: "WARN",
  ERROR: "ERROR",
  DEBUG: "DEBUG",
} as const;
export type DurableLogLevel = (typeof DurableLogLevel)[keyof typeof DurableLogLevel];

/**
 * Structured fields attached to every record.
 *
 * @example
 * const d: DurableLogData = { requestId: "r", executionArn: "arn:...", operationId: "c4ca4238a0b92382" };
 */
export interface DurableLogData {
  requestId: string;
  executionArn: string;
  tenantId?: string;
  operationId?: string;
  operationName?: string;
  attempt?: number;
  [key: string]: unknown;
}

/** Gives a custom logger access to the durable fields of the current record. */
export interface DurableLoggingContext {
  getDurableLogData: () => DurableLogData;
}

/**
 * A logger the SDK can write to; Powertools' Logger and `console` fit.
 *
 * @example
 * ctx.configureLogger({ customLogger: console });
 */
export interface DurableLogger {
  log?(level: `${DurableLogLevel}`, ...params: any): void;
  error(...params: any): void;
  warn(...params: any): void;
  info(...params: any): void;
  debug(...params: any): void;
  /** Called once with accessors for the durable fields, so the logger can add them itself (no double wrapping). */
  configureDurableLoggingContext?(durableLoggingContext: DurableLoggingContext): void;
}

/** The logging methods exposed on contexts. */
export type DurableContextLogger<Logger extends DurableLogger> = Pick<
  Logger,
  "log" | "warn" | "info" | "error" | "debug"
>;

/**
 * Per-context logger settings.
 *
 * @example
 * ctx.configureLogger({ modeAware: false }); // also log while replaying
 */
export interface LoggerConfig<Logger extends DurableLogger> {
  customLogger?: Logger;
  /** Drop records emitted while the context replays (default true). */
  modeAware?: boolean;
}

/** What every operation function receives. */
export interface OperationContext<Logger extends DurableLogger> {
  logger: Logger;
}

/** What a step function receives; `attempt` is 1-based. */
export interface StepContext<Logger extends DurableLogger> extends OperationContext<
  DurableContextLogger<Logger>
> {
  attempt: number;
}

/** What a waitForCondition check function receives; `attempt` is 1-based. */
export interface WaitForConditionContext<Logger extends DurableLogger> extends OperationContext<
  DurableContextLogger<Logger>
> {
  attempt: number;
}

/** What a waitForCallback submitter receives. */
export type WaitForCallbackContext<Logger extends DurableLogger> = OperationContext<
  DurableContextLogger<Logger>
>;
