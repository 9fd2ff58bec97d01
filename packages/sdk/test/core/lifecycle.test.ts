import { describe, expect, it } from "vitest";
import { ContextNode } from "../../src/context/context-node.js";
import { InvocationLifecycle, type WaitReason } from "../../src/context/lifecycle.js";
import { hashOperationId } from "../../src/replay/operation-id.js";
import { harness } from "./harness.js";

function lifecycle() {
  const scheduled: (() => void)[] = [];
  const suspended: WaitReason[] = [];
  let queueIdle = true;
  const l = new InvocationLifecycle({
    isQueueIdle: () => queueIdle,
    onSuspend: (r) => suspended.push(r),
    schedule: (fn) => scheduled.push(fn),
  });
  const runScheduled = () => {
    while (scheduled.length) scheduled.shift()?.();
  };
  return { l, suspended, runScheduled, setQueueIdle: (v: boolean) => (queueIdle = v) };
}

describe("suspension lifecycle (SDK.md §7)", () => {
  it("suspends only when something waits, nothing executes and the queue is idle; reason ranks retry first", () => {
    const { l, suspended, runScheduled, setQueueIdle } = lifecycle();
    const root = new ContextNode(undefined);
    const done = l.beginExecuting();
    l.beginWaiting(root, "callback");
    l.beginWaiting(root, "retry");
    runScheduled();
    expect(suspended).toEqual([]);
    setQueueIdle(false);
    done();
    runScheduled();
    expect(suspended).toEqual([]);
    setQueueIdle(true);
    l.changed();
    runScheduled();
    expect(suspended).toEqual(["retry"]);
  });

  it("never suspends with nothing outstanding", () => {
    const { l, suspended, runScheduled } = lifecycle();
    l.changed();
    runScheduled();
    expect(suspended).toEqual([]);
  });

  it("schedules no check while nothing waits; a wait that starts later still suspends", () => {
    const scheduled: (() => void)[] = [];
    const suspended: WaitReason[] = [];
    const l = new InvocationLifecycle({
      isQueueIdle: () => true,
      onSuspend: (r) => suspended.push(r),
      schedule: (fn) => scheduled.push(fn),
    });
    for (let i = 0; i < 3; i++) l.beginExecuting()();
    l.changed();
    expect(scheduled).toHaveLength(0);
    l.beginWaiting(new ContextNode(undefined), "wait");
    while (scheduled.length) scheduled.shift()?.();
    expect(suspended).toEqual(["wait"]);
  });

  it("waiting operations under a finished context (or its descendants) stop counting", () => {
    const { l } = lifecycle();
    const root = new ContextNode(undefined);
    const map = new ContextNode(root);
    const item = new ContextNode(map);
    l.beginWaiting(item, "wait");
    const kept = l.beginWaiting(root, "wait");
    expect(l.waitingCount).toBe(2);
    map.finish();
    expect(l.waitingCount).toBe(1);
    expect(item.abandoned).toBe(true);
    kept.release();
    kept.release();
    expect(l.waitingCount).toBe(0);
    l.beginWaiting(item, "wait");
    expect(l.waitingCount).toBe(0);
  });

  it("a step still running when its context finished checkpoints nothing afterwards", async () => {
    let release: () => void = () => undefined;
    const h = harness(async (_e, ctx) => {
      await ctx.runInChildContext("quick", async (c) => {
        void c.step("orphan", () => new Promise<number>((r) => (release = () => r(1))));
        return "early";
      });
      setImmediate(() => release());
      return "done";
    });
    expect(await h.invoke()).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    const orphan = hashOperationId("1-1");
    expect(
      h.backend
        .allUpdates()
        .filter((u) => u.Id === orphan)
        .map((u) => u.Action),
    ).toEqual(["START"]);
  });
});
