// DurableExecutionApiClient picks our SigV4 transport, or the LambdaClient adapter when given a client.
import { afterEach, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { DurableExecutionApiClient } from "../../src/checkpoint/durable-execution-api-client.js";
import { startRecordingServer, type RecordingServer } from "./recording-server.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:1/durable-execution/n/i";
const ENV = {
  AWS_ENDPOINT_URL_LAMBDA: "",
  AWS_REGION: "eu-north-1",
  AWS_ACCESS_KEY_ID: "AKIDAPI",
  AWS_SECRET_ACCESS_KEY: "s",
} as Record<string, string>;

let server: RecordingServer | undefined;
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await server?.close();
  server = undefined;
});

describe("DurableExecutionApiClient", () => {
  it("without a client, signs with the function's credentials and sends over HTTP(S)", async () => {
    server = await startRecordingServer(() => ({ status: 200, body: '{"Operations":[],"NextMarker":"m"}' }));
    Object.assign(process.env, ENV, { AWS_ENDPOINT_URL_LAMBDA: server.url });
    const page = await new DurableExecutionApiClient().getExecutionState({
      DurableExecutionArn: ARN,
      CheckpointToken: "t",
    });
    expect(page.NextMarker).toBe("m");
    const authorization = server.requests[0]!.headers.find(([name]) => name === "authorization")?.[1];
    expect(authorization).toContain("Credential=AKIDAPI/");
    expect(authorization).toContain("/eu-north-1/lambda/aws4_request");
  });

  it("with a client, sends through it", async () => {
    const paths: string[] = [];
    const client = new LambdaClient({
      region: "us-east-1",
      credentials: { accessKeyId: "A", secretAccessKey: "s" },
      requestHandler: {
        handle: async (request: { path: string }) => {
          paths.push(request.path);
          return {
            response: {
              statusCode: 200,
              headers: { "content-type": "application/json" },
              body: Readable.from([Buffer.from('{"CheckpointToken":"t2","NewExecutionState":{}}')]),
            },
          };
        },
      } as any,
    });
    const result = await new DurableExecutionApiClient(client).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t",
      Updates: [],
    });
    expect(result.CheckpointToken).toBe("t2");
    expect(paths).toEqual([`/2025-12-01/durable-executions/${encodeURIComponent(ARN)}/checkpoint`]);
  });
});
