// LambdaTransport against a real HTTP server on 127.0.0.1: the bytes on the wire match
// @aws-sdk/client-lambda's, and retries, errors, timeouts and keep-alive behave as specified.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CheckpointDurableExecutionCommand,
  GetDurableExecutionStateCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { LambdaTransport, type LambdaTransportOptions } from "../../src/checkpoint/lambda-transport.js";
import { LambdaServiceError } from "../../src/checkpoint/lambda-service-error.js";
import { classifyTransportError } from "../../src/checkpoint/error-classification.js";
import { startRecordingServer, type RecordingServer, type Reply } from "./recording-server.js";
import { recordingLogger } from "./request-capture.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST/durable-execution/n/i-1";
const CREDENTIALS = { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "session" };
const OK_CHECKPOINT = '{"CheckpointToken":"t2","NewExecutionState":{"Operations":[]}}';

let server: RecordingServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

async function serve(reply: (index: number) => Reply): Promise<RecordingServer> {
  server = await startRecordingServer((_request, index) => reply(index));
  return server;
}

function transportFor(
  url: string,
  options: LambdaTransportOptions = {},
  sleeps: number[] = [],
): LambdaTransport {
  return new LambdaTransport(
    { endpoint: url, region: "us-east-1", credentials: CREDENTIALS, ...options },
    { env: {}, retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } },
  );
}

function header(request: { headers: Array<[string, string]> }, name: string): string | undefined {
  return request.headers.find(([key]) => key === name)?.[1];
}

describe("on the wire, LambdaTransport sends what @aws-sdk/client-lambda sends", () => {
  it.each([
    {
      name: "checkpoint",
      send: (t: LambdaTransport) =>
        t.checkpoint({
          DurableExecutionArn: ARN,
          CheckpointToken: "tok+/=",
          Updates: [{ Id: "1", Type: "STEP", Action: "SUCCEED", Payload: '"é\u2028"' }],
        }),
      command: () =>
        new CheckpointDurableExecutionCommand({
          DurableExecutionArn: ARN,
          CheckpointToken: "tok+/=",
          Updates: [{ Id: "1", Type: "STEP", Action: "SUCCEED", Payload: '"é\u2028"' }],
        }),
    },
    {
      name: "get state",
      send: (t: LambdaTransport) =>
        t.getExecutionState({
          DurableExecutionArn: ARN,
          CheckpointToken: "tok+/= x",
          Marker: "m!'()*~&=?#",
          MaxItems: 7,
        }),
      command: () =>
        new GetDurableExecutionStateCommand({
          DurableExecutionArn: ARN,
          CheckpointToken: "tok+/= x",
          Marker: "m!'()*~&=?#",
          MaxItems: 7,
        }),
    },
  ])("$name: request line, header pairs and body are identical", async ({ send, command }) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-28T01:00:00Z"));
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT }));
    const client = new LambdaClient({ region: "us-east-1", endpoint: srv.url, credentials: CREDENTIALS });
    await client.send(command() as any);
    client.destroy();
    const reference = srv.requests[0]!;

    const uuids = [header(reference, "amz-sdk-invocation-id")!];
    if (reference.method === "POST")
      uuids.push((JSON.parse(reference.body.toString()) as { ClientToken: string }).ClientToken);
    const transport = new LambdaTransport(
      { endpoint: srv.url, region: "us-east-1", credentials: CREDENTIALS },
      { env: {}, randomUUID: () => uuids.shift()!, userAgent: header(reference, "x-amz-user-agent")! },
    );
    await send(transport);
    const produced = srv.requests[1]!;

    expect(produced.method).toBe(reference.method);
    expect(produced.url).toBe(reference.url);
    expect(produced.body.equals(reference.body)).toBe(true);
    const notUserAgent = ([name]: [string, string]) => name !== "user-agent";
    expect(produced.headers.filter(notUserAgent)).toEqual(reference.headers.filter(notUserAgent));
  });
});

