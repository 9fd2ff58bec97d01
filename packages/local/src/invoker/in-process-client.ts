import type { DurableEngine } from "../engine/engine.js";
import { serializeOperation } from "../engine/serialize.js";
import { invalidParameter } from "../errors.js";

/** Request/response shapes of the DurableExecutionClient contract (docs/ARCHITECTURE.md). */
export interface GetExecutionStateRequest {
  DurableExecutionArn: string;
  CheckpointToken: string;
  Marker?: string;
  MaxItems?: number;
}
export interface CheckpointRequest {
  DurableExecutionArn: string;
  CheckpointToken: string;
  Updates?: unknown[];
  ClientToken?: string;
}

/**
 * A `DurableExecutionClient` that calls the engine directly — no HTTP, no serialisation beyond a deep copy.
 * Responses use `Date` timestamps like `@aws-sdk/client-lambda`; errors are `ServiceError`s carrying `name` and
 * `$metadata.httpStatusCode`, exactly what the SDK's error classifier reads.
 *
 * @example
 * ```ts
 * const client = new InProcessDurableClient(svc.engine);
 * export const handler = withDurableExecution(fn, { durableExecutionClient: client });
 * ```
 */
export class InProcessDurableClient {
  constructor(private readonly engine: DurableEngine) {}

  async getExecutionState(
    req: GetExecutionStateRequest,
  ): Promise<{ Operations?: unknown[]; NextMarker?: string }> {
    await Promise.resolve();
    const result = this.engine.getExecutionState(
      req.DurableExecutionArn,
      req.CheckpointToken,
      req.Marker,
      req.MaxItems,
    );
    const out: { Operations: unknown[]; NextMarker?: string } = {
      Operations: result.Operations.map((op) => serializeOperation(op, "date")),
    };
    if (result.NextMarker !== undefined) out.NextMarker = result.NextMarker;
    return out;
  }

  async checkpoint(
    req: CheckpointRequest,
  ): Promise<{ CheckpointToken?: string; NewExecutionState?: { Operations?: unknown[] } }> {
    await Promise.resolve();
    if (typeof req !== "object" || req === null)
      throw invalidParameter("The checkpoint request must be an object");
    const result = this.engine.checkpoint(req.DurableExecutionArn, {
      CheckpointToken: req.CheckpointToken,
      Updates: req.Updates,
      ClientToken: req.ClientToken,
    });
    return {
      CheckpointToken: result.CheckpointToken,
      NewExecutionState: {
        Operations: result.NewExecutionState.Operations.map((op) => serializeOperation(op, "date")),
      },
    };
  }
}
