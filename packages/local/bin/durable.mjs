#!/usr/bin/env node
// The `durable` command. Runs the built CLI when dist/ has it; otherwise runs the TypeScript sources in this
// process: tsx's loader plus a resolve hook that adds the "source" export condition, so workspace packages
// resolve to their sources too (what `node --conditions=source --import tsx` does for a child process).
import { existsSync } from "node:fs";
import * as nodeModule from "node:module";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/cli/main.js", import.meta.url);
const source = new URL("../src/cli/main.ts", import.meta.url);

const SOURCE_CONDITION_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    "export async function resolve(specifier, context, next) {" +
      "  const conditions = context.conditions.includes('source') ? context.conditions : [...context.conditions, 'source'];" +
      "  return next(specifier, { ...context, conditions });" +
      "}",
  );

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else if (typeof nodeModule.register === "function") {
  nodeModule.register(SOURCE_CONDITION_HOOK);
  const { register: registerTsx } = await import("tsx/esm/api");
  registerTsx();
  await import(source.href);
} else {
  // Node without module.register (< 20.6): run the sources in a child process with the same flags.
  const { spawn } = await import("node:child_process");
  const tsx = nodeModule.createRequire(import.meta.url).resolve("tsx");
  const child = spawn(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      new URL(`file://${tsx}`).href,
      fileURLToPath(source),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
