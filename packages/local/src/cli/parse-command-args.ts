/**
 * `node:util` parseArgs with the CLI's conventions: strict options, positionals allowed, and parse failures
 * turned into `CliUsageError`s that name the command's usage.
 */
import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliUsageError } from "./cli-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What `parseArgs` returns for a command's options (strict, positionals allowed). */
export type ParsedCommandArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * Parses `args` for a command whose usage line is `usage`.
 *
 * @example
 * ```ts
 * const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } }, "durable history <arn> [--json]");
 * ```
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(
      `${(error as Error).message.split("\n")[0] ?? "invalid arguments"} (usage: ${usage})`,
    );
  }
}

/** The positional at `index`, or a usage error naming what is missing. */
export function requirePositional(positionals: string[], index: number, what: string, usage: string): string {
  const value = positionals[index];
  if (value === undefined || value === "") throw new CliUsageError(`missing ${what} (usage: ${usage})`);
  return value;
}

/** Rejects positionals beyond the `expected` count. */
export function rejectExtraPositionals(positionals: string[], expected: number, usage: string): void {
  if (positionals.length > expected) {
    throw new CliUsageError(`unexpected argument "${positionals[expected] ?? ""}" (usage: ${usage})`);
  }
}

/** Parses a JSON option value, naming the option when the text is not JSON. */
export function parseJsonOption(text: string, option: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`--${option} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The text of a payload option: the value itself, or with a leading `@` the contents of that file
 * (`--payload @event.json`), as the AWS CLI's `file://` does.
 */
export function payloadOptionText(value: string, option: string): string {
  if (!value.startsWith("@")) return value;
  const path = value.slice(1);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliUsageError(
      `cannot read --${option} file "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
