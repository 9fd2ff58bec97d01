// Each import-swap handler runs to completion under both SDKs against the same in-memory service: it must give
// the expected result under each, and both SDKs must send the same checkpoint updates — same operations, same
// actions per invocation, same payloads and options on the wire.
import { describe, expect, it } from "vitest";
import { InMemoryDurableService } from "./harness/in-memory-service.js";
import { loadUnderSdk } from "./harness/load-under-sdk.js";
import { runExecution, type ExecutionRun, type LambdaEntry, type SdkName } from "./harness/run-execution.js";
import { scenarios, type Scenario } from "./scenarios.js";

/** What must be identical between the SDKs for one operation: its identity, actions and wire content. */
interface OperationTrace {
  type: string | undefined;
  subType: string | undefined;
  name: string | undefined;
  parentId: string | undefined;
  actions: string[];
  wire: unknown[];
}

/** Drops `stack` members at any depth: stack traces name files of whichever SDK produced them. */
function withoutStacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStacks);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "stack")
      .map(([key, member]) => [key, withoutStacks(member)]),
  );
}

/** A payload compared as JSON (member order and stacks aside) when it is JSON, else as text. */
function comparablePayload(payload: string | undefined): unknown {
  if (payload === undefined) return undefined;
  try {
    return { json: withoutStacks(JSON.parse(payload)) };
  } catch {
    return { text: payload };
  }
}

// Updates of different concurrent operations may interleave differently; each operation's own sequence may not.
function traceByOperation(run: ExecutionRun, scenario: Scenario): Record<string, OperationTrace> {
  const traces: Record<string, OperationTrace> = {};
  for (const { invocation, update } of run.updates) {
    const id = String(update.Id);
    const trace = (traces[id] ??= {
      type: update.Type,
      subType: update.SubType,
      name: update.Name,
      parentId: update.ParentId,
      actions: [],
      wire: [],
    });
    trace.actions.push(`${invocation}:${String(update.Action)}`);
    trace.wire.push({
      payload: comparablePayload(update.Payload),
      error: update.Error && { type: update.Error.ErrorType, message: update.Error.ErrorMessage },
      wait: update.WaitOptions,
      callback: update.CallbackOptions,
      invoke: update.ChainedInvokeOptions,
      context: update.ContextOptions,
      // A jittered retry delay is random by design; its presence still has to match.
      step:
        scenario.jitteredDelays === true && update.StepOptions !== undefined
          ? "jittered"
          : update.StepOptions,
    });
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
    expect(traceByOperation(ours, scenario)).toEqual(traceByOperation(official, scenario));
    expect(outcome(ours)).toEqual(outcome(official));
  });
});
