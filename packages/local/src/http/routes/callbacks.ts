import type { Route } from "../http-types.js";
import { jsonBody } from "../params.js";

/** POST /2025-12-01/durable-execution-callbacks/{id}/succeed — the raw body is the result, stored verbatim. */
export const callbackSuccessRoute: Route = ({ engine, params, body }) => {
  engine.sendCallbackSuccess(params[0] ?? "", body.toString("utf8"));
  return { status: 200 };
};

/** POST /2025-12-01/durable-execution-callbacks/{id}/fail — the body is the ErrorObject or `{}`. */
export const callbackFailureRoute: Route = ({ engine, params, body }) => {
  engine.sendCallbackFailure(params[0] ?? "", jsonBody(body, {}));
  return { status: 200 };
};

/** POST /2025-12-01/durable-execution-callbacks/{id}/heartbeat — resets the heartbeat timer. */
export const callbackHeartbeatRoute: Route = ({ engine, params }) => {
  engine.sendCallbackHeartbeat(params[0] ?? "");
  return { status: 200 };
};
