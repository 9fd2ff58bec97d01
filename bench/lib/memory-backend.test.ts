import { describe, expect, it } from "vitest";
import { MemoryBackend } from "./memory-backend.js";
import { RecordArchive, type OperationFields } from "./record-archive.js";

const at = new Date(1_700_000_000_123);

describe("bench double: record archive", () => {
  it("reads back every field, non-ASCII text and absent fields included, across buffer growth", () => {
    const archive = new RecordArchive();
    const records: OperationFields[] = Array.from({ length: 500 }, (_, i) => ({
      Id: `id-${i}`,
      Type: i % 2 ? "STEP" : "CONTEXT",
      SubType: i % 3 ? "Step" : undefined,
      Name: i % 5 ? `naïve → ${i} 🙂` : undefined,
      ParentId: i % 7 ? "parent" : undefined,
      Status: i % 4 ? "SUCCEEDED" : "FAILED",
      StartTimestamp: at,
      EndTimestamp: i % 2 ? new Date(at.getTime() + i) : undefined,
      Result: i % 11 ? JSON.stringify({ i, text: "x".repeat(i) }) : undefined,
      ReplayChildren: i % 3 === 0 ? undefined : i % 3 === 1,
    }));
    const offsets = records.map((r) => archive.add(r));
    records.forEach((r, i) => expect(archive.read(offsets[i]!)).toEqual(r));
  });

  it("refuses a type it cannot encode", () => {
    expect(() =>
      new RecordArchive().add({
        Id: "x",
        Type: "NOPE",
        Status: "SUCCEEDED",
        StartTimestamp: at,
      } as OperationFields),
    ).toThrow(/operation type NOPE/);
  });
});

describe("bench double: MemoryBackend", () => {
  it("answers deltas, keeps finished records for the next envelope and rejects updates to them", async () => {
    const backend = new MemoryBackend();
    backend.seedExecution({ a: 1 });
    const step = { Id: "s1", Type: "STEP", SubType: "Step", Name: "first" };
    const response = await backend.checkpoint({
      Updates: [
        { ...step, Action: "START" },
        { ...step, Action: "SUCCEED", Payload: "42" },
        { Id: "c1", Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" },
      ],
    });
    expect(response["CheckpointToken"]).toBe("t1");
    const delta = response["NewExecutionState"]["Operations"];
    expect(delta.map((op: any) => [op.Id, op.Status])).toEqual([
      ["s1", "SUCCEEDED"],
      ["c1", "STARTED"],
    ]);
    expect(delta[0].StepDetails).toEqual({ Result: "42", Attempt: 0 });

    const operations = backend.envelope("arn")["InitialExecutionState"]["Operations"];
    expect(operations.map((op: any) => op.Id)).toEqual(["execution", "s1", "c1"]);
    expect(operations[1]).toEqual({ ...delta[0] });
    await expect(backend.checkpoint({ Updates: [{ ...step, Action: "SUCCEED" }] })).rejects.toThrow(
      /finished operation s1/,
    );
  });
});
