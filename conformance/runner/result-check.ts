/**
 * ExpectedResult, checked through GetDurableExecution: a given ExecutionStatus must equal the actual status;
 * only a SUCCEEDED execution has its Result compared, as `json.loads(Result)` (the raw string when it is not
 * JSON, null when absent) against the substituted expectation, with Python equality.
 *
 * @example
 * await checkExpectedResult({ ExecutionStatus: "SUCCEEDED", Result: "Hello, World!" }, arn, api, ctx); // []
 */
import type { ConformanceApi } from "./lambda-api.js";
import type { PlaceholderContext } from "./placeholders.js";
import { pyEquals } from "./py-equal.js";
import { pyJsonLoads } from "./py-json.js";
import { pyRepr } from "./py-str.js";
import type { PyMapping, PyValue } from "./py-value.js";

/** Returns the ExpectedResult failures (empty when it holds). */
export async function checkExpectedResult(
  expected: PyMapping,
  arn: string,
  api: ConformanceApi,
  ctx: PlaceholderContext,
): Promise<string[]> {
  let execution;
  try {
    execution = await api.execution(arn);
  } catch (e) {
    return [`Failed to retrieve durable execution details: ${(e as Error).message}`];
  }
  const wantedStatus = expected["ExecutionStatus"];
  if (wantedStatus !== undefined && !pyEquals(wantedStatus, execution.status ?? null)) {
    return [`ExecutionStatus: expected ${pyRepr(wantedStatus)}, got ${pyRepr(execution.status ?? null)}`];
  }
  if (execution.status !== "SUCCEEDED" || !Object.hasOwn(expected, "Result")) return [];
  const actual = decodeResult(execution.result);
  const wanted = ctx.substitute(expected["Result"] ?? null);
  return pyEquals(wanted, actual) ? [] : [`Result: expected ${pyRepr(wanted)}, got ${pyRepr(actual)}`];
}

function decodeResult(result: string | undefined): PyValue {
  if (result === undefined) return null;
  try {
    return pyJsonLoads(result);
  } catch {
    return result;
  }
}
