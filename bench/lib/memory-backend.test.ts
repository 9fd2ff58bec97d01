import { describe, expect, it } from "vitest";
import { MemoryBackend } from "./memory-backend.js";

const step = (i: number) => ({ Id: `s${i}`, Type: "STEP", SubType: "Step", Name: `step ${i}` });

async function runSteps(backend: MemoryBackend, count: number): Promise<Record<string, any>[]> {
  const deltas = [];
  for (let i = 0; i < count; i++) {
    const response = await backend.checkpoint({
      Updates: [
        { ...step(i), Action: "START" },
        { ...step(i), Action: "SUCCEED", Payload: JSON.stringify({ i }) },
      ],
    });
    expect(response["CheckpointToken"]).toBe(`t${i + 1}`);
    deltas.push(...response["NewExecutionState"]["Operations"]);
  }
  return deltas;
}

describe("bench double: MemoryBackend", () => {
  it("answers each call with the touched records, once each, and lists them all in the next envelope", async () => {
    const backend = new MemoryBackend();
    backend.seedExecution({ a: 1 });
    const deltas = await runSteps(backend, 3);
    expect(deltas.map((op) => [op.Id, op.Status, op.StepDetails])).toEqual([
      ["s0", "SUCCEEDED", { Result: '{"i":0}', Attempt: 0 }],
      ["s1", "SUCCEEDED", { Result: '{"i":1}', Attempt: 0 }],
      ["s2", "SUCCEEDED", { Result: '{"i":2}', Attempt: 0 }],
    ]);
    const operations = backend.envelope("arn")["InitialExecutionState"]["Operations"];
    expect(operations.map((op: any) => op.Id)).toEqual(["execution", "s0", "s1", "s2"]);
    expect(operations[2]).toEqual(deltas[1]);
    expect(operations[2]).not.toBe(deltas[1]); // fresh wire objects each time
    expect(backend.updatesReceived).toBe(6);
  });

  it("without keepFinished answers the same and keeps only records in progress", async () => {
    const kept = new MemoryBackend();
    const dropped = new MemoryBackend({ keepFinished: false });
    for (const backend of [kept, dropped]) backend.seedExecution({});
    const [a, b] = [await runSteps(kept, 5), await runSteps(dropped, 5)];
    expect(b.map(({ StartTimestamp: _s, EndTimestamp: _e, ...op }) => op)).toEqual(
      a.map(({ StartTimestamp: _s, EndTimestamp: _e, ...op }) => op),
    );
    const started = await dropped.checkpoint({
      Updates: [{ Id: "c", Type: "CONTEXT", Action: "START", Name: "child" }],
    });
    const done = await dropped.checkpoint({
      Updates: [
        {
          Id: "c",
          Type: "CONTEXT",
          Action: "SUCCEED",
          Payload: "1",
          ContextOptions: { ReplayChildren: true },
        },
      ],
    });
    expect(started["NewExecutionState"]["Operations"][0].Status).toBe("STARTED");
    expect(done["NewExecutionState"]["Operations"][0]).toMatchObject({
      Status: "SUCCEEDED",
      ContextDetails: { Result: "1", ReplayChildren: true },
    });
    // The record in progress was kept: its SUCCEED (which names nothing) updated it rather than starting a new one.
    expect(done["NewExecutionState"]["Operations"][0].Name).toBe("child");
    expect(() => dropped.envelope("arn")).toThrow(/kept no finished records/);
  });
});
