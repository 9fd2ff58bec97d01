// Endpoint, region and credential resolution from options and the Lambda environment.
import { describe, expect, it } from "vitest";
import {
  credentialsFromEnvironment,
  hasEndpointOverride,
  lambdaTraceIdOf,
  LambdaTransportConfigError,
  resolveLambdaEndpoint,
  resolveRegion,
  signingRegionOf,
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

  it("picks the partition's DNS suffix and honours the FIPS and dual-stack switches", () => {
    const host = (region: string, env: Record<string, string> = {}) =>
      resolveLambdaEndpoint(undefined, region, env).hostname;
    expect(host("us-gov-west-1")).toBe("lambda.us-gov-west-1.amazonaws.com");
    expect(host("us-isob-east-1")).toBe("lambda.us-isob-east-1.sc2s.sgov.gov");
    expect(host("eu-west-1", { AWS_USE_DUALSTACK_ENDPOINT: "true" })).toBe("lambda.eu-west-1.api.aws");
    expect(host("us-east-1", { AWS_USE_FIPS_ENDPOINT: "true" })).toBe("lambda-fips.us-east-1.amazonaws.com");
    expect(host("us-east-1-fips")).toBe("lambda-fips.us-east-1.amazonaws.com");
  });

  it("rejects malformed switches and region names clearly", () => {
    expect(() => resolveLambdaEndpoint(undefined, "us-east-1", { AWS_USE_FIPS_ENDPOINT: "yes" })).toThrow(
      'AWS_USE_FIPS_ENDPOINT must be "true" or "false", received "yes"',
    );
    expect(() => resolveLambdaEndpoint(undefined, "us-east-1/../x", {})).toThrow(LambdaTransportConfigError);
  });

  it("ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", () => {
    const env = {
      AWS_ENDPOINT_URL_LAMBDA: "http://127.0.0.1:9001",
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
    };
    expect(resolveLambdaEndpoint(undefined, "us-east-1", env).hostname).toBe(
      "lambda.us-east-1.amazonaws.com",
    );
    expect(hasEndpointOverride(undefined, env)).toBe(false);
    expect(resolveLambdaEndpoint("http://127.0.0.1:9002", "us-east-1", env).port).toBe(9002);
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

describe("signingRegionOf", () => {
  it("maps FIPS pseudo-regions to the real region", () => {
    expect(signingRegionOf("eu-west-1")).toBe("eu-west-1");
    expect(signingRegionOf("fips-us-gov-west-1")).toBe("us-gov-west-1");
    expect(signingRegionOf("us-east-1-fips")).toBe("us-east-1");
    expect(signingRegionOf("aws-fips")).toBe("us-east-1");
  });
});

describe("lambdaTraceIdOf", () => {
  it("forwards the trace id only inside a Lambda function", () => {
    expect(lambdaTraceIdOf({ AWS_LAMBDA_FUNCTION_NAME: "f", _X_AMZN_TRACE_ID: "Root=1-a" })).toBe("Root=1-a");
    expect(lambdaTraceIdOf({ _X_AMZN_TRACE_ID: "Root=1-a" })).toBeUndefined();
    expect(lambdaTraceIdOf({ AWS_LAMBDA_FUNCTION_NAME: "f", _X_AMZN_TRACE_ID: "" })).toBeUndefined();
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
