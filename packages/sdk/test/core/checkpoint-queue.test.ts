import { describe, expect, it } from "vitest";
import {
  CheckpointQueue,
  MAX_BYTES_PER_CALL,
  MAX_UPDATES_PER_CALL,
  sizeBound,
} from "../../src/checkpoint/checkpoint-queue.js";
import { ExecutionState } from "../../src/replay/execution-state.js";
import { afterMicrotasks } from "../../src/context/execution-runtime.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  OperationUpdate,
} from "../../src/types/wire.js";
import type { DurableExecutionClient } from "../../src/types/durable-execution.js";

/** A client whose calls resolve only when the test says so. */
class ControlledClient implements DurableExecutionClient {
  readonly requests: CheckpointDurableExecutionRequest[] = [];
  private readonly resolvers: ((r: CheckpointDurableExecutionResponse) => void)[] = [];
  inFlight = 0;
  maxInFlight = 0;
  async getExecutionState() {
    return { Operations: [] };
  }
  checkpoint(req: CheckpointDurableExecutionRequest): Promise<CheckpointDurableExecutionResponse> {
    this.requests.push(req);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve) => this.resolvers.push(resolve));
  }
  respond(response: CheckpointDurableExecutionResponse): void {
    this.inFlight--;
    this.resolvers.shift()?.(response);
  }
}

const tick = () => new Promise((r) => setImmediate(r));
const owner = { abandoned: false };

function queueWith(client: DurableExecutionClient, state = new ExecutionState()) {
  const errors: unknown[] = [];
  const queue = new CheckpointQueue({
    client,
    durableExecutionArn: "arn",
    checkpointToken: "t0",
    state,
    schedule: (fn) => void setImmediate(fn),
    onError: (e) => errors.push(e),
  });
  return { queue, errors };
}

const update = (id: string, payload?: string): OperationUpdate => ({
  Id: id,
  Type: "STEP",
  Action: "SUCCEED",
  ...(payload === undefined ? {} : { Payload: payload }),
});

