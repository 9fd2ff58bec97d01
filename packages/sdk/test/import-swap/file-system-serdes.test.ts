// The file-system serdes across SDKs, end to end: handlers/file-system-serdes.ts run under each SDK checkpoints
// the same bytes, and an execution whose first invocation ran under one SDK finishes under the other, replaying
// the files and inline envelopes the first one stored.
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InMemoryDurableService } from "./harness/in-memory-service.js";
import { loadUnderSdk } from "./harness/load-under-sdk.js";
import { runExecution, type ExecutionRun, type LambdaEntry, type SdkName } from "./harness/run-execution.js";

const mount = mkdtempSync(join(tmpdir(), "fs-serdes-swap-"));
const previousMount = process.env["ORDER_ARCHIVE_MOUNT"];
process.env["ORDER_ARCHIVE_MOUNT"] = mount;
afterAll(async () => {
  if (previousMount === undefined) delete process.env["ORDER_ARCHIVE_MOUNT"];
  else process.env["ORDER_ARCHIVE_MOUNT"] = previousMount;
  await rm(mount, { recursive: true, force: true });
});

const input = { orderId: "o-42", email: "ann@example.com" };
const expectedResult = {
  orderId: "o-42",
  email: "ann@example.com",
  catalogueSize: 6000,
  lastSku: "sku-5999",
  lines: 2,
  units: 5,
};

const arnFor = (execution: string) =>
  `arn:aws:lambda:us-east-1:123456789012:function:import-swap:$LATEST/durable-execution/${execution}/inv-1`;

/** Runs the handler with invocation 1 under `first` and every later invocation under `rest`. */
async function run(execution: string, first: SdkName, rest: SdkName): Promise<ExecutionRun> {
  const service = new InMemoryDurableService(arnFor(execution), input);
  const firstEntry = (await loadUnderSdk(first, "file-system-serdes", service))["handler"] as LambdaEntry;
  const restEntry = (await loadUnderSdk(rest, "file-system-serdes", service))["handler"] as LambdaEntry;
  let invocations = 0;
  const entry: LambdaEntry = (event, context) =>
    (++invocations === 1 ? firstEntry : restEntry)(event, context);
  return runExecution(entry, service);
}

/** Every update's identity and exact payload bytes, in order. */
function wire(run: ExecutionRun): unknown[] {
  return run.updates.map(({ invocation, update }) => [
    invocation,
    update.Name,
    update.Action,
    update.Payload,
  ]);
}

function payloadOf(run: ExecutionRun, name: string): string | undefined {
  return run.updates.find(({ update }) => update.Name === name && update.Action === "SUCCEED")?.update
    .Payload;
}

describe("createFileSystemSerdes across SDKs", { timeout: 60_000 }, () => {
  it("checkpoints the official envelopes: a file pointer with preview, a hashed overflow file, inline data", async () => {
    const ours = await run("envelopes", "ours", "ours");
    expect(ours.result).toEqual(expectedResult);
    const archive = JSON.parse(payloadOf(ours, "load-order") ?? "{}") as { file?: string; preview?: unknown };
    expect(Object.keys(archive)).toEqual(["file", "preview"]);
    expect(archive.file).toMatch(new RegExp(`^${mount}/import-swap/envelopes/inv-1/[^/]+\\.json$`));
    expect(archive.preview).toEqual({
      orderId: "o-42",
      status: "received",
      customer: { email: "[redacted]" },
    });
    expect(JSON.parse(await readFile(archive.file ?? "", "utf8"))).toMatchObject({
      customer: { name: "Ann" },
    });
    expect(payloadOf(ours, "build-catalogue")).toMatch(
      /^\{"file":"[^"]+\/[0-9a-f]{64}\/[0-9a-f]{64}\.json"\}$/,
    );
    expect(JSON.parse(payloadOf(ours, "count-lines") ?? "{}")).toEqual({ data: '{"lines":2,"units":5}' });
  });

  // Both SDKs pass the raw step id ("1", "2-1") as SerdesContext.entityId, so file names and payloads agree.
  it("checkpoints byte-identical payloads under either SDK", async () => {
    const official = await run("same-bytes", "official", "official");
    const ours = await run("same-bytes", "ours", "ours");
    expect(ours.result).toEqual(expectedResult);
    expect(official.result).toEqual(expectedResult);
    expect(wire(ours)).toEqual(wire(official));
  });

  it.each([
    ["official", "ours"],
    ["ours", "official"],
  ] as const)("finishes under %s → %s, replaying what the other SDK stored", async (first, rest) => {
    const mixed = await run(`${first}-then-${rest}`, first, rest);
    expect(mixed.status).toBe("SUCCEEDED");
    expect(mixed.result).toEqual(expectedResult);
    expect(mixed.invocations).toBe(2);
    // The first invocation's step ran once; the second replayed its stored file instead of running it again.
    const loadOrder = mixed.updates.filter(({ update }) => update.Name === "load-order");
    expect(loadOrder.map(({ invocation, update }) => `${invocation}:${update.Action}`)).toEqual([
      "1:START",
      "1:SUCCEED",
    ]);
  });
});
