import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/index.js";
import type { CliIo } from "../../src/cli/cli-context.js";
import { runDurable } from "./cli-helpers.js";

const BAD_JSON_FILE = join(mkdtempSync(join(tmpdir(), "durable-cli-usage-")), "bad.json");
writeFileSync(BAD_JSON_FILE, "{not json");

function memoryIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    env,
    interactive: false,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("durable CLI argument handling", () => {
  it("prints help with --help and exits 0", async () => {
    const io = memoryIo();
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: durable <command>");
    for (const command of ["dev", "invoke", "executions", "history", "callback", "stop"]) {
      expect(io.out).toContain(`durable ${command}`);
    }
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["invoke"], /missing function name \(usage: durable invoke/],
    [["invoke", "fn", "--payload", "{not json"], /--payload is not valid JSON/],
    [["invoke", "fn", "--bogus"], /Unknown option '--bogus'/],
    [
      ["invoke", "fn", "--payload", "@/no/such/event.json"],
      /cannot read --payload file "\/no\/such\/event.json": ENOENT/,
    ],
    [["invoke", "fn", "--payload", `@${BAD_JSON_FILE}`], /--payload is not valid JSON/],
    [["history"], /missing execution ARN/],
    [["callback", "explode", "abc"], /unknown callback action "explode"/],
    [["callback", "succeed", "abc", "--error", "x"], /--error does not apply to "callback succeed"/],
    [["callback", "fail", "abc", "--error", "{bad"], /--error looks like JSON but does not parse/],
    [["callback", "fail", "abc", "--error", '{"Nope":"x"}'], /unknown field\(s\) Nope/],
    [["executions", "fn", "--status", "DONE"], /unknown status "DONE"/],
    [["executions", "fn", "--limit", "0"], /--limit must be a positive integer/],
    [["stop", "a", "b"], /unexpected argument "b"/],
    [["stop", "arn", "--endpoint", "ftp://x"], /must be an http:\/\/ or https:\/\/ URL/],
    [["dev"], /missing handler module/],
    [["dev", "/no/such/handler.ts"], /handler module not found/],
    [["dev", "x.ts", "--port", "99999"], /--port must be an integer from 0 to 65535/],
  ])("rejects %j with one clear line and exit code 2", async (argv, message) => {
    const io = memoryIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err.trimEnd().split("\n")).toHaveLength(1);
    expect(io.out).toBe("");
  });

  it("reports an unreachable service in one line with exit code 1 (binary, DURABLE_ENDPOINT)", async () => {
    const port = await closedPort();
    const run = await runDurable(["executions", "fn"], { DURABLE_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `durable: cannot reach the durable service at http://127.0.0.1:${port} (ECONNREFUSED); start it with \`durable dev <module>\` or pass --endpoint\n`,
    );
  });

  it("lets --endpoint override DURABLE_ENDPOINT", async () => {
    const port = await closedPort();
    const io = memoryIo({ DURABLE_ENDPOINT: "http://127.0.0.1:1" });
    expect(await runCli(["history", "arn:x", `--endpoint=http://127.0.0.1:${port}/`], io)).toBe(1);
    expect(io.err).toContain(`at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });
});
