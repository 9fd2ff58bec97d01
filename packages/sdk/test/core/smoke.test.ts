import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";

describe("smoke", () => {
  it("runs two steps and returns the result", async () => {
    const h = harness(async (_e, ctx) => {
      const a = await ctx.step("a", async () => 1);
      const b = await ctx.step(async () => 2);
      return a + b;
    });
    const out = await h.invoke();
    expect(out).toEqual({ Status: "SUCCEEDED", Result: "3" });
    expect(h.backend.calls.map((c) => c.updates.map((u) => `${u.Action}:${u.Name ?? "-"}`))).toEqual([
      ["START:a", "SUCCEED:a"],
      ["START:-", "SUCCEED:-"],
    ]);
  });
});
