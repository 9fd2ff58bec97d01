// Adapter for a user's own LambdaClient (`config.client`): the two commands are loaded from the
// optional peer dependency @aws-sdk/client-lambda only when first used. Retries are the client's
// own (its `maxAttempts` / `retryStrategy`), so this adapter does not retry again.
import { DurableExecutionClientError } from "../errors.js";
import type { DurableExecutionClient, LambdaClientLike } from "../types/durable-execution.js";
import type { DurableLogger } from "../types/logger-types.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire.js";
import { logTransportFailure } from "./failure-logging.js";

/** The two command classes the adapter needs from `@aws-sdk/client-lambda`. */
export interface LambdaCommandModule {
  CheckpointDurableExecutionCommand: new (input: CheckpointDurableExecutionRequest) => unknown;
  GetDurableExecutionStateCommand: new (input: GetDurableExecutionStateRequest) => unknown;
}

/**
 * Makes a loader that imports the command classes once (concurrent callers share the import).
 * A failed import is not memoised, so a later call may try again, and becomes an
 * execution-scoped `DurableExecutionClientError`: retrying the invocation cannot install a
 * missing package.
 *
 * @example
 * const load = createLambdaCommandLoader(() => import("@aws-sdk/client-lambda"));
 */
export function createLambdaCommandLoader(
  importModule: () => Promise<unknown>,
): () => Promise<LambdaCommandModule> {
  let loading: Promise<LambdaCommandModule> | undefined;
  return () =>
    (loading ??= importModule()
      .then((namespace) => {
        // Bundlers that turn the package into CommonJS may put the exports under `default`.
        const record = namespace as Partial<LambdaCommandModule> & { default?: LambdaCommandModule };
        const commands = record.CheckpointDurableExecutionCommand
          ? (record as LambdaCommandModule)
          : record.default;
        if (!commands?.CheckpointDurableExecutionCommand || !commands.GetDurableExecutionStateCommand) {
          throw new Error(
            "the loaded @aws-sdk/client-lambda has no durable execution commands (version 3.1000 or later needed)",
          );
        }
        return commands;
      })
      .catch((cause: unknown) => {
        loading = undefined;
        throw new DurableExecutionClientError(
          "A LambdaClient was configured but @aws-sdk/client-lambda (an optional peer dependency) could not be used: " +
            `${cause instanceof Error ? cause.message : String(cause)}. Install it, or omit \`client\` to use the built-in transport`,
          { scope: "EXECUTION", cause },
        );
      }));
}

// The specifier is passed through a parameter on purpose: bundlers (esbuild, webpack, rollup) only
// follow string-literal imports, so a user's bundle does not gain the ~450 KB AWS SDK just because
// this adapter exists. It is resolved at run time, from node_modules or the Lambda runtime's SDK.
const importAtRunTime = (specifier: string): Promise<unknown> => import(/* webpackIgnore: true */ specifier);

/** Loads `CheckpointDurableExecutionCommand` and `GetDurableExecutionStateCommand` on first use. */
export const loadLambdaCommands = createLambdaCommandLoader(() => importAtRunTime("@aws-sdk/client-lambda"));

/**
 * A {@link DurableExecutionClient} that sends the calls through a caller-supplied `LambdaClient`
 * (its credentials, region, endpoint, retries and middleware apply). Errors are the client's own,
 * already in the shape `classifyTransportError` reads.
 *
 * @example
 * import { LambdaClient } from "@aws-sdk/client-lambda";
 * const transport = new LambdaClientTransport(new LambdaClient({ region: "eu-west-1" }));
 */
export class LambdaClientTransport implements DurableExecutionClient {
  constructor(
    private readonly client: LambdaClientLike,
    private readonly loadCommands: () => Promise<LambdaCommandModule> = loadLambdaCommands,
  ) {}

  /** Reads one page of the execution's operations with `GetDurableExecutionStateCommand`. */
  async getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse> {
    const { GetDurableExecutionStateCommand } = await this.loadCommands();
    const command = new GetDurableExecutionStateCommand({
      DurableExecutionArn: params.DurableExecutionArn,
      CheckpointToken: params.CheckpointToken,
      Marker: params.Marker,
      MaxItems: params.MaxItems,
    });
    return this.send<GetDurableExecutionStateResponse>("GetDurableExecutionState", command, logger);
  }

  /** Sends operation updates with `CheckpointDurableExecutionCommand` (which fills a missing `ClientToken`). */
  async checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse> {
    const { CheckpointDurableExecutionCommand } = await this.loadCommands();
    const command = new CheckpointDurableExecutionCommand({
      DurableExecutionArn: params.DurableExecutionArn,
      CheckpointToken: params.CheckpointToken,
      ClientToken: params.ClientToken,
      Updates: params.Updates,
    });
    return this.send<CheckpointDurableExecutionResponse>("CheckpointDurableExecution", command, logger);
  }

  private async send<T>(api: string, command: unknown, logger: DurableLogger | undefined): Promise<T> {
    try {
      return (await this.client.send(command)) as T;
    } catch (error) {
      logTransportFailure(logger, api, error);
      throw error;
    }
  }
}
