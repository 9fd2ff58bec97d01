// Logging: context.logger at every level, the step logger, executionContext / lambdaContext, configureLogger with a custom DurableLogger (which
// receives the durable logging context) and modeAware, so replays do not repeat log lines.
import {
  withDurableExecution,
  type DurableLogData,
  type DurableLogger,
  type DurableLoggingContext,
} from "durable-lambda";

/** One line written by the custom logger. */
export interface CapturedLine {
  level: string;
  message: string;
  executionArn: string | undefined;
  operationName: string | undefined;
}

/** Everything the custom logger wrote, across invocations (tests read it). */
export const capturedLines: CapturedLine[] = [];

class CapturingLogger implements DurableLogger {
  #loggingContext: DurableLoggingContext | undefined;

  configureDurableLoggingContext(loggingContext: DurableLoggingContext): void {
    this.#loggingContext = loggingContext;
  }

  #capture(level: string, params: unknown[]): void {
    const data: DurableLogData | undefined = this.#loggingContext?.getDurableLogData();
    capturedLines.push({
      level,
      message: params.map(String).join(" "),
      executionArn: data?.executionArn,
      operationName: data?.operationName,
    });
  }

  info(...params: unknown[]): void {
    this.#capture("INFO", params);
  }
  warn(...params: unknown[]): void {
    this.#capture("WARN", params);
  }
  error(...params: unknown[]): void {
    this.#capture("ERROR", params);
  }
  debug(...params: unknown[]): void {
    this.#capture("DEBUG", params);
  }
}

export const handler = withDurableExecution(async (customer: string, context) => {
  context.configureLogger({ customLogger: new CapturingLogger(), modeAware: true });
  context.logger.info("onboarding", customer);
  const account = await context.step("open-account", async (step) => {
    step.logger.debug("creating account for", customer);
    return `acct-${customer}`;
  });
  context.logger.warn("account opened", account);
  await context.wait({ seconds: 10 });
  context.logger.error("welcome email bounced for", customer);
  const { durableExecutionArn } = context.executionContext;
  return {
    account,
    arnIsExecution: durableExecutionArn.includes("durable-execution"),
    hasRequestId: context.lambdaContext.awsRequestId !== "",
  };
});
