// 6-9 Wait-for-condition with an object state {status, attempts}: DONE after the second check.
import { withDurableExecution, type WaitForConditionDecision } from "durable-lambda";

interface JobStatus {
  status: "PENDING" | "DONE";
  attempts: number;
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  return context.waitForCondition(
    async (state: JobStatus): Promise<JobStatus> => {
      const attempts = state.attempts + 1;
      return { status: attempts >= 2 ? "DONE" : "PENDING", attempts };
    },
    {
      initialState: { status: "PENDING", attempts: 0 },
      waitStrategy: (state): WaitForConditionDecision =>
        state.status === "PENDING"
          ? { shouldContinue: true, delay: { seconds: 1 } }
          : { shouldContinue: false },
    },
  );
});
