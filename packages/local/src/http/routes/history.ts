import type { Route } from "../http-types.js";
import { booleanParam, integerParam, stringParam } from "../params.js";

/** GET /2025-12-01/durable-executions/{arn}/history — GetDurableExecutionHistory. */
export const historyRoute: Route = ({ engine, params, query }) => {
  const maxItems = integerParam(query, "MaxItems", 0, 1000);
  const marker = stringParam(query, "Marker");
  const reverseOrder = booleanParam(query, "ReverseOrder");
  const includeExecutionData = booleanParam(query, "IncludeExecutionData");
  const result = engine.getHistory(params[0] ?? "", {
    ...(maxItems === undefined ? {} : { maxItems }),
    ...(marker === undefined ? {} : { marker }),
    ...(reverseOrder === undefined ? {} : { reverseOrder }),
    ...(includeExecutionData === undefined ? {} : { includeExecutionData }),
  });
  return { status: 200, body: result };
};
