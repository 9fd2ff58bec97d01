import type { TestOperation } from "../operations/test-operation.js";
import { assertSequence, type SequenceOptions } from "./assert-sequence.js";

/**
 * An expected operation: `"STEP"` / `"STEP charge"` (type, then the name — everything after the first space),
 * or a partial {@link TestOperation}.
 */
export type ExpectedOperation = string | Partial<TestOperation>;

/** Anything that holds operations: the list, or a run result / mock run result. */
export type OperationSource = readonly TestOperation[] | { operations: readonly TestOperation[] };

function summarize(op: TestOperation): string {
  const name = op.name === undefined ? "" : ` ${JSON.stringify(op.name)}`;
  const sub = op.subType === undefined ? "" : ` (${op.subType})`;
  return `${op.type}${sub}${name} ${op.status}`;
}

function parseShorthand(text: string): Partial<TestOperation> {
  const space = text.indexOf(" ");
  if (space < 0) return { type: text as TestOperation["type"] };
  return { type: text.slice(0, space) as TestOperation["type"], name: text.slice(space + 1) };
}

/**
 * Asserts the operations of a run in start order (type and name, or any members). Throws a
 * {@link DurableAssertionError} with a side-by-side listing on the first difference.
 *
 * @example
 * ```ts
 * assertOperations(run, ["STEP validate", "STEP charge", "WAIT cool-down", { type: "CALLBACK", status: "SUCCEEDED" }]);
 * ```
 */
export function assertOperations(
  source: OperationSource,
  expected: readonly ExpectedOperation[],
  options?: SequenceOptions,
): void {
  const operations = Array.isArray(source)
    ? source
    : (source as { operations: readonly TestOperation[] }).operations;
  const normalised = expected.map((e) => (typeof e === "string" ? parseShorthand(e) : e));
  assertSequence({ noun: "operations", summarize }, operations, normalised, options);
}
