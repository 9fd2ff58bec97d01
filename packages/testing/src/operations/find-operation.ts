import type { TestOperation } from "./test-operation.js";

/**
 * How to pick an operation: its name (first match in start order), its index in start order, or an object
 * with `id` (wire id) or `name` plus optional `type` and `nth` (0-based among matches).
 */
export type OperationSelector =
  string | number | { id: string } | { name: string; type?: TestOperation["type"]; nth?: number };

/** Thrown when no operation matches a selector; the message lists the operations that exist. */
export class OperationNotFoundError extends Error {
  override readonly name = "OperationNotFoundError";
  readonly code = "OPERATION_NOT_FOUND";
}

function describe(selector: OperationSelector): string {
  return typeof selector === "object" ? JSON.stringify(selector) : String(selector);
}

/**
 * Finds one operation, or throws {@link OperationNotFoundError} naming what exists.
 *
 * @example
 * findOperation(run.operations, "charge");                    // by name
 * findOperation(run.operations, 0);                           // the first operation started
 * findOperation(run.operations, { name: "poll", type: "STEP", nth: 2 });
 */
export function findOperation(
  operations: readonly TestOperation[],
  selector: OperationSelector,
): TestOperation {
  const found = tryFindOperation(operations, selector);
  if (found !== undefined) return found;
  const listing = operations
    .map((op, i) => `  ${i}: ${op.type}${op.name === undefined ? "" : ` "${op.name}"`} ${op.id} ${op.status}`)
    .join("\n");
  throw new OperationNotFoundError(
    `no operation matches ${describe(selector)}; the run has ${operations.length}:\n${listing}`,
  );
}

/** Like {@link findOperation} but returns undefined when nothing matches. */
export function tryFindOperation(
  operations: readonly TestOperation[],
  selector: OperationSelector,
): TestOperation | undefined {
  if (typeof selector === "number") return operations[selector];
  if (typeof selector === "string") return operations.find((op) => op.name === selector);
  if ("id" in selector) return operations.find((op) => op.id === selector.id);
  let remaining = selector.nth ?? 0;
  for (const op of operations) {
    if (op.name !== selector.name || (selector.type !== undefined && op.type !== selector.type)) continue;
    if (remaining-- === 0) return op;
  }
  return undefined;
}
