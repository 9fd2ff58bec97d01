// Encoding of paths, queries and bodies, and decoding of responses.
import { describe, expect, it } from "vitest";
import {
  buildQueryString,
  decodeCheckpointResponse,
  decodeGetStateResponse,
  encodeCheckpointRequest,
  encodeGetStateRequest,
  LambdaRequestEncodingError,
  LambdaResponseDecodingError,
  percentEncode,
} from "../../src/checkpoint/lambda-rest-codec.js";

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-fn:$LATEST/durable-execution/name_1/id-2";

describe("percentEncode", () => {
  it("fully encodes an execution ARN as one path label", () => {
    expect(percentEncode(ARN)).toBe(
      "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn%3A%24LATEST%2Fdurable-execution%2Fname_1%2Fid-2",
    );
  });

  it("encodes base64 characters and the sub-delims encodeURIComponent keeps", () => {
    expect(percentEncode("a+b/c=")).toBe("a%2Bb%2Fc%3D");
    expect(percentEncode("!'()*")).toBe("%21%27%28%29%2A");
    expect(percentEncode("-_.~ AZaz09")).toBe("-_.~%20AZaz09");
    expect(percentEncode("ü€")).toBe("%C3%BC%E2%82%AC");
  });

  it("builds query strings in the given order", () => {
    expect(
      buildQueryString([
        ["CheckpointToken", "a+b"],
        ["Marker", "x y"],
        ["MaxItems", "5"],
      ]),
    ).toBe("CheckpointToken=a%2Bb&Marker=x%20y&MaxItems=5");
    expect(buildQueryString([])).toBe("");
  });
});

describe("encodeCheckpointRequest", () => {
  it("writes members in model order, drops nulls and unknown members, keeps the given ClientToken", () => {
    const encoded = encodeCheckpointRequest(
      {
        ClientToken: "given",
        Updates: [{ Payload: "p", Action: "SUCCEED", Type: "STEP", Id: "1", Name: null, Extra: 1 } as any],
        CheckpointToken: "t",
        DurableExecutionArn: ARN,
      },
      "unused",
    );
    expect(encoded.method).toBe("POST");
    expect(encoded.path).toBe(`/2025-12-01/durable-executions/${percentEncode(ARN)}/checkpoint`);
    expect(encoded.query).toEqual([]);
    expect(encoded.body).toBe(
      '{"CheckpointToken":"t","Updates":[{"Id":"1","Type":"STEP","Action":"SUCCEED","Payload":"p"}],"ClientToken":"given"}',
    );
  });

  it("fills a missing ClientToken and keeps an empty one", () => {
    expect(encodeCheckpointRequest({ DurableExecutionArn: ARN, CheckpointToken: "t" }, "uuid").body).toBe(
      '{"CheckpointToken":"t","ClientToken":"uuid"}',
    );
    expect(
      encodeCheckpointRequest({ DurableExecutionArn: ARN, CheckpointToken: "t", ClientToken: "" }, "uuid")
        .body,
    ).toBe('{"CheckpointToken":"t","ClientToken":""}');
  });

  it("rejects a missing ARN or token with a typed error", () => {
    expect(() =>
      encodeCheckpointRequest({ DurableExecutionArn: undefined, CheckpointToken: "t" }, "u"),
    ).toThrow(LambdaRequestEncodingError);
    expect(() => encodeCheckpointRequest({ DurableExecutionArn: "", CheckpointToken: "t" }, "u")).toThrow(
      /must not be empty/,
    );
    expect(() =>
      encodeCheckpointRequest({ DurableExecutionArn: ARN, CheckpointToken: undefined }, "u"),
    ).toThrow("CheckpointDurableExecution: CheckpointToken must be a string, received undefined");
  });
});

describe("encodeGetStateRequest", () => {
  it("puts CheckpointToken, Marker and MaxItems in the query, in that order", () => {
    const encoded = encodeGetStateRequest({
      MaxItems: 0,
      Marker: "",
      CheckpointToken: "t",
      DurableExecutionArn: ARN,
    });
    expect(encoded).toEqual({
      method: "GET",
      path: `/2025-12-01/durable-executions/${percentEncode(ARN)}/state`,
      query: [
        ["CheckpointToken", "t"],
        ["Marker", ""],
        ["MaxItems", "0"],
      ],
    });
    expect(encodeGetStateRequest({ CheckpointToken: "t", DurableExecutionArn: ARN }).query).toEqual([
      ["CheckpointToken", "t"],
    ]);
  });
});

describe("decoding responses", () => {
  it("turns epoch seconds into Dates (millisecond rounding) and leaves other timestamp forms to the reader", () => {
    const page = decodeGetStateResponse(
      JSON.stringify({
        Operations: [
          {
            Id: "a",
            StartTimestamp: 1.0005,
            EndTimestamp: 2,
            StepDetails: { NextAttemptTimestamp: 3.25, Attempt: 1 },
          },
          { Id: "b", StartTimestamp: "2025-01-01T00:00:00Z", WaitDetails: { ScheduledEndTimestamp: 4 } },
        ],
      }),
    );
    const [a, b] = page.Operations!;
    expect(a!.StartTimestamp).toEqual(new Date(1001));
    expect(a!.EndTimestamp).toEqual(new Date(2000));
    expect(a!.StepDetails).toEqual({ NextAttemptTimestamp: new Date(3250), Attempt: 1 });
    expect(b!.StartTimestamp).toBe("2025-01-01T00:00:00Z");
    expect(b!.WaitDetails?.ScheduledEndTimestamp).toEqual(new Date(4000));
    expect(page.NextMarker).toBeUndefined();
  });

  it("decodes a checkpoint response, tolerating an empty body", () => {
    expect(
      decodeCheckpointResponse(
        '{"CheckpointToken":"t","NewExecutionState":{"Operations":[],"NextMarker":"m"}}',
      ),
    ).toEqual({
      CheckpointToken: "t",
      NewExecutionState: { Operations: [], NextMarker: "m" },
    });
    expect(decodeCheckpointResponse("")).toEqual({ NewExecutionState: undefined });
  });

  it("rejects bodies that are not the promised object", () => {
    expect(() => decodeGetStateResponse("<html>")).toThrow(LambdaResponseDecodingError);
    expect(() => decodeGetStateResponse("[]")).toThrow(/expected a JSON object/);
    expect(() => decodeGetStateResponse('{"Operations":{}}')).toThrow(/Operations must be a list/);
    expect(() => decodeCheckpointResponse('{"NewExecutionState":{"Operations":[1]}}')).toThrow(
      /not an object/,
    );
  });
});
