/**
 * What every `durable` command receives: its output streams, the environment and the service endpoint.
 * Commands write through this instead of `process.stdout` so the whole CLI can run inside a test or a host
 * program as well as from the `durable` binary.
 */
import { LambdaClient } from "@aws-sdk/client-lambda";

/** Where the CLI talks to when neither `--endpoint` nor DURABLE_ENDPOINT is given. */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:8787";

/** Output streams and environment of one CLI run. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** True when stderr is an interactive terminal (progress lines are redrawn in place). */
  interactive: boolean;
}

/** The context a command runs in. */
export interface CliContext {
  io: CliIo;
  /** The service URL the command talks to. */
  endpoint: string;
  /** A Lambda client for `endpoint`, created on first use. */
  client(): LambdaClient;
  /** Releases the client's connections so the process can exit. */
  close(): void;
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interactive: process.stderr.isTTY === true,
  };
}

/**
 * A context for `endpoint`. The client uses dummy credentials (the local service ignores signatures) and a
 * single attempt, so an unreachable service is reported at once instead of after retries.
 *
 * @example
 * ```ts
 * const ctx = cliContext(processIo(), "http://127.0.0.1:8787");
 * await ctx.client().send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
 * ```
 */
export function cliContext(io: CliIo, endpoint: string): CliContext {
  let client: LambdaClient | undefined;
  return {
    io,
    endpoint,
    client() {
      client ??= new LambdaClient({
        endpoint,
        region: io.env.AWS_REGION ?? "us-east-1",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        maxAttempts: 1,
      });
      return client;
    },
    close() {
      client?.destroy();
    },
  };
}
