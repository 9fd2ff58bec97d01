import type { OperationUpdate } from "durable-lambda";
import { assertSequence, type SequenceOptions } from "./assert-sequence.js";

/** An expected checkpoint update: `"STEP START"` / `"STEP SUCCEED charge"` (type, action, name), or a partial update. */
export type ExpectedUpdate = string | Partial<OperationUpdate>;

function summarize(update: OperationUpdate): string {
  const name = update.Name === undefined ? "" : ` ${JSON.stringify(update.Name)}`;
  const payload = update.Payload === undefined ? "" : ` ${update.Payload.slice(0, 40)}`;
  return `${update.Type} ${update.Action}${name}${payload}`;
}

function parseShorthand(text: string): Partial<OperationUpdate> {
  const [type, action, ...name] = text.split(" ");
  const expected: Partial<OperationUpdate> = { Type: type as OperationUpdate["Type"] };
  if (action !== undefined) expected.Action = action as OperationUpdate["Action"];
  if (name.length > 0) expected.Name = name.join(" ");
  return expected;
}

/**
 * Asserts the checkpoint updates a handler sent (or, for the mock context, would have sent), in order.
 *
 * @example
 * assertCheckpoints(run, ["STEP START validate", "STEP SUCCEED validate", { Type: "WAIT", WaitOptions: { WaitSeconds: 60 } }]);
 */
export function assertCheckpoints(
  source: readonly OperationUpdate[] | { checkpoints: readonly OperationUpdate[] },
  expected: readonly ExpectedUpdate[],
  options?: SequenceOptions,
): void {
  const updates = Array.isArray(source)
    ? source
    : (source as { checkpoints: readonly OperationUpdate[] }).checkpoints;
  const normalised = expected.map((e) => (typeof e === "string" ? parseShorthand(e) : e));
  assertSequence({ noun: "checkpoint updates", summarize }, updates, normalised, options);
}
