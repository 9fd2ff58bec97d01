// LambdaClientTransport drives a real LambdaClient (with a recording request handler).
import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { LambdaClient } from "@aws-sdk/client-lambda";
import {
  createLambdaCommandLoader,
  LambdaClientTransport,
  loadLambdaCommands,
} from "../../src/checkpoint/lambda-client-transport.js";
import { classifyTransportError } from "../../src/checkpoint/error-classification.js";
import { isDurableExecutionClientError } from "../../src/errors.js";
import { recordingLogger } from "./request-capture.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:1/durable-execution/n/i";

function recordingClient(reply: { status: number; body: string; headers?: Record<string, string> }) {
  const requests: Array<{ method: string; path: string; query: unknown; body: string }> = [];
  const client = new LambdaClient({
    region: "us-east-1",
    credentials: { accessKeyId: "A", secretAccessKey: "s" },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: any) => {
        requests.push({
          method: request.method,
          path: request.path,
          query: request.query,
          body: request.body ? Buffer.from(request.body).toString() : "",
        });
        return {
          response: {
            statusCode: reply.status,
            headers: { "content-type": "application/json", ...reply.headers },
            body: Readable.from([Buffer.from(reply.body)]),
          },
        };
      },
    } as any,
  });
  return { client, requests };
}

describe("LambdaClientTransport", () => {
  it("checkpoints through the user's client", async () => {
    const { client, requests } = recordingClient({
      status: 200,
      body: '{"CheckpointToken":"t2","NewExecutionState":{"Operations":[{"Id":"a","Type":"STEP","Status":"STARTED","StartTimestamp":1}]}}',
    });
    const result = await new LambdaClientTransport(client).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t1",
      Updates: [{ Id: "a", Type: "STEP", Action: "START" }],
    });
    expect(result.CheckpointToken).toBe("t2");
    expect(result.NewExecutionState?.Operations?.[0]?.StartTimestamp).toEqual(new Date(1000));
    expect(requests[0]!.method).toBe("POST");
    expect(requests[0]!.path).toBe(`/2025-12-01/durable-executions/${encodeURIComponent(ARN)}/checkpoint`);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({
      CheckpointToken: "t1",
      ClientToken: expect.any(String),
    });
  });

  it("reads state through the user's client", async () => {
    const { client, requests } = recordingClient({ status: 200, body: '{"Operations":[],"NextMarker":"n"}' });
    const page = await new LambdaClientTransport(client).getExecutionState({
      DurableExecutionArn: ARN,
      CheckpointToken: "t",
      Marker: "m",
      MaxItems: 10,
    });
    expect(page.NextMarker).toBe("n");
    expect(requests[0]!.query).toEqual({ CheckpointToken: "t", Marker: "m", MaxItems: "10" });
  });

  it("rethrows the client's errors unchanged, classifiable, and logs them", async () => {
    const { client } = recordingClient({
      status: 400,
      headers: { "x-amzn-errortype": "InvalidParameterValueException" },
      body: '{"Type":"User","message":"Invalid Checkpoint Token: gone"}',
    });
    const { logged, logger } = recordingLogger();
    const error = await new LambdaClientTransport(client)
      .checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] }, logger)
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("InvalidParameterValueException");
    expect(classifyTransportError(error)).toBe("INVOCATION");
    expect(logged[0]![0]).toBe("CheckpointDurableExecution failed");
  });

  it("loads the command module once", async () => {
    const [a, b] = await Promise.all([loadLambdaCommands(), loadLambdaCommands()]);
    expect(a).toBe(b);
    expect(typeof a.CheckpointDurableExecutionCommand).toBe("function");
  });

  it("a package that cannot be loaded is an execution-scoped client error, and loading is tried again later", async () => {
    let imports = 0;
    const load = createLambdaCommandLoader(async () => {
      imports++;
      if (imports === 1) throw new Error("Cannot find package '@aws-sdk/client-lambda'");
      return { default: await import("@aws-sdk/client-lambda") };
    });
    const transport = new LambdaClientTransport(
      recordingClient({ status: 200, body: '{"Operations":[]}' }).client,
      load,
    );
    const error = await transport
      .getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: "t" })
      .catch((e: unknown) => e);
    expect(isDurableExecutionClientError(error)).toBe(true);
    expect(classifyTransportError(error)).toBe("EXECUTION");
    expect((error as Error).message).toContain("Cannot find package");
    // Second call: the CommonJS-style namespace (exports under `default`) is accepted.
    await expect(
      transport.getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: "t" }),
    ).resolves.toMatchObject({ Operations: [] });
    expect(imports).toBe(2);
  });

  it("rejects a client package without the durable execution commands", async () => {
    const load = createLambdaCommandLoader(async () => ({ LambdaClient: class {} }));
    const error = await load().catch((e: unknown) => e);
    expect(classifyTransportError(error)).toBe("EXECUTION");
    expect((error as Error).message).toContain("no durable execution commands");
  });
});
