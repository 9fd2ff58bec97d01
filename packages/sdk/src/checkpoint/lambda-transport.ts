// The default transport: the two durable-execution APIs over SigV4-signed HTTP(S), byte for byte
// what @aws-sdk/client-lambda sends, without loading the AWS SDK (cold start).
import { randomUUID } from "node:crypto";
import type { DurableExecutionClient } from "./transport.js";
import type { DurableLogger } from "../types/logger-types.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire.js";
import {
  createFetchHttpSender,
  createNodeHttpSender,
  DEFAULT_HTTP_TIMEOUTS,
  type FetchLike,
  type HttpSender,
  type HttpTimeouts,
} from "./http.js";
import {
  credentialsFromEnvironment,
  hasEndpointOverride,
  lambdaTraceIdOf,
  resolveLambdaEndpoint,
  resolveRegion,
  signingRegionOf,
  type AwsCredentials,
  type AwsCredentialsProvider,
  type Environment,
  type LambdaEndpoint,
} from "./lambda-environment.js";
import {
  buildQueryString,
  decodeCheckpointResponse,
  decodeGetStateResponse,
  encodeCheckpointRequest,
  encodeGetStateRequest,
  type LambdaRestRequest,
} from "./lambda-rest-codec.js";
import { parseLambdaServiceError } from "./lambda-service-error.js";
import {
  callWithRetry,
  DEFAULT_RETRY_POLICY,
  REAL_RETRY_EFFECTS,
  type RetryEffects,
  type RetryPolicy,
} from "./retry-policy.js";
import { createLambdaRequestSigner, type RequestSigner } from "./sigv4.js";
import { logTransportFailure } from "./failure-logging.js";
import { SDK_VERSION } from "../invocation-input.js";

/**
 * Options of {@link LambdaTransport}; all optional inside Lambda, where the environment provides
 * region and credentials.
 */
export interface LambdaTransportOptions {
  /** Service URL; default `AWS_ENDPOINT_URL_LAMBDA`, then `AWS_ENDPOINT_URL`, else the regional endpoint. */
  endpoint?: string;
  /** Signing region; default `AWS_REGION`, then `AWS_DEFAULT_REGION`. */
  region?: string;
  /** Credentials or a provider; default the `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` variables. */
  credentials?: AwsCredentials | AwsCredentialsProvider;
  /** Send requests with this `fetch` instead of node:http(s). */
  fetch?: FetchLike;
  /** Retry bounds for 429/5xx/network failures (default: 3 attempts, AWS standard backoff). */
  retry?: Partial<RetryPolicy>;
  /** HTTP timeouts (default: connect 5 s, socket 50 s, request 55 s). */
  timeouts?: Partial<HttpTimeouts>;
}

/** Replaceable effects, for tests: environment, HTTP, timers, randomness, identifiers. */
export interface LambdaTransportEffects {
  env: Environment;
  send: HttpSender;
  retry: RetryEffects;
  /** Called once per API call for `amz-sdk-invocation-id`, then once more for a missing `ClientToken`. */
  randomUUID: () => string;
  /** Value of the signed `x-amz-user-agent` header. */
  userAgent: string;
}

/** `x-amz-user-agent` we send (the user agent is ours to choose; the AWS SDK sends its own). */
export const LAMBDA_TRANSPORT_USER_AGENT = `durable-lambda/${SDK_VERSION}`;

// One keep-alive connection pool per process, so warm invocations reuse connections.
let sharedNodeSender: HttpSender | undefined;

function defaultSender(options: LambdaTransportOptions): HttpSender {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
  if (options.fetch) return createFetchHttpSender(options.fetch, timeouts);
  if (options.timeouts) return createNodeHttpSender(timeouts);
  return (sharedNodeSender ??= createNodeHttpSender());
}

interface ResolvedTarget {
  endpoint: LambdaEndpoint;
  host: string;
  sign: RequestSigner;
}

/**
 * The default {@link DurableExecutionClient}: CheckpointDurableExecution and
 * GetDurableExecutionState over SigV4-signed HTTPS (HTTP for a local endpoint), retrying 429, 5xx
 * and network failures with backoff. Failures are thrown in the AWS SDK error shape
 * ({@link LambdaServiceError}), for `classifyTransportError`.
 *
 * @example
 * const client = new LambdaTransport({ endpoint: "http://127.0.0.1:9014" });
 * const { CheckpointToken } = await client.checkpoint({ DurableExecutionArn: arn, CheckpointToken: token, Updates: [] });
 */
export class LambdaTransport implements DurableExecutionClient {
  private readonly effects: LambdaTransportEffects;
  private readonly retryPolicy: RetryPolicy;
  private target: ResolvedTarget | undefined;