describe("checkpoint queue (SDK.md §6)", () => {
  it("updates of one tick share a call; one call in flight; tokens rotate", async () => {
    const client = new ControlledClient();
    const { queue } = queueWith(client);
    const a = queue.enqueue(update("a"), "1", owner);
    const b = queue.enqueue(update("b"), "2", owner);
    await tick();
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0]?.Updates?.map((u) => u.Id)).toEqual(["a", "b"]);
    const c = queue.enqueue(update("c"), "3", owner);
    await tick();
    expect(client.requests).toHaveLength(1); // still one in flight
    client.respond({ CheckpointToken: "t1", NewExecutionState: { Operations: [] } });
    await Promise.all([a, b]);
    await tick();
    expect(client.requests[1]).toMatchObject({ CheckpointToken: "t1", Updates: [update("c")] });
    client.respond({ CheckpointToken: "t2", NewExecutionState: undefined });
    await c;
    expect(queue.checkpointToken).toBe("t2");
    expect(client.maxInFlight).toBe(1);
    expect(queue.idle).toBe(true);
  });

  it("posted updates (nobody awaits them) go out in order with awaited ones", async () => {
    const client = new ControlledClient();
    const { queue } = queueWith(client);
    queue.post(update("start"), "1", owner);
    const done = queue.enqueue(update("succeed"), "1", owner);
    queue.post(update("ignored"), "2", { abandoned: true });
    await tick();
    expect(client.requests[0]?.Updates?.map((u) => u.Id)).toEqual(["start", "succeed"]);
    client.respond({ CheckpointToken: "t1", NewExecutionState: { Operations: [] } });
    await done;
    expect(queue.idle).toBe(true);
  });

  it("the default flush waits for the microtask queue to drain, not for an event-loop turn", async () => {
    const client = new ControlledClient();
    const queue = new CheckpointQueue({
      client,
      durableExecutionArn: "arn",
      checkpointToken: "t0",
      state: new ExecutionState(),
      schedule: afterMicrotasks,
      onError: () => undefined,
    });
    queue.post(update("a"), "1", owner);
    // Work that settles through promise jobs only still joins the same call...
    await Promise.resolve();
    await Promise.resolve();
    queue.post(update("b"), "2", owner);
    expect(client.requests).toHaveLength(0);
    // ...which is made before any macrotask runs.
    const immediate = new Promise<number>((resolve) => setImmediate(() => resolve(client.requests.length)));
    expect(await immediate).toBe(1);
    expect(client.requests[0]?.Updates?.map((u) => u.Id)).toEqual(["a", "b"]);
  });

  it(`a call carries at most ${MAX_UPDATES_PER_CALL} updates`, async () => {
    const client = new ControlledClient();
    const { queue } = queueWith(client);
    for (let i = 0; i < 600; i++) void queue.enqueue(update(`u${i}`), String(i), owner);
    await tick();
    expect(client.requests[0]?.Updates).toHaveLength(250);
    client.respond({ NewExecutionState: { Operations: [] } });
    await tick();
    await tick();
    expect(client.requests[1]?.Updates).toHaveLength(250);
    client.respond({ NewExecutionState: { Operations: [] } });
    await tick();
    await tick();
    expect(client.requests[2]?.Updates).toHaveLength(100);
    expect(client.requests[2]?.Updates?.[0]?.Id).toBe("u500");
  });

  it("a call stays under ~750 KiB; a single larger update is sent alone", async () => {
    const client = new ControlledClient();
    const { queue } = queueWith(client);
    const chunk = "x".repeat(300 * 1024);
    void queue.enqueue(update("a", chunk), "1", owner);
    void queue.enqueue(update("b", chunk), "2", owner);
    void queue.enqueue(update("c", chunk), "3", owner);
    void queue.enqueue(update("huge", "y".repeat(MAX_BYTES_PER_CALL + 10)), "4", owner);
    void queue.enqueue(update("d"), "5", owner);
    const sizes: string[][] = [];
    for (let i = 0; i < 4; i++) {
      await tick();
      await tick();
      sizes.push(client.requests[i]?.Updates?.map((u) => u.Id as string) ?? []);
      client.respond({ NewExecutionState: { Operations: [] } });
    }
    expect(sizes).toEqual([["a", "b"], ["c"], ["huge"], ["d"]]);
  });

  it("cuts calls by the exact estimate, not the cheap bound, near the byte limit", async () => {
    const client = new ControlledClient();
    const { queue } = queueWith(client);
    // Three ~245 KiB updates fit in one call by their JSON size, though their worst-case bounds do not.
    const chunk = "x".repeat(245 * 1024);
    for (const id of ["a", "b", "c", "d"]) void queue.enqueue(update(id, chunk), id, owner);
    await tick();
    expect(client.requests[0]?.Updates?.map((u) => u.Id)).toEqual(["a", "b", "c"]);
    client.respond({ NewExecutionState: { Operations: [] } });
    await tick();
    await tick();
    expect(client.requests[1]?.Updates?.map((u) => u.Id)).toEqual(["d"]);
  });

  it("the size bound is never below the JSON size of the update with its raw id", () => {
    const nasty = '\u0000\u001f"\\\u00e9\u4e2d\ud83c\udf89\udc00 ';
    const updates: OperationUpdate[] = [
      update("a"),
      update("b", nasty.repeat(100)),
      {
        Id: "1234567890abcdef",
        ParentId: "fedcba0987654321",
        Name: nasty,
        Type: "CHAINED_INVOKE",
        SubType: "ChainedInvoke",
        Action: "START",
        Payload: nasty,
        ChainedInvokeOptions: { FunctionName: nasty, TenantId: nasty },
      },
      {
        Id: "x",
        Type: "STEP",
        SubType: "Step",
        Action: "RETRY",
        Error: { ErrorType: nasty, ErrorMessage: nasty, ErrorData: nasty, StackTrace: [nasty, "", nasty] },
        StepOptions: { NextAttemptDelaySeconds: Number.MAX_SAFE_INTEGER },
      },
      {
        Id: "y",
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: {
          TimeoutSeconds: -Number.MAX_VALUE / 3,
          HeartbeatTimeoutSeconds: Number.MAX_VALUE,
        },
        WaitOptions: { WaitSeconds: -Number.MAX_VALUE / 3 },
        ContextOptions: { ReplayChildren: false },
      },
    ];
    for (const u of updates) {
      const rawId = "1-22-333";
      const exact = Buffer.byteLength(JSON.stringify({ rawId, update: u }), "utf8");
      expect(sizeBound(rawId, u)).toBeGreaterThanOrEqual(exact);
    }
  });

  it("merges returned operations and wakes only the waiters of changed ids", async () => {
    const client = new ControlledClient();
    const state = new ExecutionState([
      { Id: "w", Type: "WAIT", Status: "STARTED", StartTimestamp: "2026-01-01T00:00:00Z" },
    ]);
    const { queue } = queueWith(client, state);
    const woken: string[] = [];
    state.onChange("w", (op) => woken.push(`w:${op.Status}`));
    state.onChange("other", () => woken.push("other"));
    void queue.forceRefresh();
    await tick();
    expect(client.requests[0]?.Updates).toEqual([]);
    client.respond({
      CheckpointToken: "t1",
      NewExecutionState: {
        Operations: [
          { Id: "w", Type: "WAIT", Status: "SUCCEEDED", StartTimestamp: 1767225600 as unknown as string },
        ],
      },
    });
    await tick();
    expect(woken).toEqual(["w:SUCCEEDED"]);
    expect(state.get("w")?.StartTimestamp).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  it("drops updates issued after their context finished; reports call failures once", async () => {
    const client: DurableExecutionClient = {
      getExecutionState: async () => ({ Operations: [] }),
      checkpoint: async () => {
        throw new Error("network");
      },
    };
    const { queue, errors } = queueWith(client);
    let settled = false;
    void queue.enqueue(update("late"), "1", { abandoned: true }).then(() => (settled = true));
    expect(queue.idle).toBe(true);
    void queue.enqueue(update("x"), "2", owner).then(() => (settled = true));
    await tick();
    await tick();
    expect(errors).toHaveLength(1);
    expect(settled).toBe(false);
  });
});
