// parallel: named and unnamed overloads (array and inferred-tuple forms), plain and named branches, ParallelConfig with a custom completion rule
// (completeBatch / continueBatch / CompletionOutcome), and throwIfError with error class checks.
import {
  BatchCompletionError,
  ChildContextError,
  CompletionOutcome,
  completeBatch,
  continueBatch,
  withDurableExecution,
  type CompletionConfig,
  type CompletionStatus,
  type DurableContext,
} from "durable-lambda";

// ParallelConfig itself is not exported by the official package; its completion part is.
const stopAfterTwoSuccesses: CompletionConfig = {
  shouldComplete: (status: CompletionStatus) =>
    status.successCount >= 2 ? completeBatch(CompletionOutcome.SUCCEEDED) : continueBatch(),
};

async function checkStock(context: DurableContext): Promise<string> {
  return context.step("check-stock", async () => "in stock");
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const checks = await context.parallel(
    "pre-flight",
    [
      { name: "stock", func: checkStock },
      { name: "fraud", func: async (branch) => branch.step(async () => "clean") },
      async () => "never needed",
    ],
    { maxConcurrency: 1, completionConfig: stopAfterTwoSuccesses },
  );
  const risky = await context.parallel(
    [async () => "ok", async (): Promise<string> => Promise.reject(new Error("carrier API down"))],
    { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
  );
  // Heterogeneous branches: the result type is inferred from the branch tuple.
  const mixed = await context.parallel("mixed", [async () => 7, async () => "seven"] as const, {
    maxConcurrency: 1,
  });
  let thrown: string;
  try {
    risky.throwIfError();
    thrown = "nothing";
  } catch (error) {
    if (error instanceof BatchCompletionError) thrown = `batch: ${error.completionReason}`;
    else if (error instanceof ChildContextError) thrown = `child: ${error.message}`;
    else throw error;
  }
  return {
    checks: { results: checks.getResults(), reason: checks.completionReason, started: checks.startedCount },
    risky: { status: risky.status, failures: risky.failureCount },
    mixed: mixed.getResults(),
    thrown,
  };
});
