// For the same inputs, credentials and clock, LambdaTransport must produce exactly the request
// @aws-sdk/client-lambda 3.1164 produces: method, URL, body bytes and every signed header
// (authorization included). Only `user-agent` (unsigned, free) may differ.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  captureAwsClient,
  captureLambdaTransport,
  withoutUserAgent,
  type ApiCall,
  type ClientSetup,
} from "./request-capture.js";

const FIXED_NOW = new Date("2026-03-14T15:09:26.535Z");
const ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:order-flow:$LATEST/durable-execution/run_42/0f1e-2d3c";

const WITH_SESSION: ClientSetup = {
  region: "us-east-1",
  credentials: {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    sessionToken: "FQoGZXIvYXdzEJr//////////wEaD+token=",
  },
};
const WITHOUT_SESSION: ClientSetup = {
  region: "eu-west-1",
  credentials: { accessKeyId: "AKIDEXAMPLE2", secretAccessKey: "secret/with+chars=" },
};

// An update of every kind, members deliberately out of model order, with nulls and an unknown member.
const EVERY_UPDATE_KIND = [
  { Action: "START", Type: "EXECUTION", Id: "exec" },
  {
    Name: "charge card ü €",
    SubType: "Step",
    Action: "SUCCEED",
    Type: "STEP",
    Id: "c4ca4238a0b92382",
    ParentId: null,
    Payload: '{"amount":12.5,"note":"line\\nbreak \u2028 \ud83d\ude00"}',
  },
  {
    Id: "c81e728d9d4c2f63",
    Type: "STEP",
    Action: "RETRY",
    StepOptions: { NextAttemptDelaySeconds: 7 },
    Error: { StackTrace: ["at x"], ErrorData: "d", ErrorType: "TypeError", ErrorMessage: 'bad "quote"' },
  },
  {
    Id: "eccbc87e4b5ce2fe",
    Type: "WAIT",
    Action: "START",
    WaitOptions: { WaitSeconds: 31_622_400 },
    Unknown: 1,
  },
  {
    Id: "a87ff679a2f3e71d",
    Type: "CALLBACK",
    Action: "START",
    CallbackOptions: { HeartbeatTimeoutSeconds: 0, TimeoutSeconds: 3600 },
  },
  {
    Id: "e4da3b7fbbce2345",
    Type: "CHAINED_INVOKE",
    Action: "START",
    ChainedInvokeOptions: { TenantId: "t-1", FunctionName: "other:1" },
  },
  {
    Id: "1679091c5a880faf",
    Type: "CONTEXT",
    Action: "SUCCEED",
    SubType: "Map",
    ContextOptions: { ReplayChildren: true },
    Payload: "",
  },
  { Id: "8f14e45fceea167a", Type: "STEP", Action: "FAIL", Error: { ErrorMessage: "x" } },
] as any[];

const CASES: Array<{ name: string; setup: ClientSetup; call: ApiCall }> = [
  {
    name: "checkpoint, every update kind, explicit ClientToken, session token",
    setup: WITH_SESSION,
    call: {
      api: "checkpoint",
      input: {
        DurableExecutionArn: ARN,
        CheckpointToken: "AAAB+/token==",
        Updates: EVERY_UPDATE_KIND,
        ClientToken: "my-token-1",
      },
    },
  },
  {
    name: "checkpoint without ClientToken (filled with a UUID)",
    setup: WITHOUT_SESSION,
    call: {
      api: "checkpoint",
      input: {
        DurableExecutionArn: ARN,
        CheckpointToken: "tok",
        Updates: [{ Id: "1", Type: "STEP", Action: "START" }],
      },
    },
  },
  {
    name: "checkpoint poll: empty Updates",
    setup: WITH_SESSION,
    call: {
      api: "checkpoint",
      input: { DurableExecutionArn: ARN, CheckpointToken: "tok", Updates: [], ClientToken: "c" },
    },
  },
  {
    name: "checkpoint with Updates absent",
    setup: WITH_SESSION,
    call: {
      api: "checkpoint",
      input: { DurableExecutionArn: ARN, CheckpointToken: "tok", ClientToken: "c" },
    },
  },
  {
    name: "get state with Marker and MaxItems",
    setup: WITH_SESSION,
    call: {
      api: "getState",
      input: { DurableExecutionArn: ARN, CheckpointToken: "a+b/c=", Marker: "m k+/=!'()*~", MaxItems: 0 },
    },
  },
  {
    name: "get state with the token only, no session token",
    setup: WITHOUT_SESSION,
    call: { api: "getState", input: { DurableExecutionArn: ARN, CheckpointToken: "tok" } },
  },
  {
    name: "ARN with characters outside the unreserved set",
    setup: WITHOUT_SESSION,
    call: {
      api: "getState",
      input: {
        DurableExecutionArn: "arn:aws:lambda:eu-west-1:1:function:f:7/durable-execution/a b!'()*~/ü#?",
        CheckpointToken: "t",
      },
    },
  },
  {
    name: "custom endpoint with a port (host header carries it)",
    setup: { ...WITH_SESSION, endpoint: "http://127.0.0.1:9014" },
    call: {
      api: "checkpoint",
      input: { DurableExecutionArn: ARN, CheckpointToken: "tok", Updates: [], ClientToken: "c" },
    },
  },
  {
    name: "China region endpoint",
    setup: { ...WITHOUT_SESSION, region: "cn-north-1" },
    call: { api: "getState", input: { DurableExecutionArn: ARN, CheckpointToken: "tok", MaxItems: 1000 } },
  },
];

