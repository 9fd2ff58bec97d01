// The published shape of durable-lambda works for both module systems on this Node (20): the
// package is built with esbuild exactly as scripts/build-package.mjs does (ESM + CJS, dependencies
// external) into a temporary node_modules, then a 3-line handler is loaded with `import` and with
// `require` in a child process and run end to end: its checkpoints go over the built LambdaTransport
// (SigV4, lazily loaded signer) to a recording HTTP server. Also compares minified bundle sizes of
// that handler with the official SDK's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { spawn } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startRecordingServer, type RecordingServer } from "../transport/recording-server.js";
import { bundlePackage } from "../../../../scripts/bundle-package.mjs";

const SDK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const REPO_ROOT = resolve(SDK_ROOT, "../..");
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:double:$LATEST/durable-execution/run/0001";

let workDir: string;
let server: RecordingServer;

/** Builds packages/sdk with the repository's own bundler (scripts/bundle-package.mjs) into `outDir`. */
async function buildPackage(outDir: string): Promise<void> {
  await bundlePackage(SDK_ROOT, join(outDir, "dist"));
  copyFileSync(join(SDK_ROOT, "package.json"), join(outDir, "package.json"));
}

const HANDLER_BODY = `withDurableExecution(async (event, context) => context.step("double", async () => event.n * 2))`;

