// The official SDK's public `DurableExecutionApiClient` (same name and constructor): the service
// client users can build themselves, e.g. to wrap it. Without a LambdaClient it is our SigV4
// transport; with one, the LambdaClient adapter. Either is imported on first use only.
import type { DurableExecutionClient, LambdaClientLike } from "../types/durable-execution.js";
import type { DurableLogger } from "../types/logger-types.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire.js";

/**
 * A {@link DurableExecutionClient} for the Lambda durable execution APIs: signed HTTPS with the
 * function's credentials (no AWS SDK loaded), or through `client` when one is given.
 *
 * @example
 * import { withDurableExecution, DurableExecutionApiClient } from "durable-lambda";
 * const api = new DurableExecutionApiClient();
 * export const handler = withDurableExecution(fn, {
 *   durableExecutionClient: {
 *     getExecutionState: (req, log) => api.getExecutionState(req, log),
 *     checkpoint: (req, log) => { console.log(req.Updates?.length); return api.checkpoint(req, log); },
 *   },
 * });
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  private delegate: Promise<DurableExecutionClient> | undefined;

  constructor(private readonly client?: LambdaClientLike) {
    // Start loading now so the import overlaps with the handler's first steps; a failure is
    // reported by the first call, which awaits the same load.
    this.resolve().catch(() => undefined);
  }

  /** Reads one page of the execution's operations. */
  async getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse> {
    return (await this.resolve()).getExecutionState(params, logger);
  }

  /** Sends operation updates. */
  async checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse> {
    return (await this.resolve()).checkpoint(params, logger);
  }

  private resolve(): Promise<DurableExecutionClient> {
    const client = this.client;
    this.delegate ??= (
      client
        ? import("./lambda-client-transport.js").then(
            ({ LambdaClientTransport }) => new LambdaClientTransport(client),
          )
        : import("./lambda-transport.js").then(({ LambdaTransport }) => new LambdaTransport())
    ).catch((error: unknown) => {
      this.delegate = undefined;
      throw error;
    });
    return this.delegate;
  }
}
