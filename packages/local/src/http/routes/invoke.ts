import type { Route } from "../http-types.js";
import { invalidParameter } from "../../errors.js";
import { stringParam } from "../params.js";

const INVOCATION_TYPES = new Set(["RequestResponse", "Event", "DryRun"]);

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** POST /2015-03-31/functions/{FunctionName}/invocations — Invoke (sync waits for the whole execution). */
export const invokeRoute: Route = async ({ engine, params, query, headers, body }) => {
  const invocationType = header(headers["x-amz-invocation-type"]) ?? "RequestResponse";
  if (!INVOCATION_TYPES.has(invocationType)) {
    throw invalidParameter(
      `X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got ${JSON.stringify(invocationType)}`,
    );
  }
  const qualifier = stringParam(query, "Qualifier");
  const name = header(headers["x-amz-durable-execution-name"]);
  const tenantId = header(headers["x-amz-tenant-id"]);
  const trace = header(headers["x-amzn-trace-id"]);
  const outcome = await engine.invoke({
    functionName: params[0] ?? "",
    payload: body.toString("utf8"),
    invocationType: invocationType as "RequestResponse" | "Event" | "DryRun",
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(name === undefined ? {} : { durableExecutionName: name }),
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(trace === undefined ? {} : { traceHeader: trace }),
  });
  const responseHeaders: Record<string, string> = {};
  if (outcome.executedVersion !== undefined)
    responseHeaders["x-amz-executed-version"] = outcome.executedVersion;
  if (outcome.durableExecutionArn !== undefined)
    responseHeaders["x-amz-durable-execution-arn"] = outcome.durableExecutionArn;
  if (outcome.functionError !== undefined) responseHeaders["x-amz-function-error"] = outcome.functionError;
  if (outcome.body !== undefined) responseHeaders["content-type"] = "application/json";
  return {
    status: outcome.statusCode,
    headers: responseHeaders,
    ...(outcome.body === undefined ? {} : { body: outcome.body }),
  };
};
