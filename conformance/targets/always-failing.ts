// Invoke target "always-failing": throws on every call, so the caller sees ChainedInvokeFailed.
// A DURABLE function (withDurableExecution): its execution fails with the error below and the failure is
// propagated to the caller's chained invoke.
import { withDurableExecution } from "durable-lambda";

/** The failure every call of this target ends with. */
export class AlwaysFailingTargetError extends Error {
  constructor() {
    super("The always-failing invoke target failed, as it always does");
    this.name = "AlwaysFailingTargetError";
  }
}

export const handler = withDurableExecution(async (): Promise<never> => {
  throw new AlwaysFailingTargetError();
});
