// What the Lambda environment says about reaching the service: endpoint, region and credentials,
// read from the same variables the AWS SDK honours so the official SDK and ours reach the same
// backend (the real service, or the local service when it sets AWS_ENDPOINT_URL*).

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * AWS credentials used to sign requests.
 *
 * @example
 * const credentials: AwsCredentials = { accessKeyId: "AKID…", secretAccessKey: "…", sessionToken: "…" };
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** A function resolving credentials on demand (called before every signature). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** Thrown when the transport cannot be configured: no region, no credentials, bad endpoint URL. */
export class LambdaTransportConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LambdaTransportConfigError";
  }
}

/** Where requests go: protocol, host, optional port, and a path prefix without trailing slash. */
export interface LambdaEndpoint {
  protocol: "http:" | "https:";
  hostname: string;
  port: number | undefined;
  basePath: string;
}

function parseEndpoint(raw: string, source: string): LambdaEndpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LambdaTransportConfigError(
      `${source} must be an absolute http(s) URL, received ${JSON.stringify(raw)}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new LambdaTransportConfigError(`${source} must use http or https, received ${JSON.stringify(raw)}`);
  }
  return {
    protocol: url.protocol,
    // URL keeps IPv6 literals bracketed; the Host header and the socket want them that way too.
    hostname: url.hostname,
    // URL drops the scheme's default port, exactly as the AWS SDK's endpoint parsing does.
    port: url.port === "" ? undefined : Number(url.port),
    basePath: url.pathname.replace(/\/+$/, ""),
  };
}

/**
 * Resolves the endpoint: `explicit`, then `AWS_ENDPOINT_URL_LAMBDA`, then `AWS_ENDPOINT_URL`, else
 * `https://lambda.<region>.amazonaws.com`.
 *
 * @example
 * resolveLambdaEndpoint(undefined, "eu-west-1", { AWS_ENDPOINT_URL: "http://127.0.0.1:9014" });
 * // { protocol: "http:", hostname: "127.0.0.1", port: 9014, basePath: "" }
 */
export function resolveLambdaEndpoint(
  explicit: string | undefined,
  region: string,
  env: Environment,
): LambdaEndpoint {
  if (explicit !== undefined && explicit !== "") return parseEndpoint(explicit, "endpoint");
  const lambdaSpecific = env["AWS_ENDPOINT_URL_LAMBDA"];
  if (lambdaSpecific) return parseEndpoint(lambdaSpecific, "AWS_ENDPOINT_URL_LAMBDA");
  const global = env["AWS_ENDPOINT_URL"];
  if (global) return parseEndpoint(global, "AWS_ENDPOINT_URL");
  // China regions live under amazonaws.com.cn.
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return { protocol: "https:", hostname: `lambda.${region}.${suffix}`, port: undefined, basePath: "" };
}

/** True when some endpoint override is configured (explicitly or by environment). */
export function hasEndpointOverride(explicit: string | undefined, env: Environment): boolean {
  return Boolean(explicit || env["AWS_ENDPOINT_URL_LAMBDA"] || env["AWS_ENDPOINT_URL"]);
}

/**
 * Region for signing and the default endpoint: `explicit`, then `AWS_REGION`, then
 * `AWS_DEFAULT_REGION`. With an endpoint override and no region (a local service outside Lambda)
 * `us-east-1` is used, since the local service ignores signatures.
 *
 * @example
 * resolveRegion(undefined, { AWS_REGION: "eu-west-1" }, false); // "eu-west-1"
 */
export function resolveRegion(
  explicit: string | undefined,
  env: Environment,
  endpointOverridden: boolean,
): string {
  const region = explicit || env["AWS_REGION"] || env["AWS_DEFAULT_REGION"];
  if (region) return region;
  if (endpointOverridden) return "us-east-1";
  throw new LambdaTransportConfigError(
    "No AWS region: pass `region`, or set AWS_REGION (Lambda sets it for every function)",
  );
}

/**
 * Reads the function's credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
 * `AWS_SESSION_TOKEN` (set by Lambda for the execution role). Read per request, so a refreshed
 * environment is picked up.
 *
 * @example
 * const credentials = credentialsFromEnvironment(process.env);
 */
export function credentialsFromEnvironment(env: Environment): AwsCredentials {
  const accessKeyId = env["AWS_ACCESS_KEY_ID"];
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"];
  if (!accessKeyId || !secretAccessKey) {
    throw new LambdaTransportConfigError(
      "No AWS credentials: pass `credentials`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY " +
        "(Lambda sets them from the execution role)",
    );
  }
  const sessionToken = env["AWS_SESSION_TOKEN"];
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}
