import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

describe("determinism checks (SDK.md §8)", () => {
  function renamedSecondRun(second: (ctx: any) => Promise<unknown>) {
    let run = 0;
    return harness(async (_e, ctx) => {
      run++;
      if (run === 1) {
        await ctx.step("first", async () => 1);
        await ctx.wait({ seconds: 1 });
        return "unreachable";
      }
      return second(ctx);
    });
  }

  it("a renamed step fails the execution (never PENDING) with both sides, the path and the call site", async () => {
    const h = renamedSecondRun((ctx) => ctx.step("renamed", async () => 1));
    expect(await h.invoke()).toEqual({ Status: "PENDING" });
    const calls = h.backend.calls.length;
    const out = await h.invoke();
    expect(out.Status).toBe("FAILED");
    const error = (out as { Error: { ErrorType: string; ErrorMessage: string } }).Error;
    expect(error.ErrorType).toBe("NonDeterministicExecutionError");
    expect(error.ErrorMessage).toContain(
      '[Unrecoverable Execution] Non-deterministic execution detected: Operation name mismatch for step "1". Expected name "first", but got "renamed".',
    );
    expect(error.ErrorMessage).toContain('handler > Step "renamed" (1)');
    expect(error.ErrorMessage).toMatch(/called from .*determinism\.test\.ts:\d+:\d+/);
    expect(h.backend.calls.length).toBe(calls);
  });

  it("a different operation type at the same id is detected", async () => {
    const h = renamedSecondRun((ctx) => ctx.wait("first", { seconds: 5 }));
    await h.invoke();
    const out = await h.invoke();
    expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "NonDeterministicExecutionError" } });
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain(
      "Operation type mismatch",
    );
  });

  it("a different sub-type (waitForCondition instead of step) is detected", async () => {
    const h = renamedSecondRun((ctx) =>
      ctx.waitForCondition("first", async () => 1, {
        initialState: 0,
        waitStrategy: () => ({ shouldContinue: false }),
      }),
    );
    await h.invoke();
    const out = await h.invoke();
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain(
      "Operation sub-type mismatch",
    );
  });

  it("an unnamed call where a name was recorded is a mismatch (undefined vs string)", async () => {
    const h = renamedSecondRun((ctx) => ctx.step(async () => 1));
    await h.invoke();
    const out = await h.invoke();
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain(
      'Expected name "first", but got undefined',
    );
  });

  it("mismatches inside child contexts report the nested path", async () => {
    let run = 0;
    const h = harness(async (_e, ctx) => {
      run++;
      return ctx.runInChildContext("orders", async (child) => {
        await child.step(run === 1 ? "a" : "b", async () => 1);
        await child.wait({ seconds: 1 });
      });
    });
    await h.invoke();
    const out = await h.invoke();
    expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toContain(
      'handler > RunInChildContext "orders" (1) > Step "b" (1-1)',
    );
  });
});
