// The mock context and the replay checker re-implement the SDK's operation numbering. These tests hold them to
// the real SDK: the same handler runs on the runner (the real SDK on the local engine), then its recorded
// history is replayed on the mock, and the operations both report are compared.
import { afterEach, describe, expect, it } from "vitest";
import {
  CallbackError,
  InvalidOperationConfigError,
  SerdesFailedError,
  withDurableExecution,
  type DurableContext,
} from "durable-lambda";
import { DurableTestRunner, MockDurableContext, replayHistory, type TestOperation } from "../src/index.js";

async function everything(_event: unknown, ctx: DurableContext): Promise<unknown> {
  const a = await ctx.step("a", async () => 1);
  await ctx.wait("pause", { seconds: 5 });
  const child = await ctx.runInChildContext("child", async (c) => {
    const inner = await c.step("inner", async () => 2);
    await c.wait({ seconds: 1 });
    return inner + 1;
  });
  const mapped = await ctx.map(
    "map",
    [1, 2, 3],
    async (c, item) => c.step(`sq-${item}`, async () => item * item),
    {
      maxConcurrency: 2,
    },
  );
  const branches = await ctx.parallel("branches", [
    async (c) => c.step("left", async () => "l"),
    { name: "right", func: async (c) => c.step(async () => "r") },
  ]);
  const polled = await ctx.waitForCondition("poll", async (n: number) => n + 1, {
    initialState: 0,
    waitStrategy: (n) =>
      n >= 2 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 3 } },
  });
  const both = await ctx.promise.all("both", [ctx.step("p1", async () => 1), ctx.step("p2", async () => 2)]);
  const invoked = await ctx.invoke("call", "target-fn", { x: 1 });
  await ctx.stepWithCompensation(
    "reserve",
    async () => "r-1",
    async (_r, c) => {
      await c.step("release", async () => undefined);
    },
  );
  const rollback = await ctx.runCompensations();
  const flat = await ctx.map(
    "flat",
    ["x", "y"],
    async (c, item) => c.step(`flat-${item}`, async () => item),
    {
      nesting: "FLAT",
    },
  );
  const virtual = await ctx.runInChildContext("virtual", async (c) => c.step("in-virtual", async () => "v"), {
    virtualContext: true,
  });
  return {
    a,
    child,
    mapped: mapped.getResults(),
    branches: branches.getResults(),
    polled,
    both,
    invoked,
    rollback: rollback.allSucceeded,
    flat: flat.getResults(),
    virtual,
  };
}

const identity = (ops: readonly TestOperation[]) =>
  ops.map((o) => ({ id: o.id, parentId: o.parentId, type: o.type, subType: o.subType, name: o.name }));

let runner: DurableTestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe("mock and replay numbering match the SDK", () => {
  it("replays a history the real SDK recorded for every operation kind", async () => {
    runner = new DurableTestRunner({ handler: everything, targets: { "target-fn": () => "invoked" } });
    const run = await runner.run();
    expect(run.status).toBe("SUCCEEDED");
    const report = await replayHistory(everything, { Events: run.history });
    expect(report).toMatchObject({ compatible: true, status: "SUCCEEDED" });
    // Completed contexts are not entered on replay (as in the SDK), so exactly the root operations are checked.
    expect(report.matched).toBe(run.operations.filter((o) => o.parentId === undefined).length);
  });

  it("the mock performs the same operations as the SDK, with the same ids, parents, types and names", async () => {
    runner = new DurableTestRunner({ handler: everything, targets: { "target-fn": () => "invoked" } });
    const real = await runner.run();
    const mock = await new MockDurableContext()
      .withInvokeTarget("target-fn", () => "invoked")
      .run(everything, {});
    expect(mock.result).toEqual(real.result);
    const byId = (ops: TestOperation[]) => [...identity(ops)].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(mock.operations)).toEqual(byId(real.operations));
  });
});

