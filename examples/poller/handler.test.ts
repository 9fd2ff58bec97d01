import { afterEach, describe, expect, it } from "vitest";
import { assertCheckpoints, DurableTestRunner, MockDurableContext } from "@durable-lambda/testing";
import { createExportPoller, type ExportApi, type ExportJob } from "./handler.js";

/** An export API that reports the given states, one per status check. */
function scriptedApi(states: Array<ExportJob["state"]>): ExportApi {
  let i = 0;
  return {
    start: async (reportId) => `job-${reportId}`,
    status: async (jobId) => {
      const state = states[Math.min(i++, states.length - 1)]!;
      return state === "DONE" ? { state, url: `https://x/${jobId}` } : { state };
    },
  };
}

let runner: DurableTestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe("export poller", () => {
  it("polls with 10 s, 20 s, 40 s of virtual time between checks, one invocation per poll", async () => {
    const start = Date.UTC(2030, 0, 1);
    runner = new DurableTestRunner({
      handler: createExportPoller(scriptedApi(["QUEUED", "RUNNING", "RUNNING", "DONE"])),
      startTime: start,
    });
    const run = await runner.run<ExportJob>({ payload: { reportId: "r-9" } });
    expect(run.result).toEqual({ jobId: "job-r-9", state: "DONE", polls: 4, url: "https://x/job-r-9" });
    expect(runner.now() - start).toBe((10 + 20 + 40) * 1000);
    const delays = run.history
      .filter((e) => e.EventType === "StepSucceeded" && e.Name === "wait for export")
      .map(
        (e) =>
          (e.StepSucceededDetails as { RetryDetails?: { NextAttemptDelaySeconds?: number } }).RetryDetails
            ?.NextAttemptDelaySeconds,
      );
    expect(delays).toEqual([10, 20, 40, undefined]);
    expect(run.invocationCount).toBe(4);
  });

  it("fails the execution when the export fails", async () => {
    runner = new DurableTestRunner({ handler: createExportPoller(scriptedApi(["RUNNING", "FAILED"])) });
    const run = await runner.run({ payload: { reportId: "r-10" } });
    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorMessage).toBe("export job-r-10 failed");
  });

  it("shows each poll's checkpoint on the mock context", async () => {
    const run = await new MockDurableContext().run(createExportPoller(scriptedApi(["RUNNING", "DONE"])), {
      reportId: "r-1",
    });
    assertCheckpoints(run, [
      "STEP START start export",
      "STEP SUCCEED start export",
      "STEP START wait for export",
      { Action: "RETRY", StepOptions: { NextAttemptDelaySeconds: 10 } },
      "STEP START wait for export",
      {
        Action: "SUCCEED",
        Payload: JSON.stringify({ jobId: "job-r-1", state: "DONE", polls: 2, url: "https://x/job-r-1" }),
      },
    ]);
  });
});
