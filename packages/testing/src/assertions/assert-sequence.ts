import { DurableAssertionError } from "./durable-assertion-error.js";
import { show, subsetMismatch } from "./subset-mismatch.js";

/** How to compare and describe the items of one kind of sequence (events, operations, updates). */
export interface SequenceKind<A> {
  /** Plural noun for messages: "history events". */
  noun: string;
  /** One-line summary of an actual item for the side-by-side listing. */
  summarize(item: A): string;
}

/** Whether the expected list must cover the whole actual sequence or just its beginning. */
export interface SequenceOptions {
  /** `"exact"` (default): same length. `"prefix"`: the actual sequence may continue after the expected items. */
  match?: "exact" | "prefix";
}

/**
 * Compares a sequence against expected partial items, position by position, and throws a
 * {@link DurableAssertionError} whose message shows the first difference and both sequences side by side.
 * Shared by every sequence assertion of the kit so they all read the same way.
 */
export function assertSequence<A>(
  kind: SequenceKind<A>,
  actual: readonly A[],
  expected: readonly unknown[],
  options: SequenceOptions = {},
): void {
  const match = options.match ?? "exact";
  let firstBad = -1;
  let detail = "";
  for (let i = 0; i < expected.length; i++) {
    if (i >= actual.length) {
      firstBad = i;
      detail = `expected ${show(expected[i])}, but the sequence ended after ${actual.length} item(s)`;
      break;
    }
    const mismatch = subsetMismatch(expected[i], actual[i]);
    if (mismatch !== undefined) {
      firstBad = i;
      const where = mismatch.path === "" ? "" : ` at ${mismatch.path}`;
      detail = `${where ? `mismatch${where}: ` : ""}expected ${show(mismatch.expected)}, got ${show(mismatch.actual)}`;
      break;
    }
  }
  if (firstBad < 0 && match === "exact" && actual.length > expected.length) {
    firstBad = expected.length;
    detail = `unexpected extra item(s) from position ${expected.length}: ${show(actual[expected.length])}`;
  }
  if (firstBad < 0) return;
  const lines = [`${kind.noun} differ at position ${firstBad}: ${detail}`, "", "  #  expected | actual"];
  const rows = Math.max(expected.length, actual.length);
  for (let i = 0; i < rows; i++) {
    const mark = i === firstBad ? ">" : i < firstBad ? " " : "?";
    const left = i < expected.length ? show(expected[i], 70) : "—";
    const right = i < actual.length ? kind.summarize(actual[i] as A) : "—";
    lines.push(`${mark}${String(i).padStart(3)}  ${left} | ${right}`);
  }
  throw new DurableAssertionError(lines.join("\n"), expected, actual);
}
