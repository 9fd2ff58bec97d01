import { tryFindOperation, type OperationSelector } from "./find-operation.js";
import type { TestOperation } from "./test-operation.js";

/**
 * Finds a callback operation: a `createCallback` by its name, or the (unnamed) callback inside a `waitForCallback`
 * by the waitForCallback's name. Other selectors (index, id, object) work as in `findOperation`; a selected
 * waitForCallback context is mapped to its callback.
 */
export function tryFindCallback(
  operations: readonly TestOperation[],
  selector: OperationSelector,
): TestOperation | undefined {
  const direct =
    typeof selector === "string"
      ? (operations.find((op) => op.type === "CALLBACK" && op.name === selector) ??
        operations.find(
          (op) => op.type === "CONTEXT" && op.subType === "WaitForCallback" && op.name === selector,
        ))
      : tryFindOperation(operations, selector);
  if (direct?.type === "CONTEXT" && direct.subType === "WaitForCallback") {
    return operations.find((op) => op.type === "CALLBACK" && op.parentId === direct.id);
  }
  return direct;
}
