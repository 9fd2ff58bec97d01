import { describe, expect, it } from "vitest";
import type { DurableLogger, DurableLoggingContext } from "../../src/index.js";
import { hashOperationId } from "../../src/replay/operation-id.js";
import { harness } from "./harness.js";

const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("logging (SDK.md §10, §12.2)", () => {
  it("writes one JSON line per record with executionArn, requestId, level and message", async () => {
    const h = harness(async (_e, ctx) => {
      ctx.logger.info("hello");
      ctx.logger.warn("with data", { k: 1 });
    });
    await h.invoke();
    const [a, b] = parse(h.logs);
    expect(a).toMatchObject({
      level: "INFO",
      message: "hello",
      executionArn: h.backend.arn,
      requestId: "req-1",
    });
    expect(typeof a?.["timestamp"]).toBe("string");
    expect(b).toMatchObject({ level: "WARN", message: "with data { k: 1 }", data: { k: 1 } });
  });

  it("step loggers add operationId, operationName and attempt", async () => {
    const h = harness(async (_e, ctx) => ctx.step("s", async ({ logger }) => logger.info("in step")));
    await h.invoke();
    expect(parse(h.logs)[0]).toMatchObject({
      message: "in step",
      operationId: hashOperationId("1"),
      operationName: "s",
      attempt: 1,
    });
  });

  it("error arguments add errorType / errorMessage / stackTrace", async () => {
    const h = harness(async (_e, ctx) => ctx.logger.error("failed", new RangeError("bad")));
    await h.invoke();
    expect(parse(h.logs)[0]).toMatchObject({ level: "ERROR", errorType: "RangeError", errorMessage: "bad" });
  });

  it("mode-aware: records of a replaying context are dropped, each context switching on its own", async () => {
    const h = harness(async (_e, ctx) => {
      ctx.logger.info("before step");
      await ctx.step(async () => 1);
      ctx.logger.info("between");
      await ctx.wait({ seconds: 1 });
      ctx.logger.info("after wait");
    });
    await h.invoke();
    expect(parse(h.logs).map((r) => r["message"])).toEqual(["before step", "between"]);
    h.logs.length = 0;
    h.backend.advanceTime(1);
    await h.invoke();
    expect(parse(h.logs).map((r) => r["message"])).toEqual(["after wait"]);
  });

  it("modeAware:false logs during replay too", async () => {
    const h = harness(async (_e, ctx) => {
      ctx.configureLogger({ modeAware: false });
      ctx.logger.info("always");
      await ctx.wait({ seconds: 1 });
    });
    await h.invoke();
    h.backend.advanceTime(1);
    await h.invoke();
    expect(parse(h.logs).map((r) => r["message"])).toEqual(["always", "always"]);
  });

  it("a custom logger gets the user's arguments untouched plus, once, the durable fields accessor", async () => {
    const received: unknown[][] = [];
    const names: (string | undefined)[] = [];
    let loggingContext: DurableLoggingContext | undefined;
    let configured = 0;
    const custom: DurableLogger = {
      info: (...a: unknown[]) => {
        received.push(a);
        const data = loggingContext?.getDurableLogData();
        names.push(data?.executionArn === h.backend.arn ? (data.operationName ?? "ctx") : "wrong arn");
      },
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
      configureDurableLoggingContext: (c) => {
        configured++;
        loggingContext = c;
      },
    };
    const h = harness(async (_e, ctx) => {
      ctx.configureLogger({ customLogger: custom });
      ctx.logger.info("a", { x: 1 });
      await ctx.step("s", async ({ logger }) => logger.info("b"));
    });
    await h.invoke();
    expect(received).toEqual([["a", { x: 1 }], ["b"]]);
    expect(configured).toBe(1);
    expect(names).toEqual(["ctx", "s"]);
    expect(h.logs).toEqual([]);
  });
});

describe("AWS_LAMBDA_LOG_LEVEL", () => {
  it("filters default records below the configured level; refreshLogConfig re-reads it", async () => {
    const { refreshLogConfig } = await import("../../src/index.js");
    process.env["AWS_LAMBDA_LOG_LEVEL"] = "WARN";
    refreshLogConfig();
    try {
      const h = harness(async (_e, ctx) => {
        ctx.logger.debug("d");
        ctx.logger.info("i");
        ctx.logger.warn("w");
        ctx.logger.error("e");
      });
      await h.invoke();
      expect(parse(h.logs).map((r) => r["level"])).toEqual(["WARN", "ERROR"]);
    } finally {
      delete process.env["AWS_LAMBDA_LOG_LEVEL"];
      refreshLogConfig();
    }
  });
});
