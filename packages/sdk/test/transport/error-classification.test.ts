// SDK.md §9.3, case by case, for errors in our shape, in the AWS SDK's shape (produced by the real
// @aws-sdk/client-lambda from the same responses), and for explicit DurableExecutionClientErrors.
import { describe, expect, it } from "vitest";
import { DurableExecutionClientError } from "../../src/errors.js";
import {
  classifyTransportError,
  isInvalidCheckpointTokenError,
  isKmsCustomerError,
} from "../../src/checkpoint/error-classification.js";
import { parseLambdaServiceError } from "../../src/checkpoint/lambda-service-error.js";
import { HttpTimeoutError } from "../../src/checkpoint/http.js";
import { captureAwsClient } from "./request-capture.js";

interface Case {
  name: string;
  status: number;
  type?: string;
  body: string;
  scope: "INVOCATION" | "EXECUTION";
}

const SERVICE_CASES: Case[] = [
  {
    name: "stale checkpoint token (400)",
    status: 400,
    type: "InvalidParameterValueException",
    body: '{"Type":"User","message":"Invalid Checkpoint Token: token is stale"}',
    scope: "INVOCATION",
  },
  {
    name: "token prefix in lower case is just a bad request",
    status: 400,
    type: "InvalidParameterValueException",
    body: '{"Type":"User","message":"invalid checkpoint token"}',
    scope: "EXECUTION",
  },
  {
    name: "token prefix under another error name",
    status: 400,
    type: "ValidationException",
    body: '{"message":"Invalid Checkpoint Token"}',
    scope: "EXECUTION",
  },
  {
    name: "other InvalidParameterValue",
    status: 400,
    type: "InvalidParameterValueException",
    body: '{"Type":"User","message":"Updates too large"}',
    scope: "EXECUTION",
  },
  {
    name: "access denied (403)",
    status: 403,
    type: "AccessDeniedException",
    body: '{"Message":"not allowed"}',
    scope: "EXECUTION",
  },
  {
    name: "not found (404)",
    status: 404,
    type: "ResourceNotFoundException",
    body: '{"Type":"User","Message":"gone"}',
    scope: "EXECUTION",
  },
  {
    name: "conflict (409)",
    status: 409,
    type: "ResourceConflictException",
    body: '{"Type":"User","message":"busy"}',
    scope: "EXECUTION",
  },
  {
    name: "request too large (413)",
    status: 413,
    type: "RequestTooLargeException",
    body: '{"message":"big"}',
    scope: "EXECUTION",
  },
  {
    name: "throttled (429)",
    status: 429,
    type: "TooManyRequestsException",
    body: '{"Type":"User","message":"Rate exceeded","Reason":"ConcurrentInvocationLimitExceeded"}',
    scope: "INVOCATION",
  },
  {
    name: "service error (500)",
    status: 500,
    type: "ServiceException",
    body: '{"Type":"Service","Message":"internal"}',
    scope: "INVOCATION",
  },
  {
    name: "KMSAccessDenied (502)",
    status: 502,
    type: "KMSAccessDeniedException",
    body: '{"Type":"User","Message":"kms"}',
    scope: "EXECUTION",
  },
  {
    name: "KMSDisabled (502)",
    status: 502,
    type: "KMSDisabledException",
    body: '{"Message":"kms"}',
    scope: "EXECUTION",
  },
  {
    name: "KMSInvalidState (502)",
    status: 502,
    type: "KMSInvalidStateException",
    body: '{"Message":"kms"}',
    scope: "EXECUTION",
  },
  {
    name: "KMSNotFound (502)",
    status: 502,
    type: "KMSNotFoundException",
    body: '{"Message":"kms"}',
    scope: "EXECUTION",
  },
  {
    name: "other 502",
    status: 502,
    type: "EC2UnexpectedException",
    body: '{"Message":"ec2"}',
    scope: "INVOCATION",
  },
  { name: "unavailable without a body (503)", status: 503, body: "", scope: "INVOCATION" },
  { name: "gateway timeout (504)", status: 504, body: "", scope: "INVOCATION" },
];

describe("classifyTransportError (SDK.md §9.3)", () => {
  for (const c of SERVICE_CASES) {
    it(`${c.name} → ${c.scope}, for our error and the AWS SDK's`, async () => {
      const headers: Record<string, string> = c.type ? { "x-amzn-errortype": c.type } : {};
      const ours = parseLambdaServiceError(c.status, headers, c.body);
      expect(classifyTransportError(ours)).toBe(c.scope);

      const aws = await captureAwsClient(
        { region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } },
        { api: "checkpoint", input: { DurableExecutionArn: "arn", CheckpointToken: "t", ClientToken: "c" } },
        [{ status: c.status, body: c.body, headers }],
      );
      expect(aws.error).toBeDefined();
      expect(classifyTransportError(aws.error)).toBe(c.scope);
      // Same name, message and status as the real client reports.
      const awsError = aws.error as { name: string; message: string; $metadata: { httpStatusCode: number } };
      expect(ours.name).toBe(awsError.name);
      expect(ours.$metadata.httpStatusCode).toBe(awsError.$metadata.httpStatusCode);
      if (c.body !== "") expect(ours.message).toBe(awsError.message);
    });
  }

  it("an explicit DurableExecutionClientError scope wins over the HTTP status", () => {
    const execution = Object.assign(new DurableExecutionClientError("x", { scope: "EXECUTION" }), {
      $metadata: { httpStatusCode: 500 },
    });
    const invocation = Object.assign(new DurableExecutionClientError("x", { scope: "INVOCATION" }), {
      $metadata: { httpStatusCode: 400 },
    });
    expect(classifyTransportError(execution)).toBe("EXECUTION");
    expect(classifyTransportError(invocation)).toBe("INVOCATION");
    expect(classifyTransportError(new DurableExecutionClientError("default scope"))).toBe("INVOCATION");
  });

  it("recognises a DurableExecutionClientError from another copy of the SDK by its marker", () => {
    const foreign = Object.assign(new Error("x"), {
      isDurableExecutionClientError: true,
      scope: "EXECUTION",
      $metadata: { httpStatusCode: 503 },
    });
    expect(classifyTransportError(foreign)).toBe("EXECUTION");
  });

  it("network errors, timeouts and non-Error values are INVOCATION", () => {
    expect(classifyTransportError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe(
      "INVOCATION",
    );
    expect(classifyTransportError(new HttpTimeoutError("connect", 5000))).toBe("INVOCATION");
    expect(classifyTransportError("a string")).toBe("INVOCATION");
    expect(classifyTransportError(undefined)).toBe("INVOCATION");
    expect(classifyTransportError(null)).toBe("INVOCATION");
    expect(classifyTransportError({ $metadata: { httpStatusCode: "400" } })).toBe("INVOCATION");
  });

  it("a KMS name decides even without a status", () => {
    expect(classifyTransportError({ name: "KMSNotFoundException", message: "m" })).toBe("EXECUTION");
  });

  it("exposes its predicates", () => {
    const stale = parseLambdaServiceError(
      400,
      { "x-amzn-errortype": "InvalidParameterValueException" },
      '{"message":"Invalid Checkpoint Token"}',
    );
    expect(isInvalidCheckpointTokenError(stale)).toBe(true);
    expect(
      isInvalidCheckpointTokenError({
        name: "InvalidParameterValueException",
        message: "Invalid Checkpoint Token",
      }),
    ).toBe(false);
    expect(isKmsCustomerError({ name: "KMSDisabledException" })).toBe(true);
    expect(isKmsCustomerError({ name: "KMS" })).toBe(false);
  });
});
