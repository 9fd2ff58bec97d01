// Marks the async scope of a running step / check function, so a durable operation called from inside one
// (through a captured outer context) is reported as misuse instead of corrupting the id sequence. The scope
// holds the operation itself; its description is built only when misuse is reported.
//
// The scope follows the function into everything it starts — promises it creates, promises it awaits, helpers
// it calls, whatever their number of reactions or the target the code was compiled for. Two implementations of
// that, chosen once per process:
// - Node ≥ 24: AsyncLocalStorage, which async context frames make free of per-promise cost.
// - Node 20 and 22: AsyncLocalStorage there costs a hook call and a new property on every promise the process
//   creates (~0.8 µs of a ~3 µs step). V8's own promise hooks do the same for promises at a fraction of that:
//   the scope is recorded only on promises created inside user code (the others are not touched), and a promise
//   job runs in the scope its promise was created in. They do not see timers, I/O or event emitters: code that a
//   callback of one of those (started inside a step function) runs is outside the scope, so a durable operation
//   called from there is not reported — it takes the next id of the context it was called on, as on runtimes
//   without AsyncLocalStorage in the official SDK. Every promise-based pattern is reported, as under
//   AsyncLocalStorage (test/core/context-misuse.test.ts runs both).
import { AsyncLocalStorage, executionAsyncId, executionAsyncResource } from "node:async_hooks";

/** What a user-code scope names in a misuse report. */
export interface UserCodeOwner {
  describe(): string;
}

interface ScopeTracker {
  run<A, T>(owner: UserCodeOwner, fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
  current(): UserCodeOwner | undefined;
  /** Stop tracking (tests switching implementations). */
  stop(): void;
}

/** The two ways of following user code across awaits. */
export type UserCodeScopeKind = "async-local-storage" | "promise-hooks";

/** Node ≥ 24: AsyncLocalStorage over async context frames. */
function asyncLocalStorageTracker(): ScopeTracker {
  const scope = new AsyncLocalStorage<UserCodeOwner>();
  return {
    run: (owner, fn, arg) => scope.run(owner, fn, arg),
    current: () => scope.getStore(),
    stop: () => scope.disable(),
  };
}

/** Node 20 / 22: the scope rides on promises through V8's promise hooks. */
function promiseHookTracker(): ScopeTracker {
  // Loaded when the first step runs, not at import. Without getBuiltinModule (Node < 20.16), or should a release
  // lack v8.promiseHooks (marked experimental), the exact, slower way.
  const v8 = process.getBuiltinModule?.("node:v8") as typeof import("node:v8") | undefined;
  if (typeof v8?.promiseHooks?.createHook !== "function") return asyncLocalStorageTracker();
  const OWNER = Symbol("durable-lambda.userCode");
  let current: UserCodeOwner | undefined;
  // The async id current when `current` was set. A callback bound to another async context (AsyncResource.bind,
  // runInAsyncScope, EventEmitterAsyncResource) changes it while it runs: such a callback is not the step's code,
  // though it may run inside a step's job, as it is not under AsyncLocalStorage either.
  let currentAsyncId = 0;
  // The promise whose job is running. When the application's async hooks track promises too and registered after
  // this hook, Node enters the promise's own async context after `before` ran: the id differs, the resource is it.
  let currentJob: Promise<unknown> | undefined;
  const stop = v8.promiseHooks.createHook({
    // Promises made outside user code stay as they are (no new property, no new hidden class).
    init(promise: Promise<unknown>) {
      if (current !== undefined) (promise as any)[OWNER] = current;
    },
    // A promise job (a reaction, an await resuming) runs in the scope its promise was created in.
    before(promise: Promise<unknown>) {
      current = (promise as any)[OWNER];
      if (current === undefined) return;
      currentAsyncId = executionAsyncId();
      currentJob = promise;
    },
    after() {
      current = undefined;
      currentJob = undefined;
    },
  }) as () => void;
  return {
    run(owner, fn, arg) {
      const outer = current;
      const outerAsyncId = currentAsyncId;
      const outerJob = currentJob;
      current = owner;
      currentAsyncId = executionAsyncId();
      currentJob = undefined;
      try {
        return fn(arg);
      } finally {
        current = outer;
        currentAsyncId = outerAsyncId;
        currentJob = outerJob;
      }
    },
    current() {
      if (current === undefined) return undefined;
      if (executionAsyncId() === currentAsyncId) return current;
      if (currentJob !== undefined && executionAsyncResource() === currentJob) {
        currentAsyncId = executionAsyncId();
        return current;
      }
      return undefined;
    },
    stop,
  };
}

let tracker: ScopeTracker | undefined;
let kind: UserCodeScopeKind = defaultKind();

/** DURABLE_LAMBDA_USER_CODE_SCOPE=async-local-storage asks for the exact tracking on Node 20 / 22 too. */
function defaultKind(): UserCodeScopeKind {
  const asked = process.env["DURABLE_LAMBDA_USER_CODE_SCOPE"];
  if (asked === "async-local-storage" || asked === "promise-hooks") return asked;
  return Number(process.versions.node.split(".")[0]) >= 24 ? "async-local-storage" : "promise-hooks";
}

function scopeTracker(): ScopeTracker {
  tracker ??= kind === "async-local-storage" ? asyncLocalStorageTracker() : promiseHookTracker();
  return tracker;
}

/** Switch the implementation (tests run the misuse suite under both); takes effect for the next step. */
export function useUserCodeScope(next: UserCodeScopeKind): void {
  tracker?.stop();
  tracker = undefined;
  kind = next;
}

/** Run `fn(arg)` marked as the body of the operation `owner`. */
export function runAsUserCode<A, T>(owner: UserCodeOwner, fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
  return scopeTracker().run(owner, fn, arg);
}

/** The description of the operation whose body is currently running, if any. */
export function currentUserCode(): string | undefined {
  return tracker?.current()?.describe();
}
