// Each import-swap handler runs to completion under both SDKs against the same in-memory service: it must give
// the expected result under each, and both SDKs must send the same checkpoint updates.
import { describe, expect, it } from "vitest";
import { InMemoryDurableService } from "./harness/in-memory-service.js";
import { loadUnderSdk } from "./harness/load-under-sdk.js";
import { runExecution, type ExecutionRun, type LambdaEntry, type SdkName } from "./harness/run-execution.js";
import { scenarios, type Scenario } from "./scenarios.js";

/** What must be identical between the SDKs for one operation: its identity and its actions per invocation. */
interface OperationTrace {
  type: string | undefined;
  subType: string | undefined;
  name: string | undefined;
  parentId: string | undefined;
  actions: string[];
}

// Updates of different concurrent operations may interleave differently; each operation's own sequence may not.
function traceByOperation(run: ExecutionRun): Record<string, OperationTrace> {
  const traces: Record<string, OperationTrace> = {};
  for (const { invocation, update } of run.updates) {
    const id = String(update.Id);
    const trace = (traces[id] ??= {
      type: update.Type,
      subType: update.SubType,
      name: update.Name,
      parentId: update.ParentId,
      actions: [],
    });
    trace.actions.push(`${invocation}:${String(update.Action)}`);
  }
  return traces;
}

function outcome(run: ExecutionRun): unknown {
  return run.status === "SUCCEEDED"
    ? { status: run.status, result: run.result, invocations: run.invocations }
    : { status: run.status, errorType: run.error?.ErrorType, errorMessage: run.error?.ErrorMessage };
}

async function runUnder(
  sdkName: SdkName,
  scenario: Scenario,
): Promise<{ run: ExecutionRun; module: Record<string, unknown> }> {
  const executionArn = `arn:aws:lambda:us-east-1:123456789012:function:import-swap:$LATEST/durable-execution/${scenario.handler}/${sdkName}`;
  const service = new InMemoryDurableService(executionArn, scenario.input, scenario.script);
  const module = await loadUnderSdk(sdkName, scenario.handler, service);
  const run = await runExecution(module["handler"] as LambdaEntry, service);
  return { run, module };
}

describe.each(scenarios)("import swap: $handler", (scenario) => {
  const runs = new Map<SdkName, ExecutionRun>();

  it("gives the expected result under the official SDK", async () => {
    const { run, module } = await runUnder("official", scenario);
    runs.set("official", run);
    scenario.verify(run, module);
  });

  it("gives the expected result under durable-lambda", async () => {
    const { run, module } = await runUnder("ours", scenario);
    runs.set("ours", run);
    scenario.verify(run, module);
  });

  it("sends the same checkpoint updates and ends the same way under both SDKs", async () => {
    const official = runs.get("official") ?? (await runUnder("official", scenario)).run;
    const ours = runs.get("ours") ?? (await runUnder("ours", scenario)).run;
    expect(traceByOperation(ours)).toEqual(traceByOperation(official));
    expect(outcome(ours)).toEqual(outcome(official));
  });
});