function runNode(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], {
      env: { PATH: process.env["PATH"] ?? "", ...env },
      cwd: workDir,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

const invocationScript = (load: string, handler = HANDLER_BODY) => `${load}
const handler = ${handler};
const event = {
  DurableExecutionArn: ${JSON.stringify(ARN)},
  CheckpointToken: "token-0",
  InitialExecutionState: { Operations: [{ Id: "exec", Type: "EXECUTION", Status: "STARTED",
    StartTimestamp: "2026-01-01T00:00:00.000Z", ExecutionDetails: { InputPayload: '{"n":21}' } }] },
};
handler(event, { functionName: "double", awsRequestId: "r1", getRemainingTimeInMillis: () => 60000 })
  .then((out) => console.log(JSON.stringify(out)), (e) => { console.error(e); process.exit(1); });
`;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "durable-lambda-formats-"));
  const modules = join(workDir, "node_modules");
  mkdirSync(join(modules, "durable-lambda"), { recursive: true });
  // Nothing but the built package: it has no runtime dependencies (@aws-sdk, linked below, is an optional peer).
  await buildPackage(join(modules, "durable-lambda"));
  symlinkSync(join(REPO_ROOT, "node_modules/@aws-sdk"), join(modules, "@aws-sdk"), "dir");
  const esmLoad = `import { withDurableExecution } from "durable-lambda";`;
  const cjsLoad = `const { withDurableExecution } = require("durable-lambda");`;
  writeFileSync(join(workDir, "esm-consumer.mjs"), invocationScript(esmLoad));
  writeFileSync(join(workDir, "cjs-consumer.cjs"), invocationScript(cjsLoad));
  // A durable operation called after an await inside a step, through the captured outer context.
  const misuse = `withDurableExecution(async (event, context) => context.step("outer", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return context.wait("inner", { seconds: 1 });
  }))`;
  writeFileSync(join(workDir, "esm-misuse.mjs"), invocationScript(esmLoad, misuse));
  writeFileSync(join(workDir, "cjs-misuse.cjs"), invocationScript(cjsLoad, misuse));
  // With the user's own LambdaClient: the adapter imports @aws-sdk/client-lambda at run time.
  const withClient = HANDLER_BODY.replace(
    /\)$/,
    `, { client: new LambdaClient({ endpoint: process.env.AWS_ENDPOINT_URL_LAMBDA, region: "eu-west-1" }) })`,
  );
  writeFileSync(
    join(workDir, "esm-client-consumer.mjs"),
    invocationScript(`${esmLoad}\nimport { LambdaClient } from "@aws-sdk/client-lambda";`, withClient),
  );
  writeFileSync(
    join(workDir, "cjs-client-consumer.cjs"),
    invocationScript(`${cjsLoad}\nconst { LambdaClient } = require("@aws-sdk/client-lambda");`, withClient),
  );
  let token = 0;
  server = await startRecordingServer(() => ({
    status: 200,
    body: JSON.stringify({ CheckpointToken: `token-${++token}`, NewExecutionState: { Operations: [] } }),
  }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the built package", () => {
  const env = () => ({
    AWS_ENDPOINT_URL_LAMBDA: server.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDBUILD",
    AWS_SECRET_ACCESS_KEY: "secret",
  });

  it.each([
    { format: "ESM (import)", file: "esm-consumer.mjs", region: "us-east-1" },
    { format: "CJS (require)", file: "cjs-consumer.cjs", region: "us-east-1" },
    {
      format: "ESM (import) with the user's LambdaClient",
      file: "esm-client-consumer.mjs",
      region: "eu-west-1",
    },
    {
      format: "CJS (require) with the user's LambdaClient",
      file: "cjs-client-consumer.cjs",
      region: "eu-west-1",
    },
  ])("$format runs a handler whose checkpoints are signed and sent", async ({ file, region }) => {
    const before = server.requests.length;
    const result = await runNode(file, env());
    // The AWS SDK warns about Node 20 on stderr; anything else there is a failure.
    expect(
      result.stderr.replace(/^\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?was created\)\n/, ""),
    ).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ Status: "SUCCEEDED", Result: "42" });
    const sent = server.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.url).toBe(
        `/2025-12-01/durable-executions/${encodeURIComponent(ARN).replace("$", "%24")}/checkpoint`,
      );
      expect(request.headers.find(([name]) => name === "authorization")?.[1]).toMatch(
        new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDBUILD/\\d{8}/${region}/lambda/aws4_request, `),
      );
    }
    const updates = sent.flatMap(
      (r) =>
        (JSON.parse(r.body.toString()) as { Updates?: Array<{ Action: string; Payload?: string }> })
          .Updates ?? [],
    );
    expect(updates.some((u) => u.Action === "SUCCEED" && u.Payload === "42")).toBe(true);
  });

  it.each(["esm-misuse.mjs", "cjs-misuse.cjs"])(
    "%s: misuse inside a step is detected in the minified bundle too",
    async (file) => {
      const result = await runNode(file, env());
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        Status: "FAILED",
        Error: { ErrorType: "ContextMisuseError", ErrorMessage: expect.stringContaining('Wait "inner"') },
      });
    },
  );

  it("has no runtime dependencies: the signer is bundled; node:http(s) load with the first request", () => {
    const pkg = JSON.parse(readFileSync(join(SDK_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg["dependencies"]).toBeUndefined();
    const dist = join(workDir, "node_modules/durable-lambda/dist");
    const esm = readFileSync(join(dist, "index.js"), "utf8");
    const cjs = readFileSync(join(dist, "index.cjs"), "utf8");
    for (const code of [esm, cjs]) {
      expect(code).toContain("AWS4-HMAC-SHA256");
      expect(code).not.toMatch(/(from|require\()\s*["']@smithy\//);
    }
    // node:http(s) load on the first request (an ES import of node:http reads all its exports: ~20 ms on Node 24).
    expect(esm).not.toMatch(/from\s*["']node:https?["']/);
    expect(esm).toMatch(/import\(\s*["']node:https["']\s*\)/);
    expect(cjs).not.toMatch(/^[^\n]*=\s*require\(["']node:https["']\)/m);
  });
});

describe("bundle size of a 3-line handler (esbuild, minified)", () => {
  // Each handler is bundled from the workspace's temporary node_modules (ours: the built package)
  // or the repository's (the official SDK and @aws-sdk/client-lambda, which it imports lazily).
  async function bundle(name: string, source: string): Promise<string> {
    const entry = join(workDir, `${name}-entry.mjs`);
    writeFileSync(entry, source);
    const outfile = join(workDir, `${name}-bundle.mjs`);
    await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      platform: "node",
      target: "node20",
      format: "esm",
      nodePaths: [join(REPO_ROOT, "node_modules")],
      outfile,
      logLevel: "silent",
    });
    return readFileSync(outfile, "utf8");
  }

  it("ours (transport and signer included) is smaller than the official SDK with its Lambda client", async () => {
    const ours = await bundle(
      "ours",
      `import { withDurableExecution } from "durable-lambda";\nexport const handler = ${HANDLER_BODY};\n`,
    );
    const official = await bundle(
      "official",
      `import { withDurableExecution } from "@aws/durable-execution-sdk-js";\nexport const handler = ${HANDLER_BODY};\n`,
    );
    const [oursBytes, officialBytes] = [Buffer.byteLength(ours), Buffer.byteLength(official)];
    console.info(
      `minified 3-line handler: durable-lambda ${oursBytes} B, @aws/durable-execution-sdk-js ${officialBytes} B`,
    );
    expect(oursBytes).toBeLessThan(officialBytes);
    // The AWS SDK is not pulled in: the LambdaClient adapter imports it at run time only.
    // (Lambda's model shape ids only occur in @aws-sdk/client-lambda.)
    expect(ours.includes("com.amazonaws.lambda#")).toBe(false);
    expect(official.includes("com.amazonaws.lambda#")).toBe(true);
  }, 60_000);
});
