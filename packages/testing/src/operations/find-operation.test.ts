import { describe, expect, it } from "vitest";
import { tryFindCallback } from "./find-callback.js";
import { findOperation, OperationNotFoundError } from "./find-operation.js";
import type { TestOperation } from "./test-operation.js";

const ops: TestOperation[] = [
  { id: "a1", type: "STEP", name: "poll", status: "SUCCEEDED" },
  { id: "b2", type: "STEP", name: "poll", status: "SUCCEEDED" },
  { id: "c3", type: "CONTEXT", subType: "WaitForCallback", name: "approval", status: "STARTED" },
  { id: "d4", type: "CALLBACK", parentId: "c3", status: "STARTED", callbackId: "cb-1" },
];

describe("findOperation", () => {
  it("finds by name, index, id and nth match", () => {
    expect(findOperation(ops, "poll").id).toBe("a1");
    expect(findOperation(ops, 1).id).toBe("b2");
    expect(findOperation(ops, { id: "c3" }).name).toBe("approval");
    expect(findOperation(ops, { name: "poll", type: "STEP", nth: 1 }).id).toBe("b2");
  });

  it("lists the operations when nothing matches", () => {
    expect(() => findOperation(ops, "charge")).toThrowError(OperationNotFoundError);
    expect(() => findOperation(ops, "charge")).toThrowError(
      /no operation matches charge; the run has 4:\n {2}0: STEP "poll" a1 SUCCEEDED/,
    );
  });

  it("maps a waitForCallback (by name or selector) to its callback", () => {
    expect(tryFindCallback(ops, "approval")?.callbackId).toBe("cb-1");
    expect(tryFindCallback(ops, { id: "c3" })?.id).toBe("d4");
    expect(tryFindCallback(ops, "nope")).toBeUndefined();
  });
});
