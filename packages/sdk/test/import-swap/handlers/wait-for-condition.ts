// waitForCondition: both overloads, createWaitStrategy with all its options, a hand-written wait strategy, a
// state serdes, the check context (logger, attempt), and WaitForConditionError-style failures.
import {
  createWaitStrategy,
  JitterStrategy,
  withDurableExecution,
  type WaitForConditionCheckFunc,
  type WaitForConditionConfig,
  type WaitForConditionDecision,
  type WaitForConditionWaitStrategyFunc,
} from "durable-lambda";

interface ExportJob {
  status: "QUEUED" | "RUNNING" | "DONE";
  polls: number;
}

const pollExport: WaitForConditionCheckFunc<ExportJob> = async (job, check) => {
  check.logger.info("Polling export job", { attempt: check.attempt });
  const polls = job.polls + 1;
  return { status: polls >= 3 ? "DONE" : "RUNNING", polls };
};

const exportConfig: WaitForConditionConfig<ExportJob> = {
  initialState: { status: "QUEUED", polls: 0 },
  waitStrategy: createWaitStrategy<ExportJob>({
    shouldContinuePolling: (job) => job.status !== "DONE",
    maxAttempts: 10,
    initialDelay: { seconds: 5 },
    maxDelay: { minutes: 2 },
    backoffRate: 2,
    jitter: JitterStrategy.HALF,
    timeoutSeconds: 600,
  }),
  serdes: {
    serialize: async (job) => (job === undefined ? undefined : `${job.status}#${job.polls}`),
    deserialize: async (data) => {
      if (data === undefined) return undefined;
      const [status = "QUEUED", polls = "0"] = data.split("#");
      return { status: status as ExportJob["status"], polls: Number(polls) };
    },
  },
};

const everyTwoSecondsUntilTen: WaitForConditionWaitStrategyFunc<number> = (
  count,
  attempt,
): WaitForConditionDecision =>
  count >= 10 || attempt > 20 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 2 } };

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const job = await context.waitForCondition(pollExport, exportConfig);
  const counter = await context.waitForCondition("count-to-ten", async (count: number) => count + 4, {
    initialState: 0,
    waitStrategy: everyTwoSecondsUntilTen,
  });
  let failure: string | undefined;
  try {
    await context.waitForCondition(
      "broken-probe",
      async (): Promise<number> => {
        throw new Error("probe endpoint returned 500");
      },
      { initialState: 0, waitStrategy: () => ({ shouldContinue: false }) },
    );
  } catch (error) {
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return { job, counter, failure };
});
