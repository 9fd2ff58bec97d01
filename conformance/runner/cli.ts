/**
 * `npm run conformance` — runs the official conformance requirements against the local service.
 *
 * Options: `--requirements DIR` (default `<repo>/../shared/conformance/requirements`), `--handlers DIR`
 * (default `conformance/handlers`), `--suite S` and `--id ID` (repeatable), `--time virtual|real` (default
 * virtual), `--concurrency N` (default 4), `--results DIR` (default `conformance/results`).
 *
 * @example
 * npm run conformance -- --suite step --id 1-1 --time real
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { anyFailed, formatOutcome, summaryLine } from "./report.js";
import { runConformance } from "./run-conformance.js";

const conformanceDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = resolve(conformanceDir, "..");

class UsageError extends Error {}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} expects a positive integer, received ${JSON.stringify(text)}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requirements: { type: "string" },
      handlers: { type: "string" },
      suite: { type: "string", multiple: true },
      id: { type: "string", multiple: true },
      time: { type: "string", default: "virtual" },
      concurrency: { type: "string", default: "4" },
      results: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    console.log(
      "usage: npm run conformance -- [--requirements DIR] [--handlers DIR] [--suite S]... [--id ID]... " +
        "[--time virtual|real] [--concurrency N] [--results DIR]",
    );
    return 0;
  }
  if (values.time !== "virtual" && values.time !== "real") {
    throw new UsageError(`--time expects virtual or real, received ${JSON.stringify(values.time)}`);
  }
  const requirementsDir = resolve(
    values.requirements ?? resolve(repoRoot, "../shared/conformance/requirements"),
  );
  const started = Date.now();
  const result = await runConformance({
    requirementsDir,
    handlersDir: resolve(values.handlers ?? resolve(conformanceDir, "handlers")),
    targetsDir: resolve(conformanceDir, "targets"),
    suites: values.suite ?? [],
    ids: values.id ?? [],
    time: values.time,
    concurrency: positiveInt("concurrency", values.concurrency),
    resultsDir: resolve(values.results ?? resolve(conformanceDir, "results")),
    onOutcome: (o) => console.log(formatOutcome(o).join("\n")),
  });
  if (result.kind === "absent") {
    console.log(
      `Conformance requirements not found at ${result.requirementsDir}: skipping the conformance run.`,
    );
    return 0;
  }
  if (result.outcomes.length === 0) {
    throw new UsageError(`no requirement in ${requirementsDir} matches the selected --suite/--id`);
  }
  console.log(
    `(${result.outcomes.length} requirements, ${values.time} time, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(summaryLine(result.outcomes));
  return anyFailed(result.outcomes) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`conformance: ${(e as Error).message}`);
      process.exitCode = 2;
      return;
    }
    console.error(e);
    process.exitCode = 1;
  },
);
