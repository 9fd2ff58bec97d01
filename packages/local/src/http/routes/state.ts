import { serializeOperation } from "../../engine/serialize.js";
import { invalidParameter } from "../../errors.js";
import type { Route } from "../http-types.js";
import { integerParam, stringParam } from "../params.js";

/** GET /2025-12-01/durable-executions/{arn}/state — GetDurableExecutionState. */
export const stateRoute: Route = ({ engine, params, query }) => {
  const token = stringParam(query, "CheckpointToken");
  if (token === undefined || token === "") throw invalidParameter("CheckpointToken is required");
  const result = engine.getExecutionState(
    params[0] ?? "",
    token,
    stringParam(query, "Marker"),
    integerParam(query, "MaxItems", 0, 1000),
  );
  const body: Record<string, unknown> = {
    Operations: result.Operations.map((op) => serializeOperation(op, "epoch")),
  };
  if (result.NextMarker !== undefined) body.NextMarker = result.NextMarker;
  return { status: 200, body };
};
