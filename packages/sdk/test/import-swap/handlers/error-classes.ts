// Error classes: instanceof across the durable error hierarchy, errorType / errorData / toErrorObject, and an
// uncaught custom error failing the execution with its name as ErrorType.
import {
  CallbackError,
  ChildContextError,
  DurableOperationError,
  InvokeError,
  retryPresets,
  StepError,
  StepInterruptedError,
  WaitForConditionError,
  withDurableExecution,
} from "durable-lambda";

export class QuotaExceededError extends Error {
  constructor(readonly tenant: string) {
    super(`tenant ${tenant} is over quota`);
    this.name = "QuotaExceededError";
  }
}

function classify(error: unknown): string[] {
  const classes: [string, boolean][] = [
    ["DurableOperationError", error instanceof DurableOperationError],
    ["StepError", error instanceof StepError],
    ["ChildContextError", error instanceof ChildContextError],
    ["CallbackError", error instanceof CallbackError],
    ["InvokeError", error instanceof InvokeError],
    ["WaitForConditionError", error instanceof WaitForConditionError],
    ["StepInterruptedError", error instanceof StepInterruptedError],
  ];
  return classes.filter(([, matches]) => matches).map(([name]) => name);
}

export const handler = withDurableExecution(async (tenant: string, context) => {
  let stepFailure: { classes: string[]; errorType: string; wire: unknown } | undefined;
  try {
    await context.step(
      "check-quota",
      async (): Promise<void> => {
        throw new QuotaExceededError(tenant);
      },
      { retryStrategy: retryPresets.noRetry },
    );
  } catch (error) {
    if (!(error instanceof DurableOperationError)) throw error;
    const wire = error.toErrorObject();
    stepFailure = {
      classes: classify(error),
      errorType: error.errorType,
      wire: { ErrorType: wire.ErrorType, ErrorMessage: wire.ErrorMessage },
    };
  }
  let childFailure: string[] = [];
  try {
    await context.runInChildContext("provision", async () => {
      throw new QuotaExceededError(tenant);
    });
  } catch (error) {
    childFailure = classify(error);
  }
  await context.step("record-failures", async () => ({ stepFailure, childFailure }));
  throw new QuotaExceededError(tenant);
});
