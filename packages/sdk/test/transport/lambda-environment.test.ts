// Endpoint, region and credential resolution from options and the Lambda environment.
import { describe, expect, it } from "vitest";
import {
  credentialsFromEnvironment,
  hasEndpointOverride,
  LambdaTransportConfigError,
  resolveLambdaEndpoint,
  resolveRegion,
} from "../../src/checkpoint/lambda-environment.js";

describe("resolveLambdaEndpoint", () => {
  const env = { AWS_ENDPOINT_URL_LAMBDA: "http://127.0.0.1:9001", AWS_ENDPOINT_URL: "http://127.0.0.1:9002" };

  it("prefers the explicit endpoint, then AWS_ENDPOINT_URL_LAMBDA, then AWS_ENDPOINT_URL", () => {
    expect(resolveLambdaEndpoint("https://example.test:8443/base/", "us-east-1", env)).toEqual({
      protocol: "https:",
      hostname: "example.test",
      port: 8443,
      basePath: "/base",
    });
    expect(resolveLambdaEndpoint(undefined, "us-east-1", env).port).toBe(9001);
    expect(
      resolveLambdaEndpoint(undefined, "us-east-1", { AWS_ENDPOINT_URL: "http://127.0.0.1:9002/" }),
    ).toEqual({
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9002,
      basePath: "",
    });
  });

  it("treats empty values as unset", () => {
    expect(
      resolveLambdaEndpoint("", "eu-west-1", { AWS_ENDPOINT_URL_LAMBDA: "", AWS_ENDPOINT_URL: "" }).hostname,
    ).toBe("lambda.eu-west-1.amazonaws.com");
  });

  it("defaults to the regional HTTPS endpoint (China under .com.cn)", () => {
    expect(resolveLambdaEndpoint(undefined, "eu-central-1", {})).toEqual({
      protocol: "https:",
      hostname: "lambda.eu-central-1.amazonaws.com",
      port: undefined,
      basePath: "",
    });
    expect(resolveLambdaEndpoint(undefined, "cn-northwest-1", {}).hostname).toBe(
      "lambda.cn-northwest-1.amazonaws.com.cn",
    );
  });

  it("drops the scheme's default port", () => {
    expect(resolveLambdaEndpoint("https://example.test:443", "us-east-1", {}).port).toBeUndefined();
    expect(resolveLambdaEndpoint("http://example.test:80", "us-east-1", {}).port).toBeUndefined();
  });

  it("rejects a malformed or non-HTTP endpoint with a clear error", () => {
    expect(() => resolveLambdaEndpoint("127.0.0.1:9000", "us-east-1", {})).toThrow(
      LambdaTransportConfigError,
    );
    expect(() => resolveLambdaEndpoint(undefined, "us-east-1", { AWS_ENDPOINT_URL: "ftp://x" })).toThrow(
      /AWS_ENDPOINT_URL must use http or https/,
    );
  });

  it("knows when an override exists", () => {
    expect(hasEndpointOverride(undefined, {})).toBe(false);
    expect(hasEndpointOverride(undefined, { AWS_ENDPOINT_URL: "http://x" })).toBe(true);
    expect(hasEndpointOverride("http://x", {})).toBe(true);
  });
});

describe("resolveRegion", () => {
  it("prefers the option, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    expect(resolveRegion("a-1", { AWS_REGION: "b-1" }, false)).toBe("a-1");
    expect(resolveRegion(undefined, { AWS_REGION: "b-1", AWS_DEFAULT_REGION: "c-1" }, false)).toBe("b-1");
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: "c-1" }, false)).toBe("c-1");
  });

  it("uses us-east-1 for an overridden endpoint, and fails clearly otherwise", () => {
    expect(resolveRegion(undefined, {}, true)).toBe("us-east-1");
    expect(() => resolveRegion(undefined, {}, false)).toThrow(/No AWS region/);
  });
});

describe("credentialsFromEnvironment", () => {
  it("reads the three Lambda variables", () => {
    expect(
      credentialsFromEnvironment({
        AWS_ACCESS_KEY_ID: "a",
        AWS_SECRET_ACCESS_KEY: "s",
        AWS_SESSION_TOKEN: "t",
      }),
    ).toEqual({
      accessKeyId: "a",
      secretAccessKey: "s",
      sessionToken: "t",
    });
    expect(credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s" })).toEqual({
      accessKeyId: "a",
      secretAccessKey: "s",
    });
  });

  it("fails clearly without a key pair", () => {
    expect(() => credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: "a" })).toThrow(LambdaTransportConfigError);
    expect(() => credentialsFromEnvironment({})).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });
});
