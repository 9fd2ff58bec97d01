// Parsing restJson1 error responses into the AWS SDK error shape.
import { describe, expect, it } from "vitest";
import { LambdaServiceError, parseLambdaServiceError } from "../../src/checkpoint/lambda-service-error.js";

describe("parseLambdaServiceError", () => {
  it("takes the name from x-amzn-errortype, text before ':'", () => {
    const e = parseLambdaServiceError(
      400,
      {
        "x-amzn-errortype":
          "InvalidParameterValueException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      },
      '{"Type":"User","message":"Invalid Checkpoint Token: stale"}',
    );
    expect(e).toBeInstanceOf(LambdaServiceError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("InvalidParameterValueException");
    expect(e.message).toBe("Invalid Checkpoint Token: stale");
    expect(e.$fault).toBe("client");
    expect(e.$metadata).toEqual({ httpStatusCode: 400, requestId: undefined });
    expect(e["Type"]).toBe("User");
  });

  it("falls back to body code, then __type (text after '#')", () => {
    expect(parseLambdaServiceError(404, {}, '{"code":"ResourceNotFoundException","Message":"nf"}').name).toBe(
      "ResourceNotFoundException",
    );
    expect(parseLambdaServiceError(404, {}, '{"Code":"ResourceNotFoundException","Message":"nf"}').name).toBe(
      "ResourceNotFoundException",
    );
    const kms = parseLambdaServiceError(
      502,
      {},
      '{"__type":"com.amazonaws.lambda#KMSAccessDeniedException","Message":"denied"}',
    );
    expect(kms.name).toBe("KMSAccessDeniedException");
    expect(kms.message).toBe("denied");
    expect(kms.$fault).toBe("server");
  });

  it("the header wins over the body", () => {
    expect(parseLambdaServiceError(400, { "x-amzn-errortype": "A" }, '{"__type":"B","code":"C"}').name).toBe(
      "A",
    );
  });

  it("prefers 'message' to 'Message' and keeps the other members", () => {
    const e = parseLambdaServiceError(
      429,
      { "x-amzn-errortype": "TooManyRequestsException", "retry-after": "3" },
      '{"message":"m1","Message":"m2","Reason":"CallerRateLimitExceeded"}',
    );
    expect(e.message).toBe("m1");
    expect(e["Reason"]).toBe("CallerRateLimitExceeded");
    expect(e.retryAfterSeconds).toBe(3);
  });

  it("ignores a Retry-After that is not a number of seconds", () => {
    const e = parseLambdaServiceError(429, { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" }, "");
    expect(e.retryAfterSeconds).toBeUndefined();
  });

  it("names an error without any code 'Unknown', with a message that says what happened", () => {
    const empty = parseLambdaServiceError(503, {}, "");
    expect(empty.name).toBe("Unknown");
    expect(empty.message).toBe("HTTP 503 Unknown without a message");
    const html = parseLambdaServiceError(502, {}, "<html>Bad Gateway</html>");
    expect(html.name).toBe("Unknown");
    expect(html.message).toContain("non-JSON body: <html>Bad Gateway</html>");
    expect(parseLambdaServiceError(500, {}, "[1,2]").name).toBe("Unknown");
  });

  it("body members cannot overwrite the fields classification reads", () => {
    const e = parseLambdaServiceError(
      400,
      { "x-amzn-errortype": "InvalidParameterValueException", "x-amzn-requestid": "rid" },
      '{"name":"Evil","$metadata":{"httpStatusCode":500},"$fault":"server","message":"real"}',
    );
    expect(e.name).toBe("InvalidParameterValueException");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toBe("rid");
    expect(e.$fault).toBe("client");
    expect(e.message).toBe("real");
  });
});
