/**
 * `durable stop <arn>`: stops a running execution (StopDurableExecution), optionally with an error.
 */
import { StopDurableExecutionCommand } from "@aws-sdk/client-lambda";
import type { CliContext } from "../cli-context.js";
import { formatTime } from "../format.js";
import { parseCommandArgs, rejectExtraPositionals, requirePositional } from "../parse-command-args.js";

export const STOP_USAGE = "durable stop <execution-arn> [--error-type TYPE] [--error-message MESSAGE]";

/**
 * Runs `durable stop`.
 *
 * @example
 * ```ts
 * await stopCommand([arn, "--error-message", "cancelled by operator"], ctx);
 * ```
 */
export async function stopCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { "error-type": { type: "string" }, "error-message": { type: "string" } },
    STOP_USAGE,
  );
  const arn = requirePositional(positionals, 0, "execution ARN", STOP_USAGE);
  rejectExtraPositionals(positionals, 1, STOP_USAGE);
  const errorType = values["error-type"];
  const errorMessage = values["error-message"];
  const response = await ctx.client().send(
    new StopDurableExecutionCommand({
      DurableExecutionArn: arn,
      Error:
        errorType === undefined && errorMessage === undefined
          ? undefined
          : { ErrorType: errorType, ErrorMessage: errorMessage },
    }),
  );
  ctx.io.stdout(`Stopped ${arn} at ${formatTime(response.StopTimestamp)} UTC.\n`);
  return 0;
}
