// Helpers for driving the `durable` binary as a child process in tests.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const DURABLE_BIN = fileURLToPath(new URL("../../bin/durable.mjs", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `durable <args>` to completion. */
export function runDurable(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawnDurable(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `durable <args>` and leaves it running. */
export function spawnDurable(args: string[], env: Record<string, string> = {}): ChildProcess {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  if (env.DURABLE_ENDPOINT === undefined) delete childEnv.DURABLE_ENDPOINT;
  return spawn(process.execPath, [DURABLE_BIN, ...args], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Resolves with the accumulated text once `pattern` matches it; rejects if the stream ends first. */
export function waitForOutput(
  stream: NodeJS.ReadableStream | null,
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    if (stream === null) return reject(new Error("no stream"));
    let text = "";
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match !== null) {
        stream.off("data", onData);
        resolve(match);
      }
    };
    stream.on("data", onData);
    stream.on("end", () => reject(new Error(`stream ended before ${pattern}; output:\n${text}`)));
  });
}
