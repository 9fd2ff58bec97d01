import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/scheduler/clock.js";

const macrotask = () => new Promise((resolve) => setImmediate(resolve));

describe("VirtualClock", () => {
  it("jumps to the next timer only when nobody holds it, firing timers in due order", async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimer(5000, () => fired.push("b"));
    clock.setTimer(1000, () => fired.push("a"));
    const release = clock.hold();
    await macrotask();
    await macrotask();
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(0);
    release();
    await clock.sleep(10_000);
    expect(fired).toEqual(["a", "b"]);
    expect(clock.now()).toBe(10_000);
  });

  it("fires timers already due even while held, without advancing time", async () => {
    const clock = new VirtualClock(100);
    const release = clock.hold();
    let fired = false;
    clock.setTimer(50, () => (fired = true));
    await macrotask();
    await macrotask();
    expect(fired).toBe(true);
    expect(clock.now()).toBe(100);
    release();
  });

  it("lets a sleeper re-hold before the next jump, and cancelled timers never fire", async () => {
    const clock = new VirtualClock(0);
    let cancelledFired = false;
    const cancel = clock.setTimer(2000, () => (cancelledFired = true));
    cancel();
    const later = clock.sleep(5000);
    await clock.sleep(1000);
    const release = clock.hold();
    expect(clock.now()).toBe(1000);
    await macrotask();
    await macrotask();
    expect(clock.now()).toBe(1000);
    release();
    await later;
    expect(clock.now()).toBe(5000);
    expect(cancelledFired).toBe(false);
  });
});