describe("LambdaTransport end to end", () => {
  it("checkpoints and decodes timestamps to Dates", async () => {
    const srv = await serve(() => ({
      status: 200,
      body: JSON.stringify({
        CheckpointToken: "t2",
        NewExecutionState: {
          Operations: [
            {
              Id: "w",
              Type: "WAIT",
              Status: "STARTED",
              StartTimestamp: 1764291600,
              WaitDetails: { ScheduledEndTimestamp: 1764291660.25 },
            },
          ],
        },
      }),
    }));
    const result = await transportFor(srv.url).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t1",
      Updates: [],
    });
    expect(result.CheckpointToken).toBe("t2");
    const op = result.NewExecutionState!.Operations![0]!;
    expect(op.StartTimestamp).toEqual(new Date(1764291600_000));
    expect(op.WaitDetails?.ScheduledEndTimestamp).toEqual(new Date(1764291660_250));
    const request = srv.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(
      `/2025-12-01/durable-executions/${encodeURIComponent(ARN).replace("$", "%24")}/checkpoint`,
    );
    const body = JSON.parse(request.body.toString()) as Record<string, unknown>;
    expect(body["ClientToken"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("pages state with the query the service expects", async () => {
    const srv = await serve(() => ({
      status: 200,
      body: '{"Operations":[{"Id":"e","Type":"EXECUTION","Status":"STARTED","StartTimestamp":1}],"NextMarker":"p2"}',
    }));
    const page = await transportFor(srv.url).getExecutionState({
      DurableExecutionArn: ARN,
      CheckpointToken: "a+b",
      Marker: "p1",
      MaxItems: 100,
    });
    expect(page.NextMarker).toBe("p2");
    expect(page.Operations?.[0]?.StartTimestamp).toEqual(new Date(1000));
    expect(srv.requests[0]!.url).toMatch(/\/state\?CheckpointToken=a%2Bb&Marker=p1&MaxItems=100$/);
  });

  it("retries 500 and 429 with backoff, reusing the ClientToken and invocation id, then succeeds", async () => {
    const replies: Reply[] = [
      {
        status: 500,
        headers: { "x-amzn-errortype": "ServiceException" },
        body: '{"Type":"Service","Message":"boom"}',
      },
      {
        status: 429,
        headers: { "x-amzn-errortype": "TooManyRequestsException" },
        body: '{"Type":"User","message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}',
      },
      { status: 200, body: OK_CHECKPOINT },
    ];
    const srv = await serve((i) => replies[i]!);
    const sleeps: number[] = [];
    const result = await transportFor(srv.url, {}, sleeps).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t1",
      Updates: [],
    });
    expect(result.CheckpointToken).toBe("t2");
    expect(srv.requests).toHaveLength(3);
    const tokens = srv.requests.map(
      (r) => (JSON.parse(r.body.toString()) as { ClientToken: string }).ClientToken,
    );
    expect(new Set(tokens).size).toBe(1);
    expect(new Set(srv.requests.map((r) => header(r, "amz-sdk-invocation-id"))).size).toBe(1);
    expect(srv.requests.map((r) => header(r, "amz-sdk-request"))).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    // random() = 0.5: 0.5·100·2⁰ after the 500, 0.5·500·2¹ after the 429 (throttling base).
    expect(sleeps).toEqual([50, 500]);
  });

  it("gives up after maxAttempts on persistent 503, with attempts recorded", async () => {
    const srv = await serve(() => ({ status: 503, body: "" }));
    const error = await transportFor(srv.url)
      .getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: "t" })
      .catch((e: unknown) => e);
    expect(srv.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(LambdaServiceError);
    expect((error as LambdaServiceError).$metadata).toMatchObject({ httpStatusCode: 503, attempts: 3 });
    expect(classifyTransportError(error)).toBe("INVOCATION");
  });

  it.each([
    {
      name: "stale checkpoint token",
      status: 400,
      type: "InvalidParameterValueException",
      message: "Invalid Checkpoint Token: expired",
      scope: "INVOCATION",
    },
    {
      name: "other bad request",
      status: 400,
      type: "InvalidParameterValueException",
      message: "Updates[0].Id is invalid",
      scope: "EXECUTION",
    },
    {
      name: "missing resource",
      status: 404,
      type: "ResourceNotFoundException",
      message: "no such execution",
      scope: "EXECUTION",
    },
    {
      name: "KMS misconfiguration",
      status: 502,
      type: "KMSAccessDeniedException",
      message: "kms denied",
      scope: "EXECUTION",
    },
  ])("does not retry $name and throws it classified $scope", async ({ status, type, message, scope }) => {
    const srv = await serve(() => ({
      status,
      headers: { "x-amzn-errortype": type, "x-amzn-requestid": "req-1" },
      body: JSON.stringify({ Type: "User", message }),
    }));
    const error = await transportFor(srv.url)
      .checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] })
      .catch((e: unknown) => e);
    expect(srv.requests).toHaveLength(1);
    expect(error).toMatchObject({
      name: type,
      message,
      $metadata: { httpStatusCode: status, requestId: "req-1", attempts: 1 },
    });
    expect(classifyTransportError(error)).toBe(scope);
  });

  it("retries a dropped connection (network error) and succeeds", async () => {
    const srv = await serve((i) =>
      i === 0 ? { status: 0, destroy: true } : { status: 200, body: OK_CHECKPOINT },
    );
    const result = await transportFor(srv.url).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t",
      Updates: [],
    });
    expect(result.CheckpointToken).toBe("t2");
    expect(srv.requests).toHaveLength(2);
  });

  it("retries a response cut off mid-body and succeeds", async () => {
    const srv = await serve((i) => ({ status: 200, body: OK_CHECKPOINT, truncate: i === 0 }));
    const result = await transportFor(srv.url).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t",
      Updates: [],
    });
    expect(result.CheckpointToken).toBe("t2");
    expect(srv.requests).toHaveLength(2);
  });

  it("reports a cut-off response as a network error when attempts run out", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT, truncate: true }));
    const transport = transportFor(srv.url, { retry: { maxAttempts: 1 } });
    const error = await transport
      .checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] })
      .catch((e: unknown) => e);
    // Node reports it as "aborted" (ECONNRESET); HttpResponseIncompleteError covers runtimes that only close.
    expect(error).toMatchObject({ code: "ECONNRESET" });
    expect(classifyTransportError(error)).toBe("INVOCATION");
  });

  it("fails with a TimeoutError when the socket stays silent, classified INVOCATION", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT, delayMs: 2_000 }));
    const transport = transportFor(srv.url, { timeouts: { socketMs: 30 }, retry: { maxAttempts: 1 } });
    const error = await transport
      .checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", phase: "socket" });
    expect(classifyTransportError(error)).toBe("INVOCATION");
  });

  it("fails with a TimeoutError when the whole request takes too long", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT, delayMs: 2_000 }));
    const transport = transportFor(srv.url, { timeouts: { requestMs: 30 }, retry: { maxAttempts: 1 } });
    const error = await transport
      .getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: "t" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", phase: "request" });
  });

  it("keeps the connection alive between calls", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT }));
    const transport = transportFor(srv.url);
    await transport.checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t1", Updates: [] });
    await transport.checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t2", Updates: [] });
    expect(srv.requests.map((r) => r.connection)).toEqual([0, 0]);
    expect(header(srv.requests[0]!, "connection")).toBe("keep-alive");
  });

  it("works over an injected fetch", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT }));
    const result = await transportFor(srv.url, { fetch: globalThis.fetch }).checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "t",
      Updates: [],
    });
    expect(result.CheckpointToken).toBe("t2");
    expect(header(srv.requests[0]!, "authorization")).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(header(srv.requests[0]!, "host")).toBe(new URL(srv.url).host);
  });

  it("finds the endpoint, region and credentials in the environment", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT }));
    const transport = new LambdaTransport(
      {},
      {
        env: {
          AWS_ENDPOINT_URL_LAMBDA: srv.url,
          AWS_REGION: "ap-south-1",
          AWS_ACCESS_KEY_ID: "AKENV",
          AWS_SECRET_ACCESS_KEY: "s",
          AWS_SESSION_TOKEN: "st",
        },
      },
    );
    await transport.checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] });
    expect(header(srv.requests[0]!, "authorization")).toContain("Credential=AKENV/");
    expect(header(srv.requests[0]!, "authorization")).toContain("/ap-south-1/lambda/aws4_request");
    expect(header(srv.requests[0]!, "x-amz-security-token")).toBe("st");
  });

  it("reports missing credentials clearly, without sending anything", async () => {
    const srv = await serve(() => ({ status: 200, body: OK_CHECKPOINT }));
    const sleeps: number[] = [];
    const transport = new LambdaTransport(
      { endpoint: srv.url },
      { env: {}, retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } },
    );
    const error = await transport
      .checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "LambdaTransportConfigError",
      message: expect.stringContaining("AWS_ACCESS_KEY_ID"),
    });
    expect(srv.requests).toHaveLength(0);
    expect(sleeps).toEqual([]); // not retried
  });

  it("logs a failure on the developer logger with the request id", async () => {
    const srv = await serve(() => ({
      status: 400,
      headers: { "x-amzn-errortype": "InvalidParameterValueException", "x-amzn-requestid": "rid-9" },
      body: '{"message":"nope"}',
    }));
    const { logged, logger } = recordingLogger();
    await transportFor(srv.url)
      .checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "t", Updates: [] }, logger)
      .catch(() => undefined);
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toBe("CheckpointDurableExecution failed");
    expect(logged[0]![2]).toEqual({ requestId: "rid-9" });
  });
});
