// ctx.promise.all / allSettled / any / race (SDK.md §4.10): the native combinator runs inside a
// child context so only the combined outcome is checkpointed. The input promises are siblings
// created earlier, so the combinator's CONTEXT takes the next id after them.
import { DurablePromise } from "../durable-promise.js";
import { PromiseCombinatorError, type DurableOperationError } from "../errors.js";
import type { DurableContext } from "../types/durable-context.js";
import type { Serdes } from "../types/serdes-types.js";

/** Which native combinator to run. */
export type CombinatorKind = "all" | "allSettled" | "any" | "race";

/** The caller receives PromiseCombinatorError; the checkpointed FAIL keeps the native rejection. */
function toCombinatorError(error: DurableOperationError): DurableOperationError {
  return new PromiseCombinatorError(error.message, error);
}

/** A rejection reason of allSettled as stored: an Error keeps its name and message. */
interface StoredReason {
  name: string;
  message: string;
}

/**
 * allSettled results hold Errors, which JSON would turn into `{}`; store their name and message
 * and rebuild Errors when reading, so live and replay see the same shape.
 */
const settledResultsSerdes: Serdes<PromiseSettledResult<unknown>[]> = {
  serialize: async (value) =>
    value === undefined
      ? undefined
      : JSON.stringify(
          value.map((entry) =>
            entry.status === "rejected" && entry.reason instanceof Error
              ? { status: "rejected", reason: { name: entry.reason.name, message: entry.reason.message } }
              : entry,
          ),
        ),
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const parsed = JSON.parse(data) as PromiseSettledResult<unknown>[];
    return parsed.map((entry) => {
      if (entry.status !== "rejected" || !isStoredReason(entry.reason)) return entry;
      const error = new Error(entry.reason.message);
      error.name = entry.reason.name;
      return { status: "rejected", reason: error } as PromiseRejectedResult;
    });
  },
};

function isStoredReason(value: unknown): value is StoredReason {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as StoredReason).message === "string" &&
    typeof (value as StoredReason).name === "string"
  );
}

const NATIVE: Record<CombinatorKind, (promises: DurablePromise<unknown>[]) => Promise<unknown>> = {
  all: (promises) => Promise.all(promises),
  allSettled: (promises) => Promise.allSettled(promises),
  any: (promises) => Promise.any(promises),
  race: (promises) => Promise.race(promises),
};

/**
 * Runs the native combinator `kind` over `promises` in a child context (SubType
 * RunInChildContext). Failures reach the caller as PromiseCombinatorError; on replay the
 * recorded outcome is returned without waiting on the inputs again.
 *
 * @example
 * const [a, b] = (await runCombinator(ctx, "all", "both", [ctx.step(fa), ctx.step(fb)])) as [A, B];
 */
export function runCombinator(
  ctx: DurableContext<any>,
  kind: CombinatorKind,
  name: string | undefined,
  promises: DurablePromise<unknown>[],
): DurablePromise<unknown> {
  const native = NATIVE[kind];
  if (native === undefined) {
    return new DurablePromise(() =>
      Promise.reject(new TypeError(`Unknown promise combinator "${String(kind)}"`)),
    );
  }
  if (!Array.isArray(promises)) {
    return new DurablePromise(() =>
      Promise.reject(
        new TypeError(`promise.${kind} requires an array of promises, received ${typeof promises}`),
      ),
    );
  }
  return ctx.runInChildContext<unknown>(name, () => native(promises), {
    errorMapper: toCombinatorError,
    ...(kind === "allSettled" ? { serdes: settledResultsSerdes as Serdes<unknown> } : {}),
  });
}
