// Marks the async scope of a running step / check function, so a durable operation called from inside one
// (through a captured outer context) is reported as misuse instead of corrupting the id sequence.
//
// Two ways to know "this call comes from inside a step function", chosen once per process:
// - "storage": an AsyncLocalStorage holding the running operation. Exact, and free where Node implements it
//   with async context frames (Node 24+, or 22 with --experimental-async-context-frame).
// - "stack": elsewhere an AsyncLocalStorage puts a hook call on every promise the process creates, which cost
//   a third of a step's execution time. Instead: a call made while a user function runs synchronously is
//   misuse; a call made while no user function is in flight is not; only in between (user code suspended
//   at an await while the call happens) is the call's async stack read, where V8 lists the functions awaiting
//   the current one: misuse shows our boundary frame. Calls reached only through `.then` callbacks or timers
//   inside a step are not seen this way (V8 does not follow them), nor are they by the official SDK
//   without AsyncLocalStorage.

import { AsyncLocalStorage } from "node:async_hooks";

/** What a user-code scope names in a misuse report. */
export interface UserCodeOwner {
  describe(): string;
}

/** How user code is tracked; see the file comment. */
export type UserCodeTracking = "storage" | "stack";

function defaultTracking(): UserCodeTracking {
  const major = Number(process.versions.node.split(".")[0]);
  const flags = `${process.execArgv.join(" ")} ${process.env["NODE_OPTIONS"] ?? ""}`;
  if (flags.includes("--no-async-context-frame")) return "stack";
  return major >= 24 || flags.includes("--experimental-async-context-frame") ? "storage" : "stack";
}

let tracking: UserCodeTracking = defaultTracking();
const storage = new AsyncLocalStorage<UserCodeOwner>();
/** "stack" mode: the user function running synchronously right now, if any (synchronous, so process-wide). */
let runningSync: UserCodeOwner | undefined;

/** The name of the frame that marks user code in async stacks; a method name, so minifiers keep it. */
const BOUNDARY = "durableLambdaUserCode";

interface UserCodeRun {
  readonly owner: UserCodeOwner;
  readonly scope: UserCodeScope;
}

const boundary = {
  async [BOUNDARY]<T>(run: UserCodeRun, running: Promise<T>): Promise<T> {
    try {
      return await running;
    } finally {
      run.scope.inFlight.delete(run);
    }
  },
};

/**
 * The user code of one invocation. In "stack" mode it knows which functions are in flight; a function that
 * never settles (the invocation terminated under it) is forgotten with the invocation ({@link clear}).
 *
 * @example
 * const scope = new UserCodeScope();
 * await scope.run(slot, fn, stepContext);
 * scope.current(); // undefined outside user code
 */
export class UserCodeScope {
  /** "stack" mode: runs started and not yet settled. */
  readonly inFlight = new Set<UserCodeRun>();

  /** Run `fn(arg)` marked as the body of the operation `owner`. */
  run<A, T>(owner: UserCodeOwner, fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
    if (tracking === "storage") return storage.run(owner, fn, arg);
    const outer = runningSync;
    runningSync = owner;
    let running: Promise<T>;
    try {
      running = fn(arg);
    } finally {
      runningSync = outer;
    }
    const run: UserCodeRun = { owner, scope: this };
    this.inFlight.add(run);
    return boundary[BOUNDARY](run, running);
  }

  /** The description of the operation whose body the current call runs inside, if any. */
  current(): string | undefined {
    if (tracking === "storage") return storage.getStore()?.describe();
    if (runningSync !== undefined) return runningSync.describe();
    if (this.inFlight.size === 0 || !asyncStackShowsUserCode()) return undefined;
    // The stack names no operation; with one function in flight it is that one.
    if (this.inFlight.size === 1) for (const run of this.inFlight) return run.owner.describe();
    return "a step or check function";
  }

  /** The invocation ended: functions still in flight can no longer call anything that matters. */
  clear(): void {
    this.inFlight.clear();
  }
}

function asyncStackShowsUserCode(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
  const holder: { stack?: string } = {};
  try {
    Error.captureStackTrace(holder);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return typeof holder.stack === "string" && holder.stack.includes(BOUNDARY);
}

/**
 * Chooses how user code is tracked (tests exercise both on any Node). Returns the previous choice.
 *
 * @example
 * const previous = setUserCodeTracking("storage");
 */
export function setUserCodeTracking(mode: UserCodeTracking): UserCodeTracking {
  const previous = tracking;
  tracking = mode;
  return previous;
}