  constructor(
    private readonly options: LambdaTransportOptions = {},
    effects: Partial<LambdaTransportEffects> = {},
  ) {
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.effects = {
      env: effects.env ?? process.env,
      send: effects.send ?? defaultSender(options),
      retry: effects.retry ?? REAL_RETRY_EFFECTS,
      randomUUID: effects.randomUUID ?? randomUUID,
      userAgent: effects.userAgent ?? LAMBDA_TRANSPORT_USER_AGENT,
    };
  }

  /** Reads one page of the execution's operations. */
  async getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse> {
    const invocationId = this.effects.randomUUID();
    return this.call(
      "GetDurableExecutionState",
      logger,
      invocationId,
      () => encodeGetStateRequest(params),
      decodeGetStateResponse,
    );
  }

  /** Sends operation updates; retries reuse the request's `ClientToken`, so the service applies them once. */
  async checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse> {
    const invocationId = this.effects.randomUUID();
    return this.call(
      "CheckpointDurableExecution",
      logger,
      invocationId,
      () => encodeCheckpointRequest(params, params.ClientToken ?? this.effects.randomUUID()),
      decodeCheckpointResponse,
    );
  }

  private async call<T>(
    api: string,
    logger: DurableLogger | undefined,
    invocationId: string,
    encode: () => LambdaRestRequest,
    decode: (body: string) => T,
  ): Promise<T> {
    try {
      const target = this.resolveTarget();
      const rest = encode();
      return await this.sendWithRetry(target, rest, invocationId, decode);
    } catch (error) {
      logTransportFailure(logger, api, error);
      throw error;
    }
  }

  // Endpoint, region and signer are resolved on first use, so constructing the transport never throws.
  private resolveTarget(): ResolvedTarget {
    if (this.target) return this.target;
    const { env } = this.effects;
    const region = resolveRegion(this.options.region, env, hasEndpointOverride(this.options.endpoint, env));
    const endpoint = resolveLambdaEndpoint(this.options.endpoint, region, env);
    const credentials = this.options.credentials ?? (async () => credentialsFromEnvironment(env));
    const host = endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${endpoint.port}`;
    this.target = { endpoint, host, sign: createLambdaRequestSigner(signingRegionOf(region), credentials) };
    return this.target;
  }

  private sendWithRetry<T>(
    target: ResolvedTarget,
    rest: LambdaRestRequest,
    invocationId: string,
    decode: (body: string) => T,
  ): Promise<T> {
    const { endpoint } = target;
    const body = rest.body === undefined ? undefined : Buffer.from(rest.body, "utf8");
    const path = endpoint.basePath + rest.path;
    const queryString = buildQueryString(rest.query);
    const query = Object.fromEntries(rest.query);
    // Same headers, in the same order, as @aws-sdk/client-lambda (user-agent values are ours).
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(body.byteLength);
    }
    headers["x-amz-user-agent"] = this.effects.userAgent;
    headers["user-agent"] = userAgentOf(this.effects.userAgent, this.effects.env);
    headers["host"] = target.host;
    // Read per call: the Lambda runtime sets a new trace id for every invocation. Not signed.
    const traceId = lambdaTraceIdOf(this.effects.env);
    if (traceId !== undefined) headers["X-Amzn-Trace-Id"] = traceId;
    headers["amz-sdk-invocation-id"] = invocationId;
    const maxAttempts = this.retryPolicy.maxAttempts;

    return callWithRetry(
      async (attempt) => {
        const toSign = { ...headers, "amz-sdk-request": `attempt=${attempt}; max=${maxAttempts}` };
        const signedHeaders = await target.sign(
          {
            method: rest.method,
            protocol: endpoint.protocol,
            hostname: endpoint.hostname,
            port: endpoint.port,
            path,
            query,
            headers: toSign,
            body,
          },
          new Date(),
        );
        const response = await this.effects.send({
          method: rest.method,
          protocol: endpoint.protocol,
          hostname: endpoint.hostname,
          port: endpoint.port,
          path: queryString === "" ? path : `${path}?${queryString}`,
          headers: signedHeaders,
          body,
        });
        if (response.statusCode >= 200 && response.statusCode < 300) return decode(response.body);
        throw parseLambdaServiceError(response.statusCode, response.headers, response.body);
      },
      this.retryPolicy,
      this.effects.retry,
    );
  }
}

function userAgentOf(product: string, env: Environment): string {
  const executionEnv = env["AWS_EXECUTION_ENV"];
  return `${product} lang/js md/nodejs#${process.versions.node}${executionEnv ? ` exec-env/${executionEnv}` : ""}`;
}
