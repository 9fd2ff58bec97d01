// ctx.promise.all / allSettled / any / race (SDK.md §4.10): the native combinator runs inside a
// child context so only the combined outcome is checkpointed. The input promises are siblings
// created earlier, so the combinator's CONTEXT takes the next id after them. Unlike the other
// operations, a combinator starts when it is first awaited (as officially): its CONTEXT takes
// its id at that moment, and a combinator never awaited sends nothing.
import { DurablePromise } from "../durable-promise.js";
import { PromiseCombinatorError, type DurableOperationError } from "../errors.js";
import type { DurableContext } from "../types/durable-context.js";
import type { Serdes } from "../types/serdes-types.js";
import { invalidArgument, rejectInvalidCall } from "./invalid-call.js";

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
 * A DurablePromise whose work starts on the first `then`/`catch`/`finally`, so the combinator's
 * id is taken when the caller awaits it — the moment the official SDK takes it.
 */
class StartsWhenAwaited<T> extends DurablePromise<T> {
  readonly #start: () => Promise<T>;
  #running: Promise<T> | undefined;

  constructor(start: () => Promise<T>) {
    super(() => Promise.resolve(undefined as T)); // nothing runs at creation
    this.#start = start;
  }

  #run(): Promise<T> {
    if (this.#running === undefined) {
      this.#running = this.#start();
      this.#running.catch(() => undefined); // observed through the chained promise instead
    }
    return this.#running;
  }

  override then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | undefined | null,
  ): Promise<TResult1 | TResult2> {
    return this.#run().then(onfulfilled, onrejected);
  }

  override catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | undefined | null,
  ): Promise<T | TResult> {
    return this.#run().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | undefined | null): Promise<T> {
    return this.#run().finally(onfinally);
  }

  override get isExecuted(): boolean {
    return this.#running !== undefined;
  }
}

/**
 * Runs the native combinator `kind` over `promises` in a child context (SubType
 * RunInChildContext), started when first awaited. Failures reach the caller as
 * PromiseCombinatorError; on replay the recorded outcome is returned without waiting on the
 * inputs again.
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
  // Checked at the call, like every other operation, although the combinator only starts when awaited.
  const native = Object.hasOwn(NATIVE, kind) ? NATIVE[kind] : undefined;
  if (native === undefined) {
    return rejectInvalidCall(
      ctx,
      invalidArgument("promise combinator", `one of ${Object.keys(NATIVE).join(", ")}`, kind),
    );
  }
  if (!Array.isArray(promises)) {
    return rejectInvalidCall(
      ctx,
      invalidArgument(`promise.${kind} promises`, "an array of promises", promises),
    );
  }
  return new StartsWhenAwaited<unknown>(() =>
    ctx.runInChildContext<unknown>(name, () => native(promises), {
      errorMapper: toCombinatorError,
      ...(kind === "allSettled" ? { serdes: settledResultsSerdes as Serdes<unknown> } : {}),
    }),
  );
}
