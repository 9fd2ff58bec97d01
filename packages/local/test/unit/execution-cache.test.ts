import { describe, expect, it } from "vitest";
import { ExecutionCache } from "../../src/engine/execution-cache.js";
import { ExecutionState } from "../../src/engine/execution-state.js";
import { VirtualClock } from "../../src/scheduler/clock.js";
import { MemoryStore } from "../../src/store/memory.js";
import { executionRecord } from "./execution-record.js";

function setup() {
  const store = new MemoryStore();
  const cache = new ExecutionCache(store, new VirtualClock(0));
  const create = (arn: string): ExecutionState => {
    const state = new ExecutionState(executionRecord(arn));
    store.putExecution(state.record);
    store.putOperation(arn, {
      seq: 0,
      op: { Id: "exec", Type: "EXECUTION", Status: "STARTED", StartTimestamp: 0 },
      meta: {},
    });
    cache.add(state);
    return state;
  };
  const close = (state: ExecutionState): void => {
    state.record.status = "SUCCEEDED";
    state.record.endMs = 1;
    store.updateExecution(state.record);
    cache.release(state);
  };
  return { store, cache, create, close };
}

describe("ExecutionCache", () => {
  it("keeps running executions and only a bounded number of closed ones", () => {
    const { cache, create, close } = setup();
    const running = Array.from({ length: 10 }, (_, i) => create(`run-${i}`));
    for (let i = 0; i < 500; i++) close(create(`done-${i}`));
    expect(cache.size).toBeLessThanOrEqual(10 + 64);
    for (const state of running) expect(cache.load(state.arn)).toBe(state);
  });

  it("reloads a released execution from the store on demand, with its operations", () => {
    const { cache, create, close } = setup();
    const first = create("first");
    close(first);
    for (let i = 0; i < 100; i++) close(create(`other-${i}`));
    const reloaded = cache.load("first");
    expect(reloaded).not.toBe(first);
    expect(reloaded?.record.status).toBe("SUCCEEDED");
    expect(reloaded?.rows.get("exec")?.op.Type).toBe("EXECUTION");
    // Recently used closed executions are served from memory.
    expect(cache.load("first")).toBe(reloaded);
  });

  it("keeps a closed execution pinned while an invocation of it is live", () => {
    const { cache, create, close } = setup();
    const state = create("live");
    state.live = { requestId: "r", token: "t", startMs: 0, delta: new Set(), undelivered: false };
    state.record.status = "STOPPED";
    expect(cache.load("live")).toBe(state);
    // Many executions closing after it would push it out of the closed ones if it were not pinned.
    for (let i = 0; i < 100; i++) close(create(`other-${i}`));
    expect(cache.load("live")).toBe(state);
  });
});
