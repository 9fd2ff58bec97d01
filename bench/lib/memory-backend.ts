// A minimal in-memory durable execution backend used by both SDKs in the same way, so their measured cost is
// their own: it keeps operation records by id, applies each update in O(1), rotates the checkpoint token and
// answers with the delta of touched operations, as the service does. Optional per-call latency simulates the
// network round trip of CheckpointDurableExecution.
//
// The real service keeps its records in another process; this one shares the SDK's heap, so it keeps them off the
// SDK's young generation: an operation's record is one flat object while it is in progress and moves into an
// off-heap archive (record-archive.ts) once it has finished. Responses are fresh wire objects the SDK may keep or
// drop. (Records kept as heap objects, handed out by reference, made the young-generation GC of the SDK's process
// copy what the SDK never owned, so the measured cost per step grew with the number of steps.)

import { RecordArchive, type OperationFields } from "./record-archive.js";

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
}

/** One operation as the double keeps it: a fixed shape, no nested objects. */
class OperationRecord implements OperationFields {
  Status = "STARTED";
  EndTimestamp: Date | undefined = undefined;
  /** StepDetails.Result or ContextDetails.Result. */
  Result: string | undefined = undefined;
  ReplayChildren: boolean | undefined = undefined;
  /** The checkpoint call that last put this record in a delta. */
  lastCall = -1;

  constructor(
    readonly Id: string,
    readonly Type: string,
    readonly SubType: string | undefined,
    readonly Name: string | undefined,
    readonly ParentId: string | undefined,
    readonly StartTimestamp: Date,
  ) {}

  get finished(): boolean {
    return this.Status === "SUCCEEDED" || this.Status === "FAILED";
  }
}

/** A record as CheckpointDurableExecution returns it: a new object each time. */
function toWire(record: OperationFields): Json {
  const wire: Json = {
    Id: record.Id,
    Type: record.Type,
    SubType: record.SubType,
    Name: record.Name,
    ParentId: record.ParentId,
    StartTimestamp: record.StartTimestamp,
    Status: record.Status,
  };
  if (record.EndTimestamp !== undefined) wire["EndTimestamp"] = record.EndTimestamp;
  if (record.Type === "STEP" && record.Status === "SUCCEEDED")
    wire["StepDetails"] = { Result: record.Result, Attempt: 0 };
  if (record.Type === "CONTEXT" && record.Status === "SUCCEEDED")
    wire["ContextDetails"] = { Result: record.Result, ReplayChildren: record.ReplayChildren };
  return wire;
}

/** The service double. Pass it as `durableExecutionClient`. */
export class MemoryBackend {
  /** Records seeded as wire objects (the envelope's initial state), returned as they were given. */
  private readonly seeded = new Map<string, Json>();
  /** In-progress records, and the archive offsets of finished ones. */
  private readonly records = new Map<string, OperationRecord | number>();
  private readonly archive = new RecordArchive();
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
      InitialExecutionState: {
        Operations: [
          ...this.seeded.values(),
          ...[...this.records.values()].map((r) => toWire(typeof r === "number" ? this.archive.read(r) : r)),
        ],
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
    const operations = touched.map(toWire);
    for (const record of touched) if (record.finished) this.records.set(record.Id, this.archive.add(record));
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
    if (typeof record === "number")
      throw new Error(`the bench double got ${update["Action"]} for finished operation ${id}`);
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