describe("the mock decides and serializes with the SDK's rules", () => {
  it("shows shouldComplete every item with its name, started or not, as the SDK does", async () => {
    const seen: unknown[] = [];
    const handler = async (_event: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "m",
        ["a", "b", "c"],
        async (c, item) => c.step(`s-${item}`, async () => item),
        {
          maxConcurrency: 1,
          itemNamer: (item) => `item-${item}`,
          completionConfig: {
            shouldComplete: (progress) => {
              // A deep copy: the SDK updates its item views in place.
              seen.push(JSON.parse(JSON.stringify(progress)));
              return { complete: progress.successCount >= 2 };
            },
          },
        },
      );
      return { reason: result.completionReason, results: result.getResults() };
    };
    runner = new DurableTestRunner({ handler });
    const real = await runner.run();
    const fromSdk = seen.splice(0);
    const mock = await new MockDurableContext().run(handler, {});
    expect(mock.result).toEqual(real.result);
    expect(seen).toEqual(fromSdk);
    // Not-yet-started items are listed by name too.
    expect(seen[0]).toMatchObject({
      items: [
        { index: 0, name: "item-a" },
        { index: 1, name: "item-b" },
        { index: 2, name: "item-c" },
      ],
    });
  });

  it("refuses a value JSON cannot hold with the SDK's SerdesFailedError, ending the run", async () => {
    const handler = async (_event: unknown, ctx: DurableContext) =>
      ctx.step("bad", async () => ({ ok: true, callback: () => 1 }));
    // The real SDK on a backend that accepts every checkpoint: the invocation ends with the error thrown.
    const backend = {
      checkpoint: async () => ({ CheckpointToken: "t", NewExecutionState: { Operations: [] } }),
      getExecutionState: async () => ({ Operations: [] }),
    };
    const event = {
      DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/e/1",
      CheckpointToken: "t0",
      InitialExecutionState: {
        Operations: [
          {
            Id: "execution",
            Type: "EXECUTION" as const,
            Status: "STARTED" as const,
            StartTimestamp: new Date(0),
            ExecutionDetails: { InputPayload: "{}" },
          },
        ],
      },
    };
    const lambdaContext = { functionName: "f", awsRequestId: "r", getRemainingTimeInMillis: () => 60_000 };
    const thrown = await withDurableExecution(handler, { durableExecutionClient: backend })(
      event,
      lambdaContext as Parameters<ReturnType<typeof withDurableExecution>>[1],
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(SerdesFailedError);
    const mock = await new MockDurableContext().run(handler, {});
    expect(mock.status).toBe("FAILED");
    expect(mock.error).toBeInstanceOf(SerdesFailedError);
    expect(mock.error?.message).toBe((thrown as Error).message);
    expect(mock.error?.message).toMatch(/Step "bad" \(id 1\): function at key "callback"/);
    // The step never succeeded.
    expect(mock.checkpoints.map((u) => u.Action)).not.toContain("SUCCEED");
  });

  it("hands a child context's errorMapper, its caller and a combinator's caller the errors the SDK does", async () => {
    const chain = (error: unknown): unknown =>
      error instanceof Error
        ? {
            name: error.name,
            class: error.constructor.name,
            message: error.message,
            cause: chain((error as { cause?: unknown }).cause),
          }
        : error;
    const handler = async (_event: unknown, ctx: DurableContext) => {
      const seen: unknown[] = [];
      const record = (error: unknown) => seen.push(chain(error));
      await ctx
        .runInChildContext(
          "mapped",
          async () => {
            throw new TypeError("boom");
          },
          {
            errorMapper: (error) => {
              record(error);
              return new CallbackError(`mapped ${error.message}`);
            },
          },
        )
        .catch(record);
      await ctx
        .runInChildContext("outer", async (c) =>
          c.runInChildContext("inner", async () => {
            throw new Error("deep");
          }),
        )
        .catch(record);
      await ctx.promise
        .all("all", [
          ctx.step(
            "x",
            async () => {
              throw new Error("px");
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          ),
        ])
        .catch(record);
      return seen;
    };
    runner = new DurableTestRunner({ handler });
    const real = await runner.run();
    const mock = await new MockDurableContext().run(handler, {});
    expect(real.status).toBe("SUCCEEDED");
    expect(mock.result).toEqual(real.result);
  });

  it("ends the run on a bad map argument with the SDK's InvalidOperationConfigError, awaited or not", async () => {
    const handler = async (_event: unknown, ctx: DurableContext) => {
      void ctx.map("m", "not an array" as unknown as string[], async () => 1);
      await ctx.step("after", async () => 1);
      return "finished";
    };
    runner = new DurableTestRunner({ handler });
    const real = await runner.run();
    const mock = await new MockDurableContext().run(handler, {});
    expect(real.status).toBe("FAILED");
    expect(mock.status).toBe("FAILED");
    expect(mock.error).toBeInstanceOf(InvalidOperationConfigError);
    expect(mock.error?.message).toBe(real.error?.ErrorMessage);
    // The map took no id and ran nothing.
    expect(mock.operations.filter((o) => o.type === "CONTEXT")).toEqual([]);
  });
});
