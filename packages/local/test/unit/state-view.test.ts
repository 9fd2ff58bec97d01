import { describe, expect, it } from "vitest";
import { ExecutionState } from "../../src/engine/execution-state.js";
import { decodeMarker, visiblePage } from "../../src/engine/state-view.js";
import { executionRecord } from "./execution-record.js";
import type { OperationRecord } from "../../src/wire.js";

const record = executionRecord("arn", { invocation: "running" });

function stateWith(ops: OperationRecord[]): ExecutionState {
  return new ExecutionState(
    record,
    ops.map((op, seq) => ({ seq, op, meta: {} })),
  );
}

function step(id: string, parentId?: string): OperationRecord {
  return {
    StartTimestamp: 0,
    Id: id,
    Type: "STEP",
    Status: "SUCCEEDED",
    ...(parentId === undefined ? {} : { ParentId: parentId }),
  };
}

function allPages(state: ExecutionState, size: number): { ids: string[]; markers: number[] } {
  const ids: string[] = [];
  const markers: number[] = [];
  let marker: string | undefined;
  do {
    const page = visiblePage(state, marker, size);
    expect(page.items.length).toBeLessThanOrEqual(size);
    ids.push(...page.items.map((op) => op.Id));
    marker = page.nextMarker;
    if (marker !== undefined) markers.push(decodeMarker(marker));
  } while (marker !== undefined);
  return { ids, markers };
}

describe("visiblePage", () => {
  it("pages every visible operation once, in start order, hiding children of closed contexts", () => {
    const ops: OperationRecord[] = [{ StartTimestamp: 0, Id: "exec", Type: "EXECUTION", Status: "STARTED" }];
    const expected = ["exec"];
    for (let i = 0; i < 50; i++) {
      const ctx = `c${i}`;
      // Every third context is closed without ReplayChildren: its subtree (two levels deep) is hidden.
      const closed = i % 3 === 0;
      const replay = i % 3 === 1;
      ops.push({
        StartTimestamp: 0,
        Id: ctx,
        Type: "CONTEXT",
        Status: closed || replay ? "SUCCEEDED" : "STARTED",
        ...(replay ? { ContextDetails: { ReplayChildren: true } } : {}),
      });
      ops.push({ StartTimestamp: 0, Id: `${ctx}.inner`, Type: "CONTEXT", Status: "STARTED", ParentId: ctx });
      ops.push(step(`${ctx}.inner.s`, `${ctx}.inner`));
      ops.push(step(`s${i}`));
      expected.push(ctx);
      if (!closed) expected.push(`${ctx}.inner`, `${ctx}.inner.s`);
      expected.push(`s${i}`);
    }
    const state = stateWith(ops);
    for (const size of [1, 3, 7, 100, 1000]) expect(allPages(state, size).ids).toEqual(expected);
  });

  it("resumes at the position in the marker instead of walking from the first operation", () => {
    const ops: OperationRecord[] = [{ StartTimestamp: 0, Id: "exec", Type: "EXECUTION", Status: "STARTED" }];
    for (let i = 0; i < 10; i++) ops.push(step(`s${i}`));
    const state = stateWith(ops);
    const { markers } = allPages(state, 4);
    expect(markers).toEqual([4, 8]);
    // The marker names a position: operations before it are not looked at again, so removing them changes
    // nothing after it (a marker counting visible operations from the start would now skip s1 and s2).
    const marker = visiblePage(state, undefined, 2).nextMarker;
    state.rows.delete("exec");
    state.rows.delete("s0");
    expect(visiblePage(state, marker, 2).items.map((op) => op.Id)).toEqual(["s1", "s2"]);
  });
});
