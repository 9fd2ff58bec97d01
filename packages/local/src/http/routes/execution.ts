import type { Route } from "../http-types.js";
import { booleanParam } from "../params.js";

/** GET /2025-12-01/durable-executions/{arn} — GetDurableExecution (timestamps in epoch seconds). */
export const getExecutionRoute: Route = ({ engine, params, query }) => {
  const record = engine.getExecution(params[0] ?? "");
  const includeData = booleanParam(query, "IncludeExecutionData") ?? true;
  const body: Record<string, unknown> = {
    DurableExecutionArn: record.arn,
    DurableExecutionName: record.name,
    FunctionArn: record.functionArn,
    StartTimestamp: record.startMs / 1000,
    Status: record.status,
    Version: record.version,
    ExecutionDataIncluded: includeData,
    DurableConfig: {
      RetentionPeriodInDays: record.retentionPeriodInDays,
      ...(record.executionTimeoutSeconds === undefined
        ? {}
        : { ExecutionTimeout: record.executionTimeoutSeconds }),
    },
  };
  if (record.endMs !== undefined) body.EndTimestamp = record.endMs / 1000;
  if (record.traceHeader !== undefined) body.TraceHeader = { XAmznTraceId: record.traceHeader };
  if (includeData) {
    body.InputPayload = record.input;
    if (record.status === "SUCCEEDED" && record.result !== undefined) body.Result = record.result;
  }
  if (record.status !== "RUNNING" && record.status !== "SUCCEEDED" && record.error !== undefined)
    body.Error = record.error;
  return { status: 200, body };
};