describe("LambdaTransport signs exactly like @aws-sdk/client-lambda", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(FIXED_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const { name, setup, call } of CASES) {
    it(name, async () => {
      const aws = await captureAwsClient(setup, call);
      expect(aws.error).toBeUndefined();
      expect(aws.requests).toHaveLength(1);
      const reference = aws.requests[0]!;

      const uuids = [reference.headers["amz-sdk-invocation-id"]!];
      if (call.api === "checkpoint" && call.input.ClientToken === undefined) {
        uuids.push((JSON.parse(reference.body.toString("utf8")) as { ClientToken: string }).ClientToken);
      }
      const ours = await captureLambdaTransport(setup, call, {
        uuids,
        userAgent: reference.headers["x-amz-user-agent"]!,
      });
      expect(ours.error).toBeUndefined();
      expect(ours.requests).toHaveLength(1);
      const produced = ours.requests[0]!;

      expect(produced.method).toBe(reference.method);
      expect(produced.protocol).toBe(reference.protocol);
      expect(produced.hostname).toBe(reference.hostname);
      expect(produced.port).toBe(reference.port);
      expect(produced.path).toBe(reference.path);
      expect(produced.query).toEqual(reference.query);
      expect(produced.body.equals(reference.body)).toBe(true);
      // Same names, same order, same values — authorization (the signature) included.
      expect(Object.entries(withoutUserAgent(produced.headers))).toEqual(
        Object.entries(withoutUserAgent(reference.headers)),
      );
      expect(produced.headers["authorization"]).toMatch(
        /^AWS4-HMAC-SHA256 Credential=.+, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
      );
    });
  }

  it("a retried attempt carries the same ids and a re-signed attempt=2 header", async () => {
    const call: ApiCall = {
      api: "checkpoint",
      input: { DurableExecutionArn: ARN, CheckpointToken: "tok", Updates: [] },
    };
    const failure = {
      status: 500,
      body: '{"Type":"Service","Message":"internal"}',
      headers: { "x-amzn-errortype": "ServiceException" },
    };
    const aws = await captureAwsClient(WITH_SESSION, call, [
      failure,
      { status: 200, body: '{"NewExecutionState":{}}' },
    ]);
    expect(aws.error).toBeUndefined();
    expect(aws.requests).toHaveLength(2);
    const ids = aws.requests.map((r) => r.headers["amz-sdk-invocation-id"]);
    expect(ids[0]).toBe(ids[1]);
    const clientToken = (JSON.parse(aws.requests[0]!.body.toString()) as { ClientToken: string }).ClientToken;

    const ours = await captureLambdaTransport(WITH_SESSION, call, {
      uuids: [ids[0]!, clientToken],
      userAgent: aws.requests[0]!.headers["x-amz-user-agent"]!,
      responses: [
        { statusCode: 500, headers: { "x-amzn-errortype": "ServiceException" }, body: failure.body },
        { statusCode: 200, headers: {}, body: '{"NewExecutionState":{}}' },
      ],
    });
    expect(ours.error).toBeUndefined();
    expect(ours.requests).toHaveLength(2);
    for (const attempt of [0, 1]) {
      const produced = ours.requests[attempt]!;
      const reference = aws.requests[attempt]!;
      expect(produced.body.equals(reference.body)).toBe(true);
      expect(Object.entries(withoutUserAgent(produced.headers))).toEqual(
        Object.entries(withoutUserAgent(reference.headers)),
      );
    }
    expect(ours.requests[1]!.headers["amz-sdk-request"]).toBe("attempt=2; max=3");
  });

  it("decodes the same response to the same values (epoch seconds become Dates)", async () => {
    const body = JSON.stringify({
      CheckpointToken: "t2",
      NewExecutionState: {
        Operations: [
          {
            Id: "a",
            Type: "STEP",
            Status: "PENDING",
            StartTimestamp: 1735689600.123,
            StepDetails: { Attempt: 2, NextAttemptTimestamp: 1735689601 },
          },
          {
            Id: "b",
            Type: "WAIT",
            Status: "SUCCEEDED",
            StartTimestamp: 1735689600,
            EndTimestamp: 1735689660.5,
            WaitDetails: { ScheduledEndTimestamp: 1735689660 },
          },
        ],
        NextMarker: "ignored-but-kept",
      },
    });
    const call: ApiCall = {
      api: "checkpoint",
      input: { DurableExecutionArn: ARN, CheckpointToken: "tok", ClientToken: "c" },
    };
    const aws = await captureAwsClient(WITH_SESSION, call, [{ status: 200, body }]);
    const ours = await captureLambdaTransport(WITH_SESSION, call, {
      uuids: ["id"],
      userAgent: "x",
      responses: [{ statusCode: 200, headers: {}, body }],
    });
    const { $metadata: _metadata, ...awsResult } = aws.result as Record<string, unknown>;
    expect(ours.result).toEqual(awsResult);
    const first = (ours.result as any).NewExecutionState.Operations[0];
    expect(first.StartTimestamp).toBeInstanceOf(Date);
    expect(first.StartTimestamp.toISOString()).toBe("2025-01-01T00:00:00.123Z");
  });
});

