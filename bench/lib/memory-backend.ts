// A minimal in-memory durable execution backend used by both SDKs in the same way, so their measured cost is
// their own: it keeps operation records by id, applies each update in O(1), rotates the checkpoint token and
// answers with the delta of touched operations, as the service does. Optional per-call latency simulates the
// network round trip of CheckpointDurableExecution.
//
// The real service keeps its records in another process; this one shares the SDK's heap and CPU caches, so it keeps
// them small — one flat object per operation — and answers, as the service does, with fresh wire objects that the SDK
// may keep or drop. A workload that never reads the records back (one fresh invocation) can have it keep none once
// they have finished (`keepFinished: false`): records kept on the heap made the SDK's process copy them in its
// young-generation GCs and miss its caches on their Map, so the measured cost per step grew with the number of
// steps although no SDK owned them. (Records made of several objects each, handed out by reference, cost more still.)

type Json = Record<string, any>;
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
  /**
   * Keep the records of finished operations (default true). Without them the double cannot build another envelope,
   * and an update for a finished operation starts a new record.
   */
  keepFinished?: boolean;
}

/** One operation as the double keeps it: a fixed shape, no nested objects. */
class OperationRecord {
  Status = "STARTED";
  EndTimestamp: Date | undefined = undefined;
  /** StepDetails.Result or ContextDetails.Result. */
  Result: string | undefined = undefined;
  ReplayChildren: boolean | undefined = undefined;
  /** The checkpoint call that last put this record in a delta. */
  lastCall = -1;

  get finished(): boolean {
    return this.Status === "SUCCEEDED" || this.Status === "FAILED";
  }

  constructor(
    readonly Id: string,
    readonly Type: string,
    readonly SubType: string | undefined,
    readonly Name: string | undefined,
    readonly ParentId: string | undefined,
    readonly StartTimestamp: Date,
  ) {}

  /** The record as CheckpointDurableExecution returns it: a new object each time. */
  toWire(): Json {
    const wire: Json = {
      Id: this.Id,
      Type: this.Type,
      SubType: this.SubType,
      Name: this.Name,
      ParentId: this.ParentId,
      StartTimestamp: this.StartTimestamp,
      Status: this.Status,
    };
    if (this.EndTimestamp !== undefined) wire["EndTimestamp"] = this.EndTimestamp;
    if (this.Type === "STEP" && this.Status === "SUCCEEDED")
      wire["StepDetails"] = { Result: this.Result, Attempt: 0 };
    if (this.Type === "CONTEXT" && this.Status === "SUCCEEDED")
      wire["ContextDetails"] = { Result: this.Result, ReplayChildren: this.ReplayChildren };
    return wire;
  }
}

/** The service double. Pass it as `durableExecutionClient`. */
export class MemoryBackend {
  /** Records seeded as wire objects (the envelope's initial state), returned as they were given. */
  private readonly seeded = new Map<string, Json>();
  private readonly records = new Map<string, OperationRecord>();
  checkpointCalls = 0;
  updatesReceived = 0;
  private token = 0;
  private readonly latencyMs: number;
  private readonly keepFinished: boolean;
  private droppedFinished = false;

  constructor(options: BackendOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.keepFinished = options.keepFinished ?? true;
  }

  /** The invocation envelope for the current state (first invocation when only EXECUTION exists). */
  envelope(executionArn: string): Json {
    if (this.droppedFinished)
      throw new Error("this bench double kept no finished records to build an envelope from");
    return {
      DurableExecutionArn: executionArn,
      CheckpointToken: `t${this.token}`,
      InitialExecutionState: {
        Operations: [...this.seeded.values(), ...[...this.records.values()].map((r) => r.toWire())],
      },
    };
  }

  seedExecution(input: unknown): void {
    this.seed({
      Id: "execution",
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(0).toISOString(),
      ExecutionDetails: { InputPayload: JSON.stringify(input) },
    });
  }

  seed(operation: Json): void {
    this.seeded.set(operation["Id"] as string, operation);
  }

  async getExecutionState(): Promise<Json> {
    return { Operations: [] };
  }

  async checkpoint(request: Json): Promise<Json> {
    const call = this.checkpointCalls++;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    // The delta names each touched operation once (SERVICE.md: the operations changed), stamped with the call's time.
    const touched: OperationRecord[] = [];
    const now = this.now();
    for (const update of (request["Updates"] ?? []) as Json[]) {
      this.updatesReceived++;
      const record = this.apply(update, now);
      if (record.lastCall !== call) {
        record.lastCall = call;
        touched.push(record);
      }
    }
    this.token++;
    const operations = touched.map((r) => r.toWire());
    if (!this.keepFinished)
      for (const record of touched)
        if (record.finished) {
          this.records.delete(record.Id);
          this.droppedFinished = true;
        }
    return { CheckpointToken: `t${this.token}`, NewExecutionState: { Operations: operations } };
  }

  private lastNow = new Date(0);

  /** The current time; calls within the same millisecond share one Date (records keep it). */
  private now(): Date {
    const ms = Date.now();
    if (this.lastNow.getTime() !== ms) this.lastNow = new Date(ms);
    return this.lastNow;
  }

  private apply(update: Json, now: Date): OperationRecord {
    const id = update["Id"] as string;
    let record = this.records.get(id);
    if (!record) {
      if (this.seeded.has(id)) throw new Error(`the bench double does not update seeded operation ${id}`);
      record = new OperationRecord(
        id,
        update["Type"],
        update["SubType"],
        update["Name"],
        update["ParentId"],
        now,
      );
      this.records.set(id, record);
    }
    switch (update["Action"]) {
      case "START":
        record.Status = update["Type"] === "WAIT" ? "SUCCEEDED" : "STARTED"; // waits elapse at once here
        break;
      case "SUCCEED":
        record.Status = "SUCCEEDED";
        record.EndTimestamp = now;
        record.Result = update["Payload"];
        if (update["Type"] === "CONTEXT") record.ReplayChildren = update["ContextOptions"]?.ReplayChildren;
        break;
      case "FAIL":
        record.Status = "FAILED";
        record.EndTimestamp = now;
        break;
      case "RETRY":
        record.Status = "READY";
        break;
    }
    return record;
  }
}
