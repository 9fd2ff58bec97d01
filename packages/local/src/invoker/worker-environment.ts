/**
 * The environment and the Lambda context fields a worker process sees, built like a Lambda execution
 * environment's: a clean environment (only a few host variables pass through), the function's own
 * variables, then the reserved AWS variables, which the function cannot override. The SDK in the worker
 * reaches the local service through AWS_ENDPOINT_URL_LAMBDA (the production path, over HTTP).
 */
import type { InvocationRequest } from "./invoker.js";
import type { WorkerContextFields } from "./worker-protocol.js";

/** Host variables a worker inherits: what Node and tooling need to run, nothing about the service. */
const INHERITED_VARIABLES = ["PATH", "HOME", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL", "TZ", "SystemRoot"];

/** Settings shared by every worker of one invoker. */
export interface WorkerEnvironmentSettings {
  region: string;
  accountId: string;
  memoryLimitInMB: number;
}

/** Lambda's log stream naming: `YYYY/MM/DD/[version]<32 hex>`, one stream per execution environment. */
export function logStreamName(version: string, instanceId: string, now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[${version}]${instanceId}`;
}

/**
 * The environment of a worker process for `req`'s function and version.
 *
 * @example
 * ```ts
 * fork(entry, [], { env: workerEnvironment(req, settings, logStream) });
 * ```
 */
export function workerEnvironment(
  req: Pick<InvocationRequest, "fn" | "version" | "serviceUrl">,
  settings: WorkerEnvironmentSettings,
  logStream: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  // Handlers' AWS clients would warn about the host's Node version in every invocation's log.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const logLevel = process.env.AWS_LAMBDA_LOG_LEVEL;
  if (logLevel !== undefined) env.AWS_LAMBDA_LOG_LEVEL = logLevel;
  Object.assign(env, req.fn.environment ?? {});
  // Reserved variables last: as in Lambda, a function's configuration cannot replace them.
  Object.assign(env, {
    AWS_ENDPOINT_URL_LAMBDA: req.serviceUrl,
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_ACCESS_KEY_ID: "AKIDLOCALDURABLE",
    AWS_SECRET_ACCESS_KEY: "local-durable-secret",
    AWS_SESSION_TOKEN: "local-durable-session",
    AWS_LAMBDA_FUNCTION_NAME: req.fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: req.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memoryLimitInMB),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${req.fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
  });
  return env;
}

/**
 * The ARN the handler was invoked through. For a durable invocation it is the prefix of the execution ARN
 * (`arn:…:function:<fn>:<version>/durable-execution/…`), so region and account match the service's.
 */
export function invokedFunctionArn(
  req: Pick<InvocationRequest, "fn" | "version" | "payload">,
  settings: WorkerEnvironmentSettings,
): string {
  const executionArn = (req.payload as { DurableExecutionArn?: unknown } | null | undefined)
    ?.DurableExecutionArn;
  if (typeof executionArn === "string") {
    const cut = executionArn.indexOf("/durable-execution/");
    if (cut > 0) return executionArn.slice(0, cut);
  }
  return `arn:aws:lambda:${settings.region}:${settings.accountId}:function:${req.fn.name}:${req.version}`;
}

/** The context fields for one invocation in a worker whose log stream is `logStream`. */
export function workerContextFields(
  req: InvocationRequest,
  settings: WorkerEnvironmentSettings,
  logStream: string,
): WorkerContextFields {
  return {
    awsRequestId: req.requestId,
    functionName: req.fn.name,
    functionVersion: req.version,
    invokedFunctionArn: invokedFunctionArn(req, settings),
    memoryLimitInMB: String(settings.memoryLimitInMB),
    logGroupName: `/aws/lambda/${req.fn.name}`,
    logStreamName: logStream,
    deadlineMs: req.deadlineMs,
  };
}
