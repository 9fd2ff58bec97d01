import { serializeOperation } from "../../engine/serialize.js";
import type { Route } from "../http-types.js";
import { jsonObjectBody } from "../params.js";

/** POST /2025-12-01/durable-executions/{arn}/checkpoint — CheckpointDurableExecution. */
export const checkpointRoute: Route = ({ engine, params, body }) => {
  const result = engine.checkpoint(params[0] ?? "", jsonObjectBody(body));
  return {
    status: 200,
    body: {
      CheckpointToken: result.CheckpointToken,
      NewExecutionState: {
        Operations: result.NewExecutionState.Operations.map((op) => serializeOperation(op, "epoch")),
      },
    },
  };
};
