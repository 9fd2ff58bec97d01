import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { LocalService } from "@durable-lambda/local";
import { history, invokeSync, lambdaClient, startService } from "./helpers.js";

let svc: LocalService;
afterEach(async () => svc?.close());

describe("functions registered with a module run in worker processes over the HTTP API", () => {
  it("runs a real SDK handler to completion, with logs captured per execution", async () => {
    svc = await startService({
      functions: [
        {
          name: "greeter",
          module: fileURLToPath(new URL("./fixtures/sdk-module.ts", import.meta.url)),
          timeoutSeconds: 60,
        },
      ],
    });
    const client = lambdaClient(svc.url);
    const result = await invokeSync(client, "greeter", { name: "ada" });
    expect(result.functionError).toBeUndefined();
    expect(JSON.parse(result.payload)).toBe("hello ada");
    const { types } = await history(client, result.arn);
    expect(types).toEqual([
      "1 ExecutionStarted",
      "2 StepStarted",
      "3 StepSucceeded",
      "4 WaitStarted",
      "5 InvocationCompleted",
      "6 WaitSucceeded",
      "7 InvocationCompleted",
      "8 ExecutionSucceeded",
    ]);
    expect(
      svc
        .logs(result.arn)
        .map((l) => l.line)
        .join("\n"),
    ).toContain("greeted ada");
  }, 60_000);
});
