import type { Route } from "../http-types.js";
import { booleanParam, integerParam, stringParam, timestampParam } from "../params.js";
import { invalidParameter } from "../../errors.js";

/** GET /2025-12-01/functions/{FunctionName}/durable-executions — ListDurableExecutionsByFunction. */
export const listExecutionsRoute: Route = ({ engine, params, query }) => {
  const statuses = query.getAll("Statuses");
  if (statuses.length > 10)
    throw invalidParameter(`Statuses accepts at most 10 values, got ${statuses.length}`);
  const optional = {
    qualifier: stringParam(query, "Qualifier"),
    durableExecutionName: stringParam(query, "DurableExecutionName"),
    startedAfterMs: timestampParam(query, "StartedAfter"),
    startedBeforeMs: timestampParam(query, "StartedBefore"),
    reverseOrder: booleanParam(query, "ReverseOrder"),
    marker: stringParam(query, "Marker"),
    maxItems: integerParam(query, "MaxItems", 1, 1000),
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  const result = engine.listExecutions({ functionName: params[0] ?? "", statuses, ...defined });
  const body: Record<string, unknown> = {
    DurableExecutions: result.DurableExecutions.map((r) => ({
      DurableExecutionArn: r.arn,
      DurableExecutionName: r.name,
      FunctionArn: r.functionArn,
      Status: r.status,
      StartTimestamp: r.startMs / 1000,
      ...(r.endMs === undefined ? {} : { EndTimestamp: r.endMs / 1000 }),
    })),
  };
  if (result.NextMarker !== undefined) body.NextMarker = result.NextMarker;
  return { status: 200, body };
};
