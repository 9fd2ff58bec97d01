// Golden histories (STYLE.md lesson 4): executions recorded under the official SDK 2.4.0 are committed as
// fixtures and replayed under ours on every change: same ids, nothing re-run, nothing re-sent, same result.
// Re-record with RECORD_GOLDEN=1 npx vitest run packages/sdk/test/core/golden-history.test.ts
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MemoryTransport } from "../support/memory-transport.js";
import { driveToEnd, goldenHandler, runs, type GoldenFixture } from "./golden-workflow.js";
import { lambdaContext } from "./harness.js";

const FIXTURE = new URL("./fixtures/official-every-operation.json", import.meta.url);

describe("golden official history", () => {
  it.runIf(process.env["RECORD_GOLDEN"] === "1")("records the fixture under the official SDK", async () => {
    const input = { n: 41 };
    const backend = new MemoryTransport({ inputPayload: JSON.stringify(input) });
    const { output } = await driveToEnd(goldenHandler("official", backend), backend);
    expect(output.Status).toBe("SUCCEEDED");
    const fixture: GoldenFixture = {
      input,
      result: output.Status === "SUCCEEDED" ? output.Result : undefined,
      operations: backend.operations(),
    };
    writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
  });

  it("replays the official execution under ours without running or sending anything", async () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as GoldenFixture;
    const backend = MemoryTransport.fromOperations(fixture.operations);
    runs.clear();
    const output = await goldenHandler("ours", backend)(backend.invocationEvent(), lambdaContext());
    expect(output).toEqual({ Status: "SUCCEEDED", Result: fixture.result });
    expect(backend.calls).toEqual([]);
    expect([...runs.keys()]).toEqual([]);
  });

  it("a live run under ours produces the same operations (ids, types, sub-types, names, parents, statuses)", async () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as GoldenFixture;
    const backend = new MemoryTransport({ inputPayload: JSON.stringify(fixture.input) });
    const { output } = await driveToEnd(goldenHandler("ours", backend), backend);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: fixture.result });
    const shape = (ops: GoldenFixture["operations"]) =>
      ops.map((op) => [op.Id, op.Type, op.SubType, op.Name, op.ParentId, op.Status].join(" "));
    expect(shape(backend.operations())).toEqual(shape(fixture.operations));
  });
});
