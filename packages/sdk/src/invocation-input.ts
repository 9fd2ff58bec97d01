// An invocation event that carries its own transport (used by test runners that call the handler in-process).
import type { DurableExecutionInvocationInput } from "./types/core.js";
import type { DurableExecutionClient } from "./types/durable-execution.js";
import type { WireOperation } from "./types/wire.js";

const TAG = "DurableExecutionInvocationInputWithClient";

/**
 * An invocation event plus the client to use for it; `withDurableExecution` uses that client instead of its
 * configured or default one.
 *
 * @example
 * await handler(new DurableExecutionInvocationInputWithClient(event, memoryTransport), lambdaContext);
 */
export class DurableExecutionInvocationInputWithClient implements DurableExecutionInvocationInput {
  readonly InitialExecutionState: { Operations: WireOperation[]; NextMarker?: string | undefined };
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  readonly UpdatedOperationIds?: string[];

  constructor(
    params: DurableExecutionInvocationInput,
    readonly durableExecutionClient: DurableExecutionClient,
  ) {
    this.InitialExecutionState = params.InitialExecutionState;
    this.DurableExecutionArn = params.DurableExecutionArn;
    this.CheckpointToken = params.CheckpointToken;
    if (params.UpdatedOperationIds !== undefined) this.UpdatedOperationIds = params.UpdatedOperationIds;
  }

  /** True for an instance, also one created by another copy of this module. */
  static isInstance(event: unknown): event is DurableExecutionInvocationInputWithClient {
    return (
      event instanceof DurableExecutionInvocationInputWithClient ||
      (typeof event === "object" &&
        event !== null &&
        Object.prototype.toString.call(event) === `[object ${TAG}]`)
    );
  }

  get [Symbol.toStringTag](): string {
    return TAG;
  }
}

/** Version of this package, for user agents and diagnostics. */
export const SDK_VERSION = "0.1.0";
