/**
 * A waitForCondition poller: start a report export, then poll its status with growing delays (10 s, 20 s,
 * 40 s … capped at 5 minutes) until it is done — without keeping a Lambda running between polls.
 */
import { createWaitStrategy, withDurableExecution, type DurableContext } from "durable-lambda";

export interface ExportJob {
  jobId: string;
  state: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  polls: number;
  url?: string;
}

/** The export service's API (fake in this example, injected in tests). */
export interface ExportApi {
  start(reportId: string): Promise<string>;
  status(jobId: string): Promise<{ state: ExportJob["state"]; url?: string }>;
}

export function createExportPoller(api: ExportApi) {
  return async function exportReport(input: { reportId: string }, ctx: DurableContext): Promise<ExportJob> {
    const jobId = await ctx.step("start export", async () => api.start(input.reportId));
    const job = await ctx.waitForCondition<ExportJob>(
      "wait for export",
      async (current) => ({ ...current, ...(await api.status(current.jobId)), polls: current.polls + 1 }),
      {
        initialState: { jobId, state: "QUEUED", polls: 0 },
        waitStrategy: createWaitStrategy<ExportJob>({
          shouldContinuePolling: (state) => state.state === "QUEUED" || state.state === "RUNNING",
          initialDelay: { seconds: 10 },
          backoffRate: 2,
          maxDelay: { minutes: 5 },
          maxAttempts: 30,
          jitter: "NONE",
        }),
      },
    );
    if (job.state === "FAILED") throw new Error(`export ${jobId} failed`);
    return job;
  };
}

/** A fake export service: each job is done on its fourth status check. */
function fakeExportApi(): ExportApi {
  const checks = new Map<string, number>();
  return {
    async start(reportId) {
      return `job-${reportId}`;
    },
    async status(jobId) {
      const n = (checks.get(jobId) ?? 0) + 1;
      checks.set(jobId, n);
      return n < 4
        ? { state: "RUNNING" }
        : { state: "DONE", url: `https://exports.example.com/${jobId}.csv` };
    },
  };
}

export const exportReport = createExportPoller(fakeExportApi());
export const handler = withDurableExecution(exportReport);
