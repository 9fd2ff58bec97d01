// Marks the async scope of a running step / check function, so a durable operation called from inside one
// (through a captured outer context) is reported as misuse instead of corrupting the id sequence.
//
// Two ways to know "this call comes from inside a step function", chosen once per process:
// - "storage": an AsyncLocalStorage holding the running operation. Exact, and free where Node implements it
//   with async context frames (Node 24+, or 22 with --experimental-async-context-frame).
// - "stack": elsewhere an AsyncLocalStorage puts a hook call on every promise the process creates, which cost
//   a third of a step's execution time. Instead: a call made while a user function runs synchronously is
//   misuse; a call on a context is not when no user function is in flight in that context's subtree nor in
//   any of its ancestors themselves (a function of context X can reach X's ancestors, whose subtree holds it,
//   and X's descendants, whose ancestor X is); only otherwise (such a function suspended at an await while the
//   call happens) is the call's async stack read, where V8 lists the functions awaiting the current one:
//   misuse shows our boundary frame. The stack is read rarely — not for sequential
//   steps, nor for map/parallel items each calling their own context — because it costs tens of µs. Calls
//   reached only through `.then` callbacks or timers inside a step are not seen this way (V8 does not follow
//   them), nor are they by the official SDK without AsyncLocalStorage.

import { AsyncLocalStorage } from "node:async_hooks";

/** The context an operation belongs to, as far as user-code tracking needs it ("stack" mode counters). */
export interface UserCodeContext {
  /** User functions of this context's own operations in flight. */
  userCodeOwn: number;
  /** User functions in flight in this context or its descendants. */
  userCodeInSubtree: number;
  readonly parent: UserCodeContext | undefined;
}

/** What a user-code scope names in a misuse report. */
export interface UserCodeOwner {
  describe(): string;
  readonly ctx: UserCodeContext;
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
/** True while the SDK's own engine starts an operation (a map item's context): never misuse, never checked. */
let engineCalling = false;

/**
 * Runs `call`, which starts an operation on the SDK's own behalf (the batch engine starting an item), so it is not
 * checked for misuse: the user call that started the batch already was, and reading the async stack for each of
 * hundreds of items would cost tens of µs apiece.
 *
 * @example
 * const item = asEngineCall(() => batchCtx.runInChildContext(name, fn, options));
 */
export function asEngineCall<T>(call: () => T): T {
  const outer = engineCalling;
  engineCalling = true;
  try {
    return call();
  } finally {
    engineCalling = outer;
  }
}

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
      run.owner.ctx.userCodeOwn--;
      for (let c: UserCodeContext | undefined = run.owner.ctx; c; c = c.parent) c.userCodeInSubtree--;
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
 * scope.current(ctx); // undefined outside user code
 */
export class UserCodeScope {
  /** "stack" mode: runs started and not yet settled. */
  readonly inFlight = new Set<UserCodeRun>();

  /** Run `fn(arg)` marked as the body of the operation `owner`. */
  run<A, T>(owner: UserCodeOwner, fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
    // A user function run synchronously from inside an engine call (a map item's first step) is user code again.
    const outerEngine = engineCalling;
    engineCalling = false;
    const outer = runningSync;
    let running: Promise<T>;
    try {
      if (tracking === "storage") return storage.run(owner, fn, arg);
      runningSync = owner;
      running = fn(arg);
    } finally {
      runningSync = outer;
      engineCalling = outerEngine;
    }
    const run: UserCodeRun = { owner, scope: this };
    this.inFlight.add(run);
    owner.ctx.userCodeOwn++;
    for (let c: UserCodeContext | undefined = owner.ctx; c; c = c.parent) c.userCodeInSubtree++;
    return boundary[BOUNDARY](run, running);
  }

  /** The description of the operation whose body a call on `ctx` runs inside, if any. */
  current(ctx: UserCodeContext): string | undefined {
    if (engineCalling) return undefined;
    if (tracking === "storage") return storage.getStore()?.describe();
    if (runningSync !== undefined) return runningSync.describe();
    if (!mayBeInsideUserCode(ctx) || !asyncStackShowsUserCode()) return undefined;
    // The stack names no operation; with one function in flight it is that one.
    if (this.inFlight.size === 1) for (const run of this.inFlight) return run.owner.describe();
    return "a step or check function";
  }

  /** The invocation ended: functions still in flight can no longer call anything that matters. */
  clear(): void {
    this.inFlight.clear();
  }
}

/** Whether a user function that could reach `ctx` is in flight (see the file comment). */
function mayBeInsideUserCode(ctx: UserCodeContext): boolean {
  if (ctx.userCodeInSubtree > 0) return true;
  for (let c = ctx.parent; c; c = c.parent) if (c.userCodeOwn > 0) return true;
  return false;
}

/**
 * Whether the current async stack passes through the boundary that awaits every user function. Reads V8's
 * structured call sites (names only, ~5 µs) rather than a formatted stack (positions, source maps: ~2–6 times that).
 */
function asyncStackShowsUserCode(): boolean {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 200;
  Error.prepareStackTrace = (_error, sites) => sites;
  let sites: unknown;
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    sites = holder.stack; // formatted on first read, so read while our prepareStackTrace is installed
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
  if (!Array.isArray(sites)) return false;
  for (const site of sites as NodeJS.CallSite[]) if (site.getFunctionName() === BOUNDARY) return true;
  return false;
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
