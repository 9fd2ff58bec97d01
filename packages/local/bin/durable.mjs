#!/usr/bin/env node
// The `durable` command. Runs the built CLI when dist/ has it; otherwise runs the TypeScript sources in a
// child Node process with tsx and the "source" export condition (so workspace packages resolve to their
// sources too), forwarding arguments, stdio, signals and the exit code.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const built = new URL("../dist/cli/main.js", import.meta.url);
const source = new URL("../src/cli/main.ts", import.meta.url);

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", tsx, fileURLToPath(source), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => {
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
