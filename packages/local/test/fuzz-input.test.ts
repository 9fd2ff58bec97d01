import { afterEach, describe, expect, it } from "vitest";
import { ServiceError, type LocalService } from "@durable-lambda/local";
import { invokeSync, lambdaClient, scripted, startService } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

/** A deterministic pseudo-random generator (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e12,
  "",
  "x",
  "a b",
  "ctx",
  "STEP",
  "WAIT",
  "CALLBACK",
  "CONTEXT",
  "CHAINED_INVOKE",
  "EXECUTION",
  "START",
  "SUCCEED",
  "FAIL",
  "RETRY",
  "CANCEL",
  [],
  {},
  [1],
  { ErrorType: 5 },
  { WaitSeconds: "1" },
  { NextAttemptDelaySeconds: 0 },
];

function randomUpdate(next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  if (next() < 0.1) return pick(SAMPLES);
  const update: Record<string, unknown> = {};
  const keys = [
    "Id",
    "ParentId",
    "Name",
    "Type",
    "SubType",
    "Action",
    "Payload",
    "Error",
    "ContextOptions",
    "StepOptions",
    "WaitOptions",
    "CallbackOptions",
    "ChainedInvokeOptions",
  ];
  for (const key of keys) {
    if (next() < 0.5) continue;
    if (key === "Id") update.Id = pick(["a", "b", "ctx", "", "bad id", 7]);
    else if (key === "Type")
      update.Type = pick(["STEP", "WAIT", "CALLBACK", "CONTEXT", "CHAINED_INVOKE", "EXECUTION", "NOPE", 3]);
    else if (key === "Action") update.Action = pick(["START", "SUCCEED", "FAIL", "RETRY", "CANCEL", "JUMP"]);
    else if (key.endsWith("Options"))
      update[key] = pick([
        {},
        null,
        4,
        { WaitSeconds: 2 },
        { NextAttemptDelaySeconds: 1 },
        { FunctionName: "missing-function" },
        { TimeoutSeconds: -1 },
        { ReplayChildren: "yes" },
      ]);
    else update[key] = pick(SAMPLES);
  }
  return update;
}

describe("random checkpoint input", () => {
  it("never throws anything but a 4xx ServiceError, and the token survives every rejection", async () => {
    svc = await startService();
    const next = rng(20261128);
    let rejected = 0;
    let accepted = 0;
    svc.registerFunction({
      name: "fuzz",
      handler: scripted(
        () => svc,
        async (s) => {
          for (let round = 0; round < 400; round++) {
            // Every fifth request is valid: it proves the token still works after the rejections before it.
            const updates =
              round % 5 === 4
                ? [{ Id: `valid${round}`, Type: "STEP", Action: "START" }]
                : Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomUpdate(next));
            try {
              await s.checkpoint(updates as Array<Record<string, unknown>>);
              accepted++;
            } catch (error) {
              expect(error).toBeInstanceOf(ServiceError);
              const status = (error as ServiceError).httpStatus;
              expect(status >= 400 && status < 500).toBe(true);
              rejected++;
            }
          }
          return { Status: "SUCCEEDED" };
        },
      ),
    });
    const result = await invokeSync(lambdaClient(svc.url), "fuzz", null);
    expect(result.functionError).toBeUndefined();
    expect(rejected).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThanOrEqual(80);
  });

  it("answers random paths, methods and bodies without a 500", async () => {
    svc = await startService();
    const next = rng(7);
    const segments = [
      "2025-12-01",
      "2015-03-31",
      "durable-executions",
      "functions",
      "durable-execution-callbacks",
      "%E0%A4",
      "arn%3Aaws",
      "x",
      "state",
      "history",
      "checkpoint",
      "stop",
      "succeed",
      "fail",
      "heartbeat",
      "invocations",
      "-",
      "health",
    ];
    for (let i = 0; i < 300; i++) {
      const path = Array.from(
        { length: 1 + Math.floor(next() * 4) },
        () => segments[Math.floor(next() * segments.length)],
      ).join("/");
      const method = next() < 0.5 ? "GET" : "POST";
      const query = next() < 0.3 ? "?MaxItems=-3&Marker=%%&ReverseOrder=2" : "";
      const body = method === "POST" ? String(SAMPLES[Math.floor(next() * SAMPLES.length)]) : undefined;
      const response = await fetch(`${svc.url}/${path}${query}`, {
        method,
        ...(body === undefined ? {} : { body }),
      });
      await response.arrayBuffer();
      expect(response.status, `${method} /${path}${query}`).toBeLessThan(500);
    }
  });
});
