/**
 * `durable callback succeed|fail|heartbeat <callbackId>`: completes or heartbeats a callback the way an
 * external system would.
 */
import {
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  type ErrorObject,
} from "@aws-sdk/client-lambda";
import type { CliContext } from "../cli-context.js";
import { CliUsageError } from "../cli-error.js";
import {
  parseCommandArgs,
  payloadOptionText,
  rejectExtraPositionals,
  requirePositional,
} from "../parse-command-args.js";

export const CALLBACK_USAGE =
  "durable callback succeed|fail|heartbeat <callback-id> [--payload TEXT|@FILE] [--error JSON|MESSAGE] [--error-type TYPE]";

/**
 * Runs `durable callback`.
 *
 * @example
 * ```ts
 * await callbackCommand(["succeed", callbackId, "--payload", '{"approved":true}'], ctx);
 * await callbackCommand(["fail", callbackId, "--error", "rejected by reviewer"], ctx);
 * ```
 */
export async function callbackCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      payload: { type: "string" },
      error: { type: "string" },
      "error-type": { type: "string" },
    },
    CALLBACK_USAGE,
  );
  const action = requirePositional(positionals, 0, "action (succeed, fail or heartbeat)", CALLBACK_USAGE);
  const callbackId = requirePositional(positionals, 1, "callback id", CALLBACK_USAGE);
  rejectExtraPositionals(positionals, 2, CALLBACK_USAGE);
  const client = ctx.client();

  switch (action) {
    case "succeed":
      rejectOptions(values, ["error", "error-type"], action);
      // The result is stored byte for byte as given: no re-encoding.
      await client.send(
        new SendDurableExecutionCallbackSuccessCommand({
          CallbackId: callbackId,
          Result: new TextEncoder().encode(payloadOptionText(values.payload ?? "", "payload")),
        }),
      );
      ctx.io.stdout(`Callback ${callbackId} succeeded.\n`);
      return 0;
    case "fail":
      rejectOptions(values, ["payload"], action);
      await client.send(
        new SendDurableExecutionCallbackFailureCommand({
          CallbackId: callbackId,
          Error: errorObject(values.error, values["error-type"]),
        }),
      );
      ctx.io.stdout(`Callback ${callbackId} failed.\n`);
      return 0;
    case "heartbeat":
      rejectOptions(values, ["payload", "error", "error-type"], action);
      await client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: callbackId }));
      ctx.io.stdout(`Callback ${callbackId} heartbeat sent.\n`);
      return 0;
    default:
      throw new CliUsageError(`unknown callback action "${action}"; expected succeed, fail or heartbeat`);
  }
}

function rejectOptions(values: Record<string, unknown>, names: string[], action: string): void {
  for (const name of names) {
    if (values[name] !== undefined)
      throw new CliUsageError(`--${name} does not apply to "callback ${action}"`);
  }
}

/** `--error` is either an ErrorObject as JSON or a plain message; `--error-type` sets or overrides the type. */
function errorObject(error: string | undefined, errorType: string | undefined): ErrorObject {
  let result: ErrorObject = {};
  if (error !== undefined) {
    const trimmed = error.trim();
    if (trimmed.startsWith("{")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (e) {
        throw new CliUsageError(`--error looks like JSON but does not parse: ${(e as Error).message}`);
      }
      result = toErrorObject(parsed);
    } else {
      result = { ErrorMessage: error };
    }
  }
  if (errorType !== undefined) result.ErrorType = errorType;
  return result;
}

function toErrorObject(value: unknown): ErrorObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CliUsageError('--error JSON must be an object like {"ErrorType":"…","ErrorMessage":"…"}');
  }
  const record = value as Record<string, unknown>;
  const result: ErrorObject = {};
  for (const key of ["ErrorType", "ErrorMessage", "ErrorData"] as const) {
    const field = record[key];
    if (field === undefined) continue;
    if (typeof field !== "string") throw new CliUsageError(`--error field ${key} must be a string`);
    result[key] = field;
  }
  const unknownKeys = Object.keys(record).filter(
    (key) => !["ErrorType", "ErrorMessage", "ErrorData"].includes(key),
  );
  if (unknownKeys.length > 0) {
    throw new CliUsageError(
      `--error has unknown field(s) ${unknownKeys.join(", ")}; expected ErrorType, ErrorMessage, ErrorData`,
    );
  }
  return result;
}
