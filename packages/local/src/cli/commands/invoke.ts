/**
 * `durable invoke <function>`: starts a durable execution and, unless `--async`, waits for it to finish and
 * prints its result. While it waits (a long wait, a callback) a progress line on stderr shows what the
 * execution is waiting for, including callback ids a user can complete with `durable callback`.
 */
import { randomUUID } from "node:crypto";
import { GetDurableExecutionCommand, InvokeCommand, type InvocationResponse } from "@aws-sdk/client-lambda";
import type { CliContext } from "../cli-context.js";
import { isQualified } from "../function-name.js";
import { InvokeProgress } from "../invoke-progress.js";
import {
  parseCommandArgs,
  parseJsonOption,
  payloadOptionText,
  rejectExtraPositionals,
  requirePositional,
} from "../parse-command-args.js";

export const INVOKE_USAGE =
  "durable invoke <function> [--payload JSON|@FILE] [--async] [--name NAME] [--qualifier Q]";

/**
 * Runs `durable invoke`. Exit code 0 when the execution succeeded (or was started with `--async`), 1 when
 * it ended otherwise.
 *
 * @example
 * ```ts
 * await invokeCommand(["orders", "--payload", '{"id":1}'], ctx);
 * ```
 */
export async function invokeCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      payload: { type: "string" },
      async: { type: "boolean" },
      name: { type: "string" },
      qualifier: { type: "string" },
    },
    INVOKE_USAGE,
  );
  const functionName = requirePositional(positionals, 0, "function name", INVOKE_USAGE);
  rejectExtraPositionals(positionals, 1, INVOKE_USAGE);
  const payloadText = payloadOptionText(values.payload ?? "{}", "payload");
  parseJsonOption(payloadText, "payload");
  const qualifier = values.qualifier ?? (isQualified(functionName) ? undefined : "$LATEST");
  // A name is always sent so the progress display can find the execution while the sync call is open.
  const executionName = values.name ?? randomUUID();
  const request = {
    FunctionName: functionName,
    Qualifier: qualifier,
    DurableExecutionName: executionName,
    Payload: new TextEncoder().encode(payloadText),
  };
  const { io } = ctx;

  if (values.async === true) {
    const response = await ctx.client().send(new InvokeCommand({ ...request, InvocationType: "Event" }));
    io.stdout(
      `Execution: ${response.DurableExecutionArn ?? "(not a durable function: invoked asynchronously)"}\n`,
    );
    io.stdout(`Status:    STARTED\n`);
    return 0;
  }

  const progress = new InvokeProgress(ctx, { functionName, qualifier, executionName });
  progress.start();
  let response: InvocationResponse;
  try {
    response = await ctx.client().send(new InvokeCommand({ ...request, InvocationType: "RequestResponse" }));
  } finally {
    progress.stop();
  }
  return printOutcome(ctx, response);
}

async function printOutcome(ctx: CliContext, response: InvocationResponse): Promise<number> {
  const { io } = ctx;
  const body = response.Payload === undefined ? "" : new TextDecoder().decode(response.Payload);
  const arn = response.DurableExecutionArn;
  let status = response.FunctionError === undefined ? "SUCCEEDED" : "FAILED";
  if (arn !== undefined) {
    io.stdout(`Execution: ${arn}\n`);
    const execution = await ctx
      .client()
      .send(new GetDurableExecutionCommand({ DurableExecutionArn: arn, IncludeExecutionData: false }));
    status = execution.Status ?? status;
  }
  io.stdout(`Status:    ${status}\n`);
  if (response.FunctionError === undefined && status === "SUCCEEDED") {
    io.stdout(`Result:    ${body}\n`);
    return 0;
  }
  io.stdout(`Error:     ${describeFunctionError(body)}\n`);
  return 1;
}

/** The Invoke error body is `{"errorType","errorMessage"}`; show it as `Type: message`. */
function describeFunctionError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorType?: unknown; errorMessage?: unknown };
    if (typeof parsed.errorType === "string" || typeof parsed.errorMessage === "string") {
      return `${String(parsed.errorType ?? "Error")}: ${String(parsed.errorMessage ?? "")}`;
    }
  } catch {
    // Not JSON: show the body as it came.
  }
  return body;
}
