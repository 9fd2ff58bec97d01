// The official SDK's public client class, kept for API compatibility: with a LambdaClient it goes through that
// client; without one it uses our SigV4 transport (no AWS SDK loaded). Both are imported on first use.
import type { DurableExecutionClient, LambdaClientLike } from "./types/durable-execution.js";
import type { DurableLogger } from "./types/logger-types.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "./types/wire.js";

/**
 * A {@link DurableExecutionClient} for the Lambda durable execution API.
 *
 * @example
 * import { LambdaClient } from "@aws-sdk/client-lambda";
 * export const handler = withDurableExecution(fn, {
 *   durableExecutionClient: new DurableExecutionApiClient(new LambdaClient({ region: "eu-west-1" })),
 * });
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  private delegate: Promise<DurableExecutionClient> | undefined;

  constructor(private readonly client?: LambdaClientLike) {}

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse> {
    return (await this.resolve()).getExecutionState(params, logger);
  }

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse> {
    return (await this.resolve()).checkpoint(params, logger);
  }

  private resolve(): Promise<DurableExecutionClient> {
    this.delegate ??= this.client
      ? import("./checkpoint/lambda-client-transport.js").then(
          (m) => new m.LambdaClientTransport(this.client as LambdaClientLike),
        )
      : import("./checkpoint/lambda-transport.js").then((m) => new m.LambdaTransport());
    return this.delegate;
  }
}
