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

// DNS suffixes per AWS partition (region pattern → plain / dual-stack suffix), as the AWS SDK's
// partition table has them; any other region is in the commercial partition.
const PARTITIONS: ReadonlyArray<{ pattern: RegExp; dnsSuffix: string; dualStackDnsSuffix: string }> = [
  {
    pattern: /^cn-\w+-\d+$/,
    dnsSuffix: "amazonaws.com.cn",
    dualStackDnsSuffix: "api.amazonwebservices.com.cn",
  },
  { pattern: /^eusc-de-\w+-\d+$/, dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu" },
  { pattern: /^us-iso-\w+-\d+$/, dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov" },
  { pattern: /^us-isob-\w+-\d+$/, dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud" },
  { pattern: /^eu-isoe-\w+-\d+$/, dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk" },
  { pattern: /^us-isof-\w+-\d+$/, dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov" },
  { pattern: /^us-gov-\w+-\d+$/, dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
];
const COMMERCIAL = { dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" };

/** A `"true"`/`"false"` environment variable; absent is `undefined`, anything else a config error. */
function booleanFromEnvironment(env: Environment, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new LambdaTransportConfigError(
    `${name} must be "true" or "false", received ${JSON.stringify(value)}`,
  );
}

// "fips-us-east-1" / "us-east-1-fips" are pseudo-regions: the real region, with the FIPS endpoint.
function isFipsPseudoRegion(region: string): boolean {
  return region.startsWith("fips-") || region.endsWith("-fips");
}

/**
 * The region a request is signed for: the region itself, or the real region behind a FIPS
 * pseudo-region.
 *
 * @example
 * signingRegionOf("fips-us-gov-west-1"); // "us-gov-west-1"
 */
export function signingRegionOf(region: string): string {
  if (!isFipsPseudoRegion(region)) return region;
  if (region === "fips-aws-global" || region === "aws-fips") return "us-east-1";
  return region.replace(/fips-(dkr-|prod-)?|-fips/, "");
}

// The endpoint URL configured through the environment, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS.
function configuredEndpoint(env: Environment): { url: string; source: string } | undefined {
  if (booleanFromEnvironment(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) return undefined;
  for (const source of ["AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL"]) {
    const url = env[source];
    if (url) return { url, source };
  }
  return undefined;
}

function regionalEndpoint(region: string, env: Environment): LambdaEndpoint {
  const realRegion = signingRegionOf(region);
  if (!/^[a-z0-9-]+$/.test(realRegion)) {
    throw new LambdaTransportConfigError(
      `region must be a region name like "us-east-1", received ${JSON.stringify(region)}`,
    );
  }
  const fips = isFipsPseudoRegion(region) || booleanFromEnvironment(env, "AWS_USE_FIPS_ENDPOINT") === true;
  const dualStack = booleanFromEnvironment(env, "AWS_USE_DUALSTACK_ENDPOINT") === true;
  const partition = PARTITIONS.find((p) => p.pattern.test(realRegion)) ?? COMMERCIAL;
  const suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
  return {
    protocol: "https:",
    hostname: `${fips ? "lambda-fips" : "lambda"}.${realRegion}.${suffix}`,
    port: undefined,
    basePath: "",
  };
}

/**
 * Resolves the endpoint as the AWS SDK does: `explicit`, then `AWS_ENDPOINT_URL_LAMBDA`, then
 * `AWS_ENDPOINT_URL` (both skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), else the
 * regional endpoint of the region's partition, honouring `AWS_USE_FIPS_ENDPOINT` and
 * `AWS_USE_DUALSTACK_ENDPOINT`.
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
  const configured = configuredEndpoint(env);
  if (configured) return parseEndpoint(configured.url, configured.source);
  return regionalEndpoint(region, env);
}

/** True when some endpoint override is configured (explicitly or by environment). */
export function hasEndpointOverride(explicit: string | undefined, env: Environment): boolean {
  return Boolean(explicit) || configuredEndpoint(env) !== undefined;
}

/**
 * The X-Ray trace header the AWS SDK forwards from inside Lambda (`_X_AMZN_TRACE_ID` while
 * `AWS_LAMBDA_FUNCTION_NAME` is set), so service calls join the invocation's trace.
 *
 * @example
 * lambdaTraceIdOf(process.env); // "Root=1-…;Parent=…;Sampled=1" inside Lambda, else undefined
 */
export function lambdaTraceIdOf(env: Environment): string | undefined {
  const traceId = env["_X_AMZN_TRACE_ID"];
  return env["AWS_LAMBDA_FUNCTION_NAME"] && traceId ? traceId : undefined;
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
