// Determinism checks (SDK.md §8): when an operation finds a record at its id, Type, Name and SubType must match
// what the code asks for now. A mismatch is a fault: the execution FAILS (never PENDING).
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

// Frames from this SDK are skipped when looking for the user's call site. Found from this module's own stack
// frame, so it works from the sources (skip `src/`), an ESM bundle and a CJS bundle (skip the bundle file).
// Computed on first use: capturing a stack costs ~0.4 ms, which a cold start should not pay up front.
let sdkLocation: string | undefined;
function sdkFrameLocation(): string {
  if (sdkLocation !== undefined) return sdkLocation;
  const file = frameFile(new Error().stack?.split("\n")[1] ?? "");
  const inSources = file ? /[/\\]replay[/\\]determinism\.[cm]?[jt]s$/.exec(file) : null;
  sdkLocation = !file ? "\u0000" : inSources ? file.slice(0, inSources.index + 1) : file;
  return sdkLocation;
}

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
    const file = frameFile(frame);
    if (
      !file ||
      file.startsWith("node:") ||
      file.includes("node_modules") ||
      file.startsWith(sdkFrameLocation())
    )
      continue;
    const position = /:(\d+):(\d+)\)?\s*$/.exec(frame.trim());
    return position ? `${file}:${position[1]}:${position[2]}` : file;
  }
  return undefined;
}

/** The file of a V8 stack frame (`at f (file:1:2)` or `at file:1:2`), without a file:// prefix. */
function frameFile(frame: string): string | undefined {
  const match = /\(?((?:file:\/\/)?[^()\s]+):\d+:\d+\)?\s*$/.exec(frame.trim());
  return match ? (match[1] as string).replace(/^file:\/\//, "") : undefined;
}
