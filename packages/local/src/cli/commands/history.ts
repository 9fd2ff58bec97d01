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
  const depthOf = nestingDepths(events);
  const rows = events.map((event) => [
    String(event.EventId ?? ""),
    formatTime(event.EventTimestamp),
    event.EventType ?? "",
    // Operations inside child contexts are indented under their parent's name.
    `${"  ".repeat(depthOf(event.ParentId))}${event.Name ?? ""}`,
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

/**
 * Nesting depth of operations by their ParentId: 0 for top level, 1 inside one context, and so on.
 * Each id's depth is computed once (memoised), so the whole history costs O(events).
 */
export function nestingDepths(events: HistoryEvent[]): (parentId: string | undefined) => number {
  const parentOf = new Map<string, string>();
  for (const event of events) {
    if (event.Id !== undefined && event.ParentId !== undefined) parentOf.set(event.Id, event.ParentId);
  }
  const memo = new Map<string, number>();
  const depth = (parentId: string | undefined, guard = 0): number => {
    if (parentId === undefined || guard > 1000) return 0;
    const known = memo.get(parentId);
    if (known !== undefined) return known;
    const value = 1 + depth(parentOf.get(parentId), guard + 1);
    memo.set(parentId, value);
    return value;
  };
  return (parentId) => depth(parentId);
}
