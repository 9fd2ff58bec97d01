// The N-sequential-steps workload shared by the replay, execute and memory figures: the handler and a backend
// pre-filled with N completed steps. Free of SDK imports so it can be bundled into a plain Node process.
import { MemoryBackend, rootOperationId } from "./memory-backend.js";

export const stepsHandler = (n: number) => async (_event: unknown, ctx: any) => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await ctx.step(`s${i}`, async () => i);
  return sum;
};

export async function completedStepsBackend(n: number): Promise<MemoryBackend> {
  const backend = new MemoryBackend();
  backend.seedExecution({});
  const at = new Date(0).toISOString();
  for (let i = 0; i < n; i++) {
    backend.seed({
      Id: await rootOperationId(i + 1),
      Type: "STEP",
      SubType: "Step",
      Name: `s${i}`,
      Status: "SUCCEEDED",
      StartTimestamp: at,
      EndTimestamp: at,
      StepDetails: { Result: String(i), Attempt: 0 },
    });
  }
  return backend;
}

export function expectSucceeded(output: any, what: string): void {
  if (output?.Status !== "SUCCEEDED")
    throw new Error(`${what}: expected SUCCEEDED, got ${JSON.stringify(output)}`);
}
