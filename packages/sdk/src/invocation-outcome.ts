// After the handler settles or the invocation terminates (SDK.md §1 step 7, §7): the invocation output.
import type { ContextNode } from "./context/context-node.js";
import type { ExecutionRuntime, Termination } from "./context/execution-runtime.js";
import { InvalidOperationConfigError, isUnrecoverableError, toError, toErrorObject } from "./errors.js";
import type { DurableExecutionInvocationOutput } from "./types/core.js";

/** A FAILED invocation output for `error`. */
export function failed(error: unknown): DurableExecutionInvocationOutput {
  return { Status: "FAILED", Error: toErrorObject(error) };
}

export type HandlerOutcome =
  | { kind: "returned"; value: unknown }
  | { kind: "threw"; error: unknown }
  | { kind: "terminated"; termination: Termination };

/** The handler raced against the termination signal (suspension or fault). */
export async function raceHandler(
  call: () => Promise<unknown>,
  runtime: ExecutionRuntime,
): Promise<HandlerOutcome> {
  const handlerOutcome: Promise<HandlerOutcome> = (async () => {
    try {
      return { kind: "returned", value: await call() } as const;
    } catch (error) {
      return { kind: "threw", error } as const;
    }
  })();
  const terminated = runtime.termination.then((termination): HandlerOutcome => ({
    kind: "terminated",
    termination,
  }));
  return Promise.race([handlerOutcome, terminated]);
}

export async function finish(
  outcome: HandlerOutcome,
  runtime: ExecutionRuntime,
  executionId: string | undefined,
  rootNode: ContextNode,
): Promise<DurableExecutionInvocationOutput> {
  if (outcome.kind === "threw" && isUnrecoverableError(outcome.error)) {
    runtime.terminate({ kind: "fault", error: outcome.error });
  }
  if (outcome.kind === "terminated" || runtime.terminated) {
    const termination = outcome.kind === "terminated" ? outcome.termination : await runtime.termination;
    return terminationOutput(termination);
  }
  // The handler settled: nothing may suspend the invocation any more. Let running step functions finish (their
  // completions are checkpointed, as the official SDK does), then flush what is queued.
  runtime.lifecycle.stop();
  const drained = await Promise.race([
    runtime.lifecycle
      .whenNoneExecuting()
      .then(() => runtime.queue.drain())
      .then(() => undefined),
    runtime.termination.then((t) => t),
  ]);
  if (drained) return terminationOutput(drained);
  if (outcome.kind === "threw") return failed(outcome.error);
  const value = outcome.value;
  if (value === undefined) return { Status: "SUCCEEDED" };
  let result: string | undefined;
  try {
    result = JSON.stringify(value);
  } catch (error) {
    return failed(
      new InvalidOperationConfigError(
        `The handler's result cannot be serialized to JSON: ${toError(error).message}`,
      ),
    );
  }
  if (result === undefined) return { Status: "SUCCEEDED" };
  // Results longer than payloadLimits.EXECUTION (UTF-8) are checkpointed instead of returned.
  const inlineLimit = runtime.payloadLimits.EXECUTION;
  if (result.length * 3 > inlineLimit && Buffer.byteLength(result, "utf8") > inlineLimit) {
    // Too large for the response: checkpoint it on the EXECUTION operation itself ([ours]: its own id).
    const checkpointed = runtime.queue.enqueue(
      { Id: executionId, Type: "EXECUTION", Action: "SUCCEED", Payload: result },
      "execution-result",
      rootNode,
    );
    const stopped = await Promise.race([
      checkpointed.then(() => undefined),
      runtime.termination.then((t) => t),
    ]);
    if (stopped) return terminationOutput(stopped);
    return { Status: "SUCCEEDED", Result: "" };
  }
  return { Status: "SUCCEEDED", Result: result };
}

export function terminationOutput(termination: Termination): DurableExecutionInvocationOutput {
  if (termination.kind === "suspend") return { Status: "PENDING" };
  const error = termination.error;
  if (isUnrecoverableError(error) && error.scope === "INVOCATION") throw error;
  return { Status: "FAILED", Error: { ErrorType: error.name, ErrorMessage: error.message } };
}
