// A minimal in-memory durable execution backend used by both SDKs in the same way, so their measured cost is
// their own: it keeps operation records by id, applies each update in O(1), rotates the checkpoint token and
// answers with the delta of touched operations, as the service does. Optional per-call latency simulates the
// network round trip of CheckpointDurableExecution.

type Json = Record<string | symbol, any>;

/** The call that last put a record in a delta (a symbol: no SDK reads it, JSON ignores it). */
const LAST_CALL = Symbol("lastCall");

const md5Hex16 = async (raw: string): Promise<string> => {
  const { createHash } = await import("node:crypto");
  return createHash("md5").update(raw).digest("hex").slice(0, 16);
};

/** Wire id of the root operation with counter value `n` (SDK.md §2). */
export async function rootOperationId(n: number): Promise<string> {
  return md5Hex16(String(n));
}

export interface BackendOptions {
  /** Simulated latency of each checkpoint call in ms (0 = answer on the next microtask). */
  latencyMs?: number;
}

/** The service double. Pass it as `durableExecutionClient`. */
export class MemoryBackend {
  readonly operations = new Map<string, Json>();
  checkpointCalls = 0;
  updatesReceived = 0;
  private token = 0;
  private readonly latencyMs: number;

  constructor(options: BackendOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** The invocation envelope for the current state (first invocation when only EXECUTION exists). */
  envelope(executionArn: string): Json {
    return {
      DurableExecutionArn: executionArn,
      CheckpointToken: `t${this.token}`,
      InitialExecutionState: { Operations: [...this.operations.values()] },
    };
  }

  seedExecution(input: unknown): void {
    this.operations.set("execution", {
      Id: "execution",
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(0).toISOString(),
      ExecutionDetails: { InputPayload: JSON.stringify(input) },
    });
  }

  seed(operation: Json): void {
    this.operations.set(operation["Id"] as string, operation);
  }

  async getExecutionState(): Promise<Json> {
    return { Operations: [] };
  }

  async checkpoint(request: Json): Promise<Json> {
    this.checkpointCalls++;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    // The delta names each touched operation once (SERVICE.md: the operations changed), stamped with the call's time.
    const delta: Json[] = [];
    const now = new Date();
    const call = this.checkpointCalls;
    for (const update of (request["Updates"] ?? []) as Json[]) {
      this.updatesReceived++;
      const op = this.apply(update, now);
      if (op[LAST_CALL] !== call) {
        op[LAST_CALL] = call;
        delta.push(op);
      }
    }
    this.token++;
    return { CheckpointToken: `t${this.token}`, NewExecutionState: { Operations: delta } };
  }

  private apply(update: Json, now: Date): Json {
    const id = update["Id"] as string;
    let op = this.operations.get(id);
    if (!op) {
      op = {
        Id: id,
        Type: update["Type"],
        SubType: update["SubType"],
        Name: update["Name"],
        ParentId: update["ParentId"],
        StartTimestamp: now,
        Status: "STARTED",
      };
      this.operations.set(id, op);
    }
    switch (update["Action"]) {
      case "START":
        op["Status"] = "STARTED";
        if (update["Type"] === "WAIT") op["Status"] = "SUCCEEDED"; // waits elapse at once here
        break;
      case "SUCCEED":
        op["Status"] = "SUCCEEDED";
        op["EndTimestamp"] = now;
        if (update["Type"] === "STEP") op["StepDetails"] = { Result: update["Payload"], Attempt: 0 };
        if (update["Type"] === "CONTEXT")
          op["ContextDetails"] = {
            Result: update["Payload"],
            ReplayChildren: update["ContextOptions"]?.ReplayChildren,
          };
        break;
      case "FAIL":
        op["Status"] = "FAILED";
        op["EndTimestamp"] = now;
        break;
      case "RETRY":
        op["Status"] = "READY";
        break;
    }
    return op;
  }
}
