// Cold start: a fresh Node process imports the built SDK (ESM bundle) and its default transport, runs a one-step
// handler, and sends its first CheckpointDurableExecution request to a stub endpoint. The figure is the time from
// the child's first line of JavaScript to the request's arrival at the stub (both on this machine's clock).
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SdkName } from "../lib/sdk.js";
import { median } from "../lib/stats.js";

const CHILD = `
const t0 = performance.timeOrigin + performance.now();
const { withDurableExecution } = await import(process.env.BENCH_SDK_URL);
const handler = withDurableExecution(async (_e, ctx) => ctx.step("one", async () => 1));
process.send?.({ t0 });
const out = await handler({
  DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:bench:$LATEST/durable-execution/cold/0001",
  CheckpointToken: "t0",
  InitialExecutionState: { Operations: [{ Id: "execution", Type: "EXECUTION", Status: "STARTED",
    StartTimestamp: new Date().toISOString(), ExecutionDetails: { InputPayload: "{}" } }] },
}, { awsRequestId: "r", getRemainingTimeInMillis: () => 60000 });
process.send?.({ out });
`;

async function oneColdStart(sdkUrl: string): Promise<number> {
  let arrival = 0;
  const server = createServer((req, res) => {
    if (arrival === 0 && req.url?.includes("/checkpoint"))
      arrival = performance.timeOrigin + performance.now();
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ CheckpointToken: "t1", NewExecutionState: { Operations: [] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), "cold-"));
  const script = join(dir, "child.mjs");
  writeFileSync(script, CHILD);
  let t0 = 0;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      env: {
        PATH: process.env["PATH"] ?? "",
        BENCH_SDK_URL: sdkUrl,
        AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${port}`,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIDBENCH",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_SESSION_TOKEN: "token",
        AWS_LAMBDA_FUNCTION_NAME: "bench",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    child.on("message", (m: any) => {
      if (typeof m?.t0 === "number") t0 = m.t0;
      if (m?.out && m.out.Status !== "SUCCEEDED")
        reject(new Error(`cold start run: ${JSON.stringify(m.out)}`));
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`cold start child exited ${code}`)),
    );
  });
  server.close();
  if (!arrival || !t0) throw new Error("no checkpoint request arrived");
  return arrival - t0;
}

/** Median ms from first line to first checkpoint request, over `runs` fresh processes (after one warm-up for the disk cache). */
export async function coldStart(
  sdk: SdkName,
  runs: number,
  ourBundle: string,
): Promise<Record<string, number>> {
  const url =
    sdk === "ours" ? pathToFileURL(ourBundle).href : import.meta.resolve("@aws/durable-execution-sdk-js");
  await oneColdStart(url);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await oneColdStart(url));
  return { ms: median(samples) };
}
