// Marks the async scope of a running step / check function, so a durable operation called from inside one
// (through a captured outer context) is reported as misuse instead of corrupting the id sequence. The scope
// holds the operation itself; its description is built only when misuse is reported.
import { AsyncLocalStorage } from "node:async_hooks";

/** What a user-code scope names in a misuse report. */
export interface UserCodeOwner {
  describe(): string;
}

const scope = new AsyncLocalStorage<UserCodeOwner>();

/** Run `fn(arg)` marked as the body of the operation `owner`. */
export function runAsUserCode<A, T>(owner: UserCodeOwner, fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
  return scope.run(owner, fn, arg);
}

/** The description of the operation whose body is currently running, if any. */
export function currentUserCode(): string | undefined {
  return scope.getStore()?.describe();
}
