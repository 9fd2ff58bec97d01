// Marks the async scope of a running step / check function, so a durable operation called from inside one
// (through a captured outer context) is reported as misuse instead of corrupting the id sequence. The scope
// holds the operation itself; its description is built only when misuse is reported.
//
// An AsyncLocalStorage is the one exact way to know this. Before Node 24 it costs a hook call on every promise the
// process creates (~1.3 µs of a ~4 µs step on Node 20; the official SDK pays the same); Node 24 implements it with
// async context frames at no such cost. A hook-free variant (a synchronous marker plus reading V8's async stack for a
// boundary frame) was measured at ~2.6 µs a step but missed real misuse — a helper promise with two reactions, a
// helper started before it is awaited, a sibling context reached from a step, step code compiled for targets below
// ES2017 — and a missed one corrupts the id sequence (a misleading non-determinism error later) or hangs.
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
