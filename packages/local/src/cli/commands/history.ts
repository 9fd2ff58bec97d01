/**
 * `durable history <arn>`: an execution's history as a table, or with `--json` the complete history in the
 * GetDurableExecutionHistory response shape (`{ "Events": [...] }`, timestamps as epoch seconds) — the file
 * format the test kit's replay reads.
 */
import { GetDurableExecutionHistoryCommand, type Event as HistoryEvent } from "@aws-sdk/client-lambda";
import type { CliContext } from "../cli-context.js";
import { formatTime, summariseEventDetails } from "../format.js";
import { parseCommandArgs, rejectExtraPositionals, requirePositional } from "../parse-command-args.js";
import { renderTable } from "../table.js";

export const HISTORY_USAGE = "durable history <execution-arn> [--json]";

/**
 * Runs `durable history`.
 *
 * @example
 * ```ts
 * await historyCommand([arn, "--json"], ctx); // prints {"Events":[...]}
 * ```
 */
export async function historyCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, HISTORY_USAGE);
  const arn = requirePositional(positionals, 0, "execution ARN", HISTORY_USAGE);
  rejectExtraPositionals(positionals, 1, HISTORY_USAGE);

  const events = await fetchAllEvents(ctx, arn);
  if (values.json === true) {
    ctx.io.stdout(`${JSON.stringify({ Events: events }, epochSecondsReplacer, 2)}\n`);
    return 0;
  }
  const rows = events.map((event) => [
    String(event.EventId ?? ""),
    formatTime(event.EventTimestamp),
    event.EventType ?? "",
    event.Name ?? "",
    summariseEventDetails(event),
  ]);
  ctx.io.stdout(renderTable(["ID", "TIME (UTC)", "TYPE", "NAME", "DETAILS"], rows));
  return 0;
}

/** Every event, oldest first, following NextMarker through all pages. */
export async function fetchAllEvents(ctx: CliContext, arn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.client().send(
      new GetDurableExecutionHistoryCommand({
        DurableExecutionArn: arn,
        IncludeExecutionData: true,
        MaxItems: 1000,
        Marker: marker,
      }),
    );
    events.push(...(page.Events ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return events;
}

/** Dates back to the wire's epoch seconds (the client turned them into Dates). */
function epochSecondsReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return original instanceof Date ? original.getTime() / 1000 : value;
}
