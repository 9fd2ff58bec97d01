// Compensation (SDK.md §12.1): LIFO rollback in Compensation CONTEXTs, failure isolation,
// partial rollback resumed on replay, nothing registered → empty success and no updates.
import { describe, expect, it } from "vitest";
import { ChildContextError, retryPresets, type DurableContext } from "../../src/index.js";
import { hashOperationId as h } from "../../src/replay/operation-id.js";
import { harness } from "../core/harness.js";
import { resultOf } from "./invocation-result.js";

describe("compensation", () => {
  it("runs compensations newest first, each in a Compensation CONTEXT named after its forward step", async () => {
    const undone: string[] = [];
    const run = harness(async (_e, ctx: DurableContext) => {
      const flight = await ctx.stepWithCompensation(
        "book-flight",
        async () => "F1",
        async (id) => {
          undone.push(`flight ${id}`);
        },
      );
      await ctx.stepWithCompensation(
        "book-hotel",
        async () => "H7",
        async (id, c) => {
          await c.step("cancel-hotel", async () => undone.push(`hotel ${id}`));
        },
      );
      const before = ctx.compensationCount();
      const rollback = await ctx.runCompensations();
      return { flight, before, after: ctx.compensationCount(), rollback };
    });
    expect(resultOf(await run.invoke())).toEqual({
      flight: "F1",
      before: 2,
      after: 0,
      rollback: {
        items: [
          { name: "book-hotel", status: "SUCCEEDED" },
          { name: "book-flight", status: "SUCCEEDED" },
        ],
        allSucceeded: true,
      },
    });
    expect(undone).toEqual(["hotel H7", "flight F1"]);
    expect(
      run.backend
        .allUpdates()
        .map(
          (u) =>
            `${u.Action} ${u.Type}/${u.SubType} ${u.Name ?? "-"} ${u.Id}${u.ParentId ? ` <${u.ParentId}` : ""}`,
        ),
    ).toEqual([
      `START STEP/Step book-flight ${h("1")}`,
      `SUCCEED STEP/Step book-flight ${h("1")}`,
      `START STEP/Step book-hotel ${h("2")}`,
      `SUCCEED STEP/Step book-hotel ${h("2")}`,
      `START CONTEXT/Compensation book-hotel ${h("3")}`,
      `START STEP/Step cancel-hotel ${h("3-1")} <${h("3")}`,
      `SUCCEED STEP/Step cancel-hotel ${h("3-1")} <${h("3")}`,
      `SUCCEED CONTEXT/Compensation book-hotel ${h("3")}`,
      `START CONTEXT/Compensation book-flight ${h("4")}`,
      `SUCCEED CONTEXT/Compensation book-flight ${h("4")}`,
    ]);
  });

  it("a failing compensation is recorded with FAIL and the rest still run", async () => {
    const run = harness(async (_e, ctx: DurableContext) => {
      await ctx.stepWithCompensation(
        "a",
        async () => 1,
        async () => undefined,
      );
      await ctx.stepWithCompensation(
        "b",
        async () => 2,
        async () => {
          throw new Error("refund failed");
        },
      );
      const r = await ctx.runCompensations();
      return {
        allSucceeded: r.allSucceeded,
        items: r.items.map((i) => [
          i.name,
          i.status,
          i.error instanceof ChildContextError ? i.error.message : undefined,
        ]),
      };
    });
    expect(resultOf(await run.invoke())).toEqual({
      allSucceeded: false,
      items: [
        ["b", "FAILED", "refund failed"],
        ["a", "SUCCEEDED", null],
      ],
    });
    expect(
      run.backend.allUpdates().find((u) => u.SubType === "Compensation" && u.Action === "FAIL"),
    ).toMatchObject({
      Name: "b",
      Error: { ErrorType: "Error", ErrorMessage: "refund failed" },
    });
  });

  it("a failed forward step registers nothing", async () => {
    const run = harness(async (_e, ctx: DurableContext) => {
      await ctx.stepWithCompensation(
        "ok",
        async () => 1,
        async () => undefined,
      );
      await ctx
        .stepWithCompensation(
          "bad",
          async (): Promise<never> => {
            throw new Error("no");
          },
          async () => undefined,
          { retryStrategy: retryPresets.noRetry },
        )
        .catch(() => undefined);
      return ctx.compensationCount();
    });
    expect(resultOf(await run.invoke())).toBe(1);
  });

  it("with nothing registered it returns an empty success and sends nothing", async () => {
    const run = harness(async (_e, ctx: DurableContext) => ctx.runCompensations());
    expect(resultOf(await run.invoke())).toEqual({ items: [], allSucceeded: true });
    expect(run.backend.allUpdates()).toEqual([]);
  });

  it("an interrupted rollback resumes on replay: finished compensations are not run again", async () => {
    const runs: string[] = [];
    const run = harness(async (_e, ctx: DurableContext) => {
      await ctx.stepWithCompensation(
        "first",
        async () => 1,
        async () => {
          runs.push("first");
        },
      );
      await ctx.stepWithCompensation(
        "second",
        async () => 2,
        async (_r, c) => {
          runs.push("second");
          await c.wait({ seconds: 5 }); // the rollback suspends here
        },
      );
      return ctx.runCompensations();
    });
    expect((await run.invoke()).Status).toBe("PENDING");
    expect(runs).toEqual(["second"]);
    run.backend.advanceTime(5);
    expect(resultOf(await run.invoke())).toEqual({
      items: [
        { name: "second", status: "SUCCEEDED" },
        { name: "first", status: "SUCCEEDED" },
      ],
      allSucceeded: true,
    });
    // "second" re-ran to reach its wait's record; "first" ran once, after it
    expect(runs).toEqual(["second", "second", "first"]);
  });

  it("compensations registered in a child context stay in that context", async () => {
    const run = harness(async (_e, ctx: DurableContext) => {
      const inner = await ctx.runInChildContext("inner", async (c) => {
        await c.stepWithCompensation(
          "x",
          async () => 1,
          async () => undefined,
        );
        return c.compensationCount();
      });
      return [inner, ctx.compensationCount()];
    });
    expect(resultOf(await run.invoke())).toEqual([1, 0]);
  });
});