describe("LambdaTransport resolves endpoints and trace headers like @aws-sdk/client-lambda", () => {
  const ENV_KEYS = [
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_LAMBDA",
    "AWS_LAMBDA_FUNCTION_NAME",
    "_X_AMZN_TRACE_ID",
  ];
  let saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
    for (const k of ENV_KEYS) delete process.env[k];
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(FIXED_NOW);
  });
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    vi.useRealTimers();
  });

  const ENV_CASES: Array<{ name: string; region: string; env: Record<string, string> }> = [
    { name: "FIPS", region: "us-east-2", env: { AWS_USE_FIPS_ENDPOINT: "true" } },
    { name: "dual-stack", region: "eu-west-1", env: { AWS_USE_DUALSTACK_ENDPOINT: "true" } },
    {
      name: "FIPS and dual-stack",
      region: "ca-central-1",
      env: { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" },
    },
    { name: "FIPS pseudo-region", region: "fips-us-gov-west-1", env: {} },
    { name: "GovCloud", region: "us-gov-east-1", env: {} },
    { name: "ISO partition", region: "us-iso-east-1", env: {} },
    { name: "China dual-stack", region: "cn-northwest-1", env: { AWS_USE_DUALSTACK_ENDPOINT: "true" } },
    { name: "European sovereign cloud", region: "eusc-de-east-1", env: {} },
    {
      name: "explicit false flags",
      region: "ap-southeast-2",
      env: { AWS_USE_FIPS_ENDPOINT: "false", AWS_USE_DUALSTACK_ENDPOINT: "false" },
    },
    {
      name: "configured endpoint ignored on request",
      region: "us-west-2",
      env: { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
    },
    {
      name: "trace header inside Lambda",
      region: "us-east-1",
      env: {
        AWS_LAMBDA_FUNCTION_NAME: "fn",
        _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
      },
    },
    {
      name: "no trace header outside Lambda",
      region: "us-east-1",
      env: { _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793" },
    },
  ];

  for (const { name, region, env } of ENV_CASES) {
    it(name, async () => {
      Object.assign(process.env, env);
      const setup: ClientSetup = { ...WITH_SESSION, region };
      const call: ApiCall = { api: "getState", input: { DurableExecutionArn: ARN, CheckpointToken: "tok" } };
      const aws = await captureAwsClient(setup, call);
      expect(aws.error).toBeUndefined();
      const reference = aws.requests[0]!;
      const ours = await captureLambdaTransport(setup, call, {
        uuids: [reference.headers["amz-sdk-invocation-id"]!],
        userAgent: reference.headers["x-amz-user-agent"]!,
        env,
      });
      expect(ours.error).toBeUndefined();
      const produced = ours.requests[0]!;
      expect(`${produced.protocol}//${produced.hostname}`).toBe(
        `${reference.protocol}//${reference.hostname}`,
      );
      expect(produced.port).toBe(reference.port);
      expect(Object.entries(withoutUserAgent(produced.headers))).toEqual(
        Object.entries(withoutUserAgent(reference.headers)),
      );
    });
  }
});
