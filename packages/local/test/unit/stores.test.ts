import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MemoryStore, SqliteStore, type ExecutionRecord, type Store } from "@durable-lambda/local";
import { executionRecord } from "./execution-record.js";

const record = (arn: string, name: string, startMs: number): ExecutionRecord =>
  executionRecord(arn, { name, startMs });

describe.each([
  ["MemoryStore", () => new MemoryStore()],
  ["SqliteStore", () => new SqliteStore(":memory:")],
] as Array<[string, () => Store]>)("%s", (_name, make) => {
  it("keeps executions, operations, callbacks, events and timers", () => {
    const store = make();
    store.transaction(() => {
      store.putExecution(record("a1", "one", 2));
      store.putExecution(record("a0", "zero", 1));
      store.putOperation("a1", {
        seq: 1,
        op: {
          Id: "cb",
          Type: "CALLBACK",
          Status: "STARTED",
          StartTimestamp: 5,
          CallbackDetails: { CallbackId: "Y2I=" },
        },
        meta: { heartbeatTimeoutSeconds: 3 },
      });
      store.putOperation("a1", {
        seq: 0,
        op: { Id: "exec", Type: "EXECUTION", Status: "STARTED", StartTimestamp: 5 },
        meta: {},
      });
      for (let id = 1; id <= 5; id++)
        store.appendEvent("a1", { EventId: id, EventType: `E${id}`, EventTimestamp: id });
      store.putTimer({ key: "k", arn: "a1", kind: "wait", opId: "w", dueMs: 10 });
      store.putTimer({ key: "k", arn: "a1", kind: "wait", opId: "w", dueMs: 20 });
    });
    expect(store.getExecution("a1")?.input).toBe('{"a": 1}');
    expect(store.findExecutionByName("fn", "zero")?.arn).toBe("a0");
    expect(store.listExecutionsByFunction("fn").map((r) => r.arn)).toEqual(["a0", "a1"]);
    expect(store.listRunningExecutions()).toHaveLength(2);
    expect(store.listOperations("a1").map((r) => r.op.Id)).toEqual(["exec", "cb"]);
    expect(store.listOperations("a1")[1]?.meta).toEqual({ heartbeatTimeoutSeconds: 3 });
    expect(store.findCallback("Y2I=")).toEqual({ arn: "a1", opId: "cb" });
    expect(store.readEvents("a1", { limit: 2, reverse: false }).map((e) => e.EventId)).toEqual([1, 2]);
    expect(store.readEvents("a1", { afterId: 2, limit: 2, reverse: false }).map((e) => e.EventId)).toEqual([
      3, 4,
    ]);
    expect(store.readEvents("a1", { limit: 2, reverse: true }).map((e) => e.EventId)).toEqual([5, 4]);
    expect(store.readEvents("a1", { afterId: 4, limit: 10, reverse: true }).map((e) => e.EventId)).toEqual([
      3, 2, 1,
    ]);
    expect(store.listTimers()).toEqual([{ key: "k", arn: "a1", kind: "wait", opId: "w", dueMs: 20 }]);
    store.deleteTimer("k");
    expect(store.listTimers()).toEqual([]);
    store.deleteExecution("a1");
    expect(store.getExecution("a1")).toBeUndefined();
    expect(store.findCallback("Y2I=")).toBeUndefined();
    store.close();
  });

  it("returns copies: mutating a read record does not change the store", () => {
    const store = make();
    store.putExecution(record("a", "n", 1));
    const read = store.getExecution("a");
    if (read) read.status = "FAILED";
    expect(store.getExecution("a")?.status).toBe("RUNNING");
    store.close();
  });

  it("updates the progress of an execution, keeping its input and recording its result", () => {
    const store = make();
    const created = record("a", "n", 1);
    store.putExecution(created);
    store.updateExecution({
      ...created,
      input: "ignored by an update",
      eventCount: 7,
      invocation: "running",
      updatedIds: ["x", "y"],
      pendingClose: { status: "SUCCEEDED", result: '"done"' },
    });
    expect(store.getExecution("a")).toMatchObject({
      input: '{"a": 1}',
      eventCount: 7,
      invocation: "running",
      updatedIds: ["x", "y"],
      pendingClose: { status: "SUCCEEDED", result: '"done"' },
    });
    store.updateExecution({ ...created, status: "SUCCEEDED", endMs: 9, result: '"done"' });
    const closed = store.getExecution("a");
    expect(closed).toMatchObject({ status: "SUCCEEDED", endMs: 9, result: '"done"', input: '{"a": 1}' });
    expect(closed?.pendingClose).toBeUndefined();
    expect(store.listRunningExecutions()).toEqual([]);
    expect(store.findExecutionByName("fn", "n")?.result).toBe('"done"');
    expect(store.listExecutionsByFunction("fn").map((r) => r.input)).toEqual(['{"a": 1}']);
    store.close();
  });
});

describe("SqliteStore schema upgrade", () => {
  it("reads executions written before input and result had their own columns, and updates them", () => {
    const dir = mkdtempSync(join(tmpdir(), "durable-store-"));
    const path = join(dir, "old.db");
    try {
      const old = new Database(path);
      old.exec(`CREATE TABLE executions (arn TEXT PRIMARY KEY, function_name TEXT NOT NULL, name TEXT NOT NULL,
        status TEXT NOT NULL, start_ms INTEGER NOT NULL, record TEXT NOT NULL)`);
      const legacy = { ...record("a", "n", 1), status: "SUCCEEDED", result: '"r"' };
      old
        .prepare(`INSERT INTO executions VALUES (?, ?, ?, ?, ?, ?)`)
        .run("a", "fn", "n", "SUCCEEDED", 1, JSON.stringify(legacy));
      old.close();
      const store = new SqliteStore(path);
      expect(store.getExecution("a")).toMatchObject({ input: '{"a": 1}', result: '"r"' });
      store.updateExecution({ ...legacy, status: "SUCCEEDED", eventCount: 3 } as ExecutionRecord);
      expect(store.getExecution("a")).toMatchObject({ input: '{"a": 1}', result: '"r"', eventCount: 3 });
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("SqliteStore transactions", () => {
  it("roll back every write of a failed transaction", () => {
    const store = new SqliteStore(":memory:");
    store.putExecution(record("a", "n", 1));
    expect(() =>
      store.transaction(() => {
        store.appendEvent("a", { EventId: 1, EventType: "ExecutionStarted", EventTimestamp: 1 });
        store.putTimer({ key: "t", arn: "a", kind: "wait", opId: "w", dueMs: 1 });
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(store.readEvents("a", { limit: 10, reverse: false })).toEqual([]);
    expect(store.listTimers()).toEqual([]);
    store.close();
  });
});
