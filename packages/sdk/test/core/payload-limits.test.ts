import { describe, expect, it } from "vitest";
import { PayloadTooLargeError } from "../../src/index.js";
import { DEFAULT_PAYLOAD_LIMITS, resolvePayloadLimits } from "../../src/payload-limits.js";
import { harness } from "./harness.js";

describe("payloadLimits (SDK.md §13.1 [ours])", () => {
  it("payloadLimits.EXECUTION is the largest result returned inline; a larger one is checkpointed", async () => {
    const result = "z".repeat(100);
    const inline = harness(async () => result, { config: { payloadLimits: { EXECUTION: 102 } } });
    expect(await inline.invoke()).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify(result) });
    expect(inline.backend.allUpdates()).toEqual([]);

    const checkpointed = harness(async () => result, { config: { payloadLimits: { EXECUTION: 101 } } });
    expect(await checkpointed.invoke()).toEqual({ Status: "SUCCEEDED", Result: "" });
    expect(checkpointed.backend.allUpdates()).toEqual([
      { Id: "execution", Type: "EXECUTION", Action: "SUCCEED", Payload: JSON.stringify(result) },
    ]);
  });

  it("counts the EXECUTION limit in UTF-8 bytes", async () => {
    const result = "é".repeat(50); // 102 UTF-8 bytes with the quotes, 52 UTF-16 units
    const h = harness(async () => result, { config: { payloadLimits: { EXECUTION: 60 } } });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: "" });
  });

  it("STEP overrides apply to step results", async () => {
    const h = harness(async (_e, ctx) => ctx.step("big", async () => "x".repeat(50)), {
      config: { payloadLimits: { STEP: 10 } },
    });
    expect(await h.invoke()).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: new PayloadTooLargeError("", 0, 0).name },
    });
  });

  it("defaults: 256 KiB per operation payload, 6 MiB − 50 bytes inline result", () => {
    expect(resolvePayloadLimits(undefined)).toEqual({
      STEP: 262_144,
      CONTEXT: 262_144,
      CHAINED_INVOKE: 262_144,
      EXECUTION: 6 * 1024 * 1024 - 50,
    });
    expect(resolvePayloadLimits({ STEP: 5 })).toEqual({ ...DEFAULT_PAYLOAD_LIMITS, STEP: 5 });
  });

  it.each([
    [{ CALLBACK: 10 }, "payloadLimits.CALLBACK is not a limit"],
    [{ STEPS: 10 }, "payloadLimits.STEPS is not a known limit"],
    [{ STEP: -1 }, "payloadLimits.STEP must be a non-negative number of bytes, received -1"],
    [{ EXECUTION: "big" }, "payloadLimits.EXECUTION must be a non-negative number of bytes, received big"],
    [[1], "payloadLimits must be an object"],
    ["x", "payloadLimits must be an object"],
  ])("rejects %j with a FAILED InvalidOperationConfigError", async (payloadLimits, message) => {
    const h = harness(async () => 1, { config: { payloadLimits: payloadLimits as never } });
    expect(await h.invoke()).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "InvalidOperationConfigError", ErrorMessage: expect.stringContaining(message) },
    });
    expect(h.backend.allUpdates()).toEqual([]);
  });
});
