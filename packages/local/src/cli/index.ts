/**
 * The `durable` command line: runs the local service (`dev`) and talks to a running one through the real
 * AWS Lambda client (`invoke`, `executions`, `history`, `callback`, `stop`).
 *
 * The service URL comes from `--endpoint`, then DURABLE_ENDPOINT, then http://127.0.0.1:8787. Errors are one
 * line on stderr: exit code 2 for bad arguments, 1 for everything else.
 *
 * @example
 * ```ts
 * import { runCli } from "./cli/index.js";
 * process.exitCode = await runCli(["invoke", "orders", "--payload", '{"id":1}']);
 * ```
 */
import { CliUsageError, describeCliError } from "./cli-error.js";
import { cliContext, DEFAULT_ENDPOINT, processIo, type CliContext, type CliIo } from "./cli-context.js";
import { CALLBACK_USAGE, callbackCommand } from "./commands/callback.js";
import { EXECUTIONS_USAGE, executionsCommand } from "./commands/executions.js";
import { HISTORY_USAGE, historyCommand } from "./commands/history.js";
import { DEV_USAGE } from "./commands/dev-usage.js";
import { INVOKE_USAGE, invokeCommand } from "./commands/invoke.js";
import { STOP_USAGE, stopCommand } from "./commands/stop.js";

interface Command {
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  dev: {
    usage: DEV_USAGE,
    summary: "run the local durable service with your handler modules",
    // Loaded on demand: only `dev` needs the service itself; the other commands are thin API clients.
    run: async (args, ctx) => (await import("./commands/dev.js")).devCommand(args, ctx),
  },
  invoke: { usage: INVOKE_USAGE, summary: "start an execution and wait for its result", run: invokeCommand },
  executions: { usage: EXECUTIONS_USAGE, summary: "list a function's executions", run: executionsCommand },
  history: { usage: HISTORY_USAGE, summary: "show or export an execution's history", run: historyCommand },
  callback: { usage: CALLBACK_USAGE, summary: "complete or heartbeat a callback", run: callbackCommand },
  stop: { usage: STOP_USAGE, summary: "stop a running execution", run: stopCommand },
};

function helpText(): string {
  const lines = ["Usage: durable <command> [options] [--endpoint URL]", "", "Commands:"];
  for (const [name, command] of Object.entries(COMMANDS))
    lines.push(`  ${name.padEnd(11)}${command.summary}`);
  lines.push("", "Usage of each command:");
  for (const command of Object.values(COMMANDS)) lines.push(`  ${command.usage}`);
  lines.push(
    "",
    `The service URL is --endpoint, else $DURABLE_ENDPOINT, else ${DEFAULT_ENDPOINT}.`,
    "Exit codes: 0 ok, 1 error or unsuccessful execution, 2 bad arguments.",
  );
  return `${lines.join("\n")}\n`;
}

/** Removes `--endpoint URL` / `--endpoint=URL` wherever it appears; every command accepts it. */
function takeEndpoint(argv: string[]): { args: string[]; endpoint: string | undefined } {
  const args: string[] = [];
  let endpoint: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      args.push(...argv.slice(i));
      break;
    }
    if (arg === "--endpoint") {
      endpoint = argv[i + 1];
      if (endpoint === undefined || endpoint.startsWith("--"))
        throw new CliUsageError("--endpoint needs a URL");
      i += 1;
    } else if (arg.startsWith("--endpoint=")) {
      endpoint = arg.slice("--endpoint=".length);
    } else {
      args.push(arg);
    }
  }
  return { args, endpoint };
}

function validateEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CliUsageError(`endpoint "${endpoint}" is not a URL (expected e.g. ${DEFAULT_ENDPOINT})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliUsageError(`endpoint "${endpoint}" must be an http:// or https:// URL`);
  }
  return endpoint.replace(/\/+$/, "");
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(["history", arn, "--json"]);
 * ```
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let endpoint = io.env.DURABLE_ENDPOINT ?? DEFAULT_ENDPOINT;
  let ctx: CliContext | undefined;
  try {
    const taken = takeEndpoint(argv);
    endpoint = validateEndpoint(taken.endpoint ?? endpoint);
    const [name, ...rest] = taken.args;
    if (name === undefined) {
      io.stderr(helpText());
      return 2;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout(helpText());
      return 0;
    }
    const command = COMMANDS[name];
    if (command === undefined) {
      throw new CliUsageError(`unknown command "${name}"; run \`durable --help\` for the list`);
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(`Usage: ${command.usage}\n`);
      return 0;
    }
    ctx = cliContext(io, endpoint);
    return await command.run(rest, ctx);
  } catch (error) {
    io.stderr(`durable: ${describeCliError(error, endpoint)}\n`);
    return error instanceof CliUsageError ? 2 : 1;
  } finally {
    ctx?.close();
  }
}
