import type { Route } from "../http-types.js";
import { jsonBody } from "../params.js";

/** POST /2025-12-01/durable-executions/{arn}/stop — StopDurableExecution; the body is the ErrorObject or `{}`. */
export const stopRoute: Route = ({ engine, params, body }) => {
  const stoppedMs = engine.stop(params[0] ?? "", jsonBody(body, {}));
  return { status: 200, body: { StopTimestamp: stoppedMs / 1000 } };
};
