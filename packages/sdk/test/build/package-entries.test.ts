// The package as scripts/build-package.mjs bundles it (via scripts/bundle-package.mjs): every entry of
// the exports map — "durable-lambda" and "durable-lambda/internal" — loads with `import` and with
// `require` in a plain Node process, runs, and shares its classes with the other entry (an error made by
// an internal function is an instance of the class the public entry exports), so the test kit built on
// both entries sees one SDK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundlePackage, packageEntries } from "../../../../scripts/bundle-package.mjs";

const SDK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const REPO_ROOT = resolve(SDK_ROOT, "../..");

let workDir: string;

function runNode(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], { env: { PATH: process.env["PATH"] ?? "" }, cwd: workDir });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

// Uses both entries: a map (public) over an accept-everything backend, an id hash and a guarded
// serialization (internal) whose error must be the public SerdesFailedError.
const consumerBody = `
const out = {};
out.id = internal.hashOperationId("1");
out.sameClass = await internal
  .serializeFor(sdk.defaultSerdes, () => 1, { describe: () => "step", context: { entityId: "1", durableExecutionArn: "a" } })
  .then(() => "no error", (e) => e instanceof sdk.SerdesFailedError);
// A service that accepts every checkpoint (the SDK needs nothing echoed to run new operations).
const backend = {
  checkpoint: async () => ({ CheckpointToken: "t", NewExecutionState: { Operations: [] } }),
  getExecutionState: async () => ({ Operations: [] }),
};
const event = {
  DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/e/1",
  CheckpointToken: "t0",
  InitialExecutionState: { Operations: [{ Id: "execution", Type: "EXECUTION", Status: "STARTED",
    StartTimestamp: new Date(0).toISOString(), ExecutionDetails: { InputPayload: '{"n":3}' } }] },
};
const handler = sdk.withDurableExecution(async (event, ctx) =>
  (await ctx.map("m", [1, 2, event.n], async (c, x) => c.step(async () => x * 2))).getResults(),
  { durableExecutionClient: backend });
out.result = await handler(event, { functionName: "f", awsRequestId: "r", getRemainingTimeInMillis: () => 60000 });
console.log(JSON.stringify(out));
`;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "durable-lambda-entries-"));
  const packageDir = join(workDir, "node_modules", "durable-lambda");
  mkdirSync(packageDir, { recursive: true });
  symlinkSync(join(REPO_ROOT, "node_modules/@smithy"), join(workDir, "node_modules/@smithy"), "dir");
  await bundlePackage(SDK_ROOT, join(packageDir, "dist"));
  copyFileSync(join(SDK_ROOT, "package.json"), join(packageDir, "package.json"));
  writeFileSync(
    join(workDir, "esm.mjs"),
    `import * as sdk from "durable-lambda";\nimport * as internal from "durable-lambda/internal";\n${consumerBody}`,
  );
  writeFileSync(
    join(workDir, "cjs.cjs"),
    `const sdk = require("durable-lambda");\nconst internal = require("durable-lambda/internal");\n(async () => {${consumerBody}})().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
}, 60_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the built entries of durable-lambda", () => {
  it("are the exports map's source entries", () => {
    expect(
      packageEntries({
        exports: { ".": { source: "./src/index.ts" }, "./internal": { source: "./src/internal.ts" } },
      }),
    ).toEqual([
      { name: "index", source: "./src/index.ts" },
      { name: "internal", source: "./src/internal.ts" },
    ]);
    expect(() => packageEntries({ exports: { "./package.json": "./package.json" } })).toThrow(/no entry/);
  });

  it.each([
    { format: "ESM (import)", file: "esm.mjs" },
    { format: "CJS (require)", file: "cjs.cjs" },
  ])("$format: both entries load, run and share one copy of the SDK", async ({ file }) => {
    const run = await runNode(file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      id: "c4ca4238a0b92382",
      sameClass: true,
      result: { Status: "SUCCEEDED", Result: "[2,4,6]" },
    });
  });
});
