// The promise every durable operation returns: the work starts when the operation is called (so its id is
// fixed by call order); awaiting only observes the outcome.

/**
 * A promise of a durable operation's result. The operation starts when it is created; `then`/`catch`/`finally`
 * mark it awaited. A rejection nobody observes does not become an unhandled rejection.
 *
 * @example
 * const a = ctx.step("a", fa); // starts now
 * const b = ctx.step("b", fb); // starts now, concurrently
 * const [ra, rb] = await ctx.promise.all([a, b]);
 */
export class DurablePromise<T> implements Promise<T> {
  private readonly promise: Promise<T>;
  private awaited = false;

  /** Starts `executor` immediately (or wraps a promise that is already running). */
  constructor(executor: (() => Promise<T>) | Promise<T>) {
    this.promise = typeof executor === "function" ? runNow(executor) : executor;
    // Operations may be started and never awaited (fire-and-forget); their failure must not crash the process.
    this.promise.catch(ignore);
  }

  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | undefined | null,
  ): Promise<TResult1 | TResult2> {
    this.awaited = true;
    return this.promise.then(onfulfilled, onrejected);
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | undefined | null,
  ): Promise<T | TResult> {
    this.awaited = true;
    return this.promise.catch(onrejected);
  }

  finally(onfinally?: (() => void) | undefined | null): Promise<T> {
    this.awaited = true;
    return this.promise.finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return "DurablePromise";
  }

  /** The promises operations return are native ones ({@link OperationPromise}); they are DurablePromises too. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return (
      Function.prototype[Symbol.hasInstance].call(this, value) ||
      (this === DurablePromise && value instanceof OperationPromise)
    );
  }

  /**
   * Whether the promise has been awaited or chained (`then`/`catch`/`finally`), as in the official SDK. The
   * operation itself started when it was called either way.
   */
  get isExecuted(): boolean {
    return this.awaited;
  }
}

/**
 * The promise a running durable operation returns (what `ctx.step`, `ctx.wait`, … hand back, typed as
 * {@link DurablePromise}). It is a native promise, so `await` adopts it directly — no `then` call, no wrapper
 * promise, no extra microtask, which is a third of the promise work of a step. `await`, `then`, `catch`,
 * `finally` and `Promise.resolve` all read `constructor` (ECMA-262 PromiseResolve / SpeciesConstructor); that
 * read is how it learns it has been observed (`isExecuted`), and it answers `Promise` so derived promises are plain
 * ones. The SDK settles it with {@link succeed} / {@link fail}.
 */
export class OperationPromise<T> extends Promise<T> {
  #resolve: (value: T) => void;
  #reject: (reason: unknown) => void;
  #observed = false;

  constructor() {
    super(captureResolvers);
    this.#resolve = capturedResolve;
    this.#reject = capturedReject;
  }

  /** Settle with the operation's value. */
  succeed(value: T): void {
    this.#resolve(value);
  }

  /** Settle with the operation's failure; nobody observing it is not an unhandled rejection. */
  fail(error: unknown): void {
    const observed = this.#observed;
    void super.then(undefined, ignore);
    this.#observed = observed;
    this.#reject(error);
  }

  /** As {@link DurablePromise.isExecuted}: awaited or chained. */
  get isExecuted(): boolean {
    return this.#observed;
  }

  override get [Symbol.toStringTag](): string {
    return "DurablePromise";
  }

  static {
    const prototype: object = this.prototype;
    Object.defineProperty(prototype, "constructor", {
      configurable: true,
      get(this: object): PromiseConstructor {
        if (#observed in this) this.#observed = true;
        return Promise;
      },
    });
  }
}

let capturedResolve: (value: any) => void;
let capturedReject: (reason: unknown) => void;
/** The executor of every OperationPromise: one shared function, no closure per operation. */
function captureResolvers(resolve: (value: any) => void, reject: (reason: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/** Shared no-op rejection handler (no closure per operation). */
function ignore(): undefined {
  return undefined;
}

function runNow<T>(executor: () => Promise<T>): Promise<T> {
  try {
    return executor();
  } catch (error) {
    // A synchronous throw becomes a rejection, like an async function's.
    return Promise.reject(error as Error);
  }
}
