/**
 * `durable executions <function>`: a table of the function's executions, newest first.
 */
import {
  ListDurableExecutionsByFunctionCommand,
  type Execution as DurableExecutionSummary,
  type ExecutionStatus,
} from "@aws-sdk/client-lambda";
import type { CliContext } from "../cli-context.js";
import { CliUsageError } from "../cli-error.js";
import { formatDuration, formatTime } from "../format.js";
import { parseCommandArgs, rejectExtraPositionals, requirePositional } from "../parse-command-args.js";
import { renderTable } from "../table.js";

export const EXECUTIONS_USAGE =
  "durable executions <function> [--status RUNNING|SUCCEEDED|FAILED|TIMED_OUT|STOPPED]... [--limit N] [--qualifier Q]";

const STATUSES: ReadonlySet<string> = new Set(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"]);

/**
 * Runs `durable executions`.
 *
 * @example
 * ```ts
 * await executionsCommand(["orders", "--status", "RUNNING"], ctx);
 * ```
 */
export async function executionsCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      status: { type: "string", multiple: true },
      limit: { type: "string" },
      qualifier: { type: "string" },
    },
    EXECUTIONS_USAGE,
  );
  const functionName = requirePositional(positionals, 0, "function name", EXECUTIONS_USAGE);
  rejectExtraPositionals(positionals, 1, EXECUTIONS_USAGE);
  const statuses = (values.status ?? []).map((status) => status.toUpperCase());
  for (const status of statuses) {
    if (!STATUSES.has(status)) {
      throw new CliUsageError(`unknown status "${status}"; expected one of ${[...STATUSES].join(", ")}`);
    }
  }
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new CliUsageError(`--limit must be a positive integer, got "${values.limit ?? ""}"`);
  }

  const executions: DurableExecutionSummary[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.client().send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: functionName,
        Qualifier: values.qualifier,
        Statuses: statuses.length > 0 ? (statuses as ExecutionStatus[]) : undefined,
        MaxItems: Math.min(1000, limit - executions.length),
        Marker: marker,
      }),
    );
    executions.push(...(page.DurableExecutions ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined && executions.length < limit);

  if (executions.length === 0) {
    ctx.io.stdout(`No executions of ${functionName}.\n`);
    return 0;
  }
  const now = Date.now();
  const rows = executions.map((execution) => {
    const started = execution.StartTimestamp?.getTime();
    const ended = execution.EndTimestamp?.getTime() ?? now;
    return [
      execution.DurableExecutionName ?? "",
      execution.Status ?? "",
      formatTime(execution.StartTimestamp),
      started === undefined ? "" : formatDuration(ended - started),
      execution.DurableExecutionArn ?? "",
    ];
  });
  ctx.io.stdout(renderTable(["NAME", "STATUS", "STARTED", "DURATION", "ARN"], rows));
  return 0;
}
