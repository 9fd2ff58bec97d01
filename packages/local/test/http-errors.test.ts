import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  StopDurableExecutionCommand,
} from "@aws-sdk/client-lambda";
import type { LocalService } from "@durable-lambda/local";
import { lambdaClient, startService } from "./helpers.js";

let svc: LocalService;
beforeAll(async () => {
  svc = await startService();
  svc.registerFunction({ name: "plain", durable: false, handler: async (event) => ({ got: event }) });
  svc.registerFunction({ name: "durable", handler: async () => ({ Status: "SUCCEEDED" }) });
});
afterAll(async () => svc.close());

async function raw(
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${svc.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("x-amzn-errortype"),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const ARN = encodeURIComponent(
  "arn:aws:lambda:us-east-1:123456789012:function:durable:$LATEST/durable-execution/x/y",
);

describe("bad HTTP input gets the service error shape, never a 500", () => {
  it.each([
    ["GET", "/nope", 404, "ResourceNotFoundException"],
    ["DELETE", `/2025-12-01/durable-executions/${ARN}`, 404, "ResourceNotFoundException"],
    ["GET", `/2025-12-01/durable-executions/${ARN}`, 404, "ResourceNotFoundException"],
    ["GET", `/2025-12-01/durable-executions/%E0%A4%A/history`, 400, "InvalidParameterValueException"],
    [
      "GET",
      `/2025-12-01/durable-executions/${ARN}/history?MaxItems=abc`,
      400,
      "InvalidParameterValueException",
    ],
    ["GET", `/2025-12-01/durable-executions/${ARN}/state`, 400, "InvalidParameterValueException"],
    [
      "GET",
      `/2025-12-01/functions/durable/durable-executions?ReverseOrder=maybe`,
      400,
      "InvalidParameterValueException",
    ],
    [
      "GET",
      `/2025-12-01/functions/durable/durable-executions?Statuses=WHATEVER`,
      400,
      "InvalidParameterValueException",
    ],
    [
      "GET",
      `/2025-12-01/functions/durable/durable-executions?StartedAfter=yesterday`,
      400,
      "InvalidParameterValueException",
    ],
  ])("%s %s → %i %s", async (method, path, status, type) => {
    const response = await raw(method, path);
    expect(response.status).toBe(status);
    expect(response.type).toBe(type);
    expect(response.body).toMatchObject({
      Type: "User",
      message: expect.any(String),
      Message: expect.any(String),
    });
  });

  it("rejects malformed JSON, wrong types and an invalid token on checkpoint with 400", async () => {
    const path = `/2025-12-01/durable-executions/${ARN}/checkpoint`;
    expect((await raw("POST", path, "{not json")).status).toBe(400);
    expect((await raw("POST", path, "[1,2]")).type).toBe("InvalidParameterValueException");
    expect((await raw("POST", path, JSON.stringify({ CheckpointToken: 5 }))).status).toBe(400);
    const unknown = await raw("POST", path, JSON.stringify({ CheckpointToken: "abc" }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^Invalid Checkpoint Token/);
  });

  it("rejects an oversize body with 413 and a bad stop body with 400", async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x61);
    const response = await raw("POST", "/2015-03-31/functions/plain/invocations", big);
    expect(response.status).toBe(413);
    expect(response.type).toBe("RequestTooLargeException");
    expect((await raw("POST", `/2025-12-01/durable-executions/${ARN}/stop`, '"text"')).status).toBe(400);
  });

  it("maps Invoke errors: unknown function 404, unqualified durable 400, bad name 400, bad invocation type 400", async () => {
    const client = lambdaClient(svc.url);
    await expect(
      client.send(new InvokeCommand({ FunctionName: "ghost", Qualifier: "$LATEST" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(client.send(new InvokeCommand({ FunctionName: "durable" }))).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(client.send(new InvokeCommand({ FunctionName: "durable:7" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      client.send(
        new InvokeCommand({
          FunctionName: "durable",
          Qualifier: "$LATEST",
          DurableExecutionName: "bad name!",
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    const badType = await raw("POST", "/2015-03-31/functions/durable:$LATEST/invocations", "{}", {
      "x-amz-invocation-type": "Sometimes",
    });
    expect(badType.status).toBe(400);
    await expect(
      client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: "arn:nope" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      client.send(new StopDurableExecutionCommand({ DurableExecutionArn: "arn:nope" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("invokes plain functions sync, async and as a dry run", async () => {
    const client = lambdaClient(svc.url);
    const sync = await client.send(
      new InvokeCommand({ FunctionName: "plain", Payload: Buffer.from('{"a":1}') }),
    );
    expect(Buffer.from(sync.Payload ?? new Uint8Array()).toString()).toBe('{"got":{"a":1}}');
    expect(sync.ExecutedVersion).toBe("$LATEST");
    expect(
      (
        await client.send(
          new InvokeCommand({ FunctionName: "plain", InvocationType: "Event", Payload: Buffer.from("1") }),
        )
      ).StatusCode,
    ).toBe(202);
    expect(
      (await client.send(new InvokeCommand({ FunctionName: "durable:$LATEST", InvocationType: "DryRun" })))
        .StatusCode,
    ).toBe(204);
    const notJson = await raw("POST", "/2015-03-31/functions/plain/invocations", "{oops");
    expect(notJson.status).toBe(400);
  });

  it("decodes an encoded ARN label exactly once and serves the health check", async () => {
    const client = lambdaClient(svc.url);
    const started = await client.send(
      new InvokeCommand({ FunctionName: "durable:$LATEST", Payload: Buffer.from("1") }),
    );
    const execution = await client.send(
      new GetDurableExecutionCommand({ DurableExecutionArn: started.DurableExecutionArn }),
    );
    expect(execution.Status).toBe("SUCCEEDED");
    expect(execution.DurableExecutionArn).toBe(started.DurableExecutionArn);
    expect(execution.Result).toBeUndefined();
    const health = await raw("GET", "/-/health");
    expect(health).toMatchObject({ status: 200, body: { status: "ok" } });
  });
});
