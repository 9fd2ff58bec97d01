// Marks the async scope of a running step / check function, so a durable operation called from inside one
// (through a captured outer context) is reported as misuse instead of corrupting the id sequence.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<string>();

/** Run `fn` marked as the body of the operation described by `label`. */
export function runAsUserCode<T>(label: string, fn: () => Promise<T>): Promise<T> {
  return scope.run(label, fn);
}

/** The operation whose body is currently running, if any. */
export function currentUserCode(): string | undefined {
  return scope.getStore();
}
