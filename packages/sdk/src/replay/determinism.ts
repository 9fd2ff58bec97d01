// Determinism checks (SDK.md §8): when an operation finds a record at its id, Type, Name and SubType must match
// what the code asks for now. A mismatch is a fault: the execution FAILS (never PENDING).
import { fileURLToPath } from "node:url";
import { NonDeterministicExecutionError } from "../errors.js";
import type { Operation } from "../types/wire.js";

/** What the code is asking for at an id. */
export interface ExpectedOperation {
  type: string;
  subType: string;
  name: string | undefined;
}

/** Where the operation sits, computed only when a mismatch is reported. */
export interface OperationLocation {
  rawId: string;
  /** e.g. `root > "orders" (2) > step (2-1)` */
  path(): string;
}

const SDK_SOURCE_DIR = (() => {
  try {
    return fileURLToPath(new URL("..", import.meta.url));
  } catch {
    return "\u0000";
  }
})();

/**
 * Throws {@link NonDeterministicExecutionError} when `record` does not match `expected`. Call it synchronously
 * from the user's call so the reported call site is the user's line.
 */
export function checkDeterminism(
  record: Operation,
  expected: ExpectedOperation,
  where: OperationLocation,
): void {
  let field: "type" | "name" | "sub-type" | undefined;
  let was: unknown;
  let now: unknown;
  if (record.Type !== expected.type) [field, was, now] = ["type", record.Type, expected.type];
  else if (record.Name !== expected.name) [field, was, now] = ["name", record.Name, expected.name];
  else if ((record.SubType ?? undefined) !== expected.subType)
    [field, was, now] = ["sub-type", record.SubType, expected.subType];
  if (!field) return;
  const site = userCallSite();
  throw new NonDeterministicExecutionError(
    `Non-deterministic execution detected: Operation ${field} mismatch for ${expected.type.toLowerCase()} "${where.rawId}". ` +
      `Expected ${field} ${show(was)}, but got ${show(now)}. ` +
      `History has ${describe(record.Type, record.SubType, record.Name)}; the code now calls ` +
      `${describe(expected.type, expected.subType, expected.name)} at ${where.path()}` +
      (site ? ` (called from ${site})` : "") +
      ". This indicates non-deterministic control flow in your workflow code.",
  );
}

function show(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value);
}

function describe(type: unknown, subType: unknown, name: unknown): string {
  return `${String(type)}/${String(subType)}${name === undefined ? " (unnamed)" : ` named ${JSON.stringify(name)}`}`;
}

/** First stack frame outside this SDK's sources and Node internals, as `file:line:column`. */
export function userCallSite(): string | undefined {
  const stack = new Error().stack?.split("\n").slice(1) ?? [];
  for (const frame of stack) {
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
    if (!match) continue;
    const file = (match[1] as string).replace(/^file:\/\//, "");
    if (file.startsWith("node:") || file.includes("node_modules") || file.startsWith(SDK_SOURCE_DIR))
      continue;
    return `${file}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
