// ctx.parallel: runs each branch in its own child context (SubType ParallelBranch) inside one
// Parallel CONTEXT, through the shared concurrency engine (SDK.md §4.8).
import type { DurablePromise } from "../durable-promise.js";
import type { BatchResult, NamedParallelBranch, ParallelConfig, ParallelFunc } from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import { runBatch, validateBatchConfig, type BatchUnit } from "./batch.js";
import { invalidArgument, rejectInvalidCall } from "./invalid-call.js";

/**
 * Runs `branches` durably, each in child context `R-(i+1)` named by the branch's `name` or
 * `parallel-branch-<i>`. Branch failures never throw — inspect the BatchResult or call
 * `throwIfError()`. Bad arguments fail the execution
 * (InvalidOperationConfigError) before any update, awaited or not.
 *
 * @example
 * const [user, orders] = (
 *   await runParallel(ctx, "load", [
 *     { name: "user", func: (c) => c.step(() => loadUser(id)) },
 *     (c) => c.step(() => loadOrders(id)),
 *   ])
 * ).getResults();
 */
export function runParallel<O>(
  ctx: DurableContext<any>,
  name: string | undefined,
  branches: (ParallelFunc<O, any> | NamedParallelBranch<O, any>)[],
  config?: ParallelConfig<O>,
): DurablePromise<BatchResult<O>> {
  let funcs: ParallelFunc<O, any>[];
  let units: BatchUnit[];
  try {
    // Everything is checked before the Parallel context takes its id or sends anything.
    if (!Array.isArray(branches)) throw invalidArgument("parallel branches", "an array", branches);
    validateBatchConfig("parallel", config);
    funcs = [];
    units = branches.map((branch, index) => {
      if (typeof branch === "function") {
        funcs.push(branch);
        return { wireName: `parallel-branch-${index}`, customName: undefined };
      }
      if (typeof branch === "object" && branch !== null && typeof branch.func === "function") {
        if (branch.name !== undefined && typeof branch.name !== "string") {
          throw invalidArgument(`parallel branch ${index} name`, "a string", branch.name);
        }
        funcs.push(branch.func);
        return { wireName: branch.name || `parallel-branch-${index}`, customName: branch.name };
      }
      throw invalidArgument(`parallel branch ${index}`, "a function or { name?, func }", branch);
    });
  } catch (error) {
    return rejectInvalidCall<BatchResult<O>>(ctx, error);
  }
  return runBatch<O>(ctx, {
    kind: "parallel",
    name,
    units,
    execute: (index, childCtx) => (funcs[index] as ParallelFunc<O, any>)(childCtx),
    config,
  });
}
