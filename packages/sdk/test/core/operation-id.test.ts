import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { childRawId, hashOperationId } from "../../src/replay/operation-id.js";

describe("operation ids (SDK.md §2 test vectors)", () => {
  it.each([
    ["1", "c4ca4238a0b92382"],
    ["2", "c81e728d9d4c2f63"],
    ["3", "eccbc87e4b5ce2fe"],
    ["8-1", "9634715ca7e046cd"],
    ["1-1", "ea66c06c1e1c05fa"],
    ["1-2", "98c6f2c2287f4c73"],
    ["2-1", "8fbdbf5573b18fae"],
    ["2-1-1", "de9160b4a2cf6c27"],
  ])("hashes raw id %s to %s", (raw, wire) => {
    expect(hashOperationId(raw)).toBe(wire);
  });

  it("stays exact past the bound of the process-wide id cache", () => {
    for (let i = 0; i < 40_000; i++) {
      const raw = i % 2 === 0 ? String(i) : `${i % 13}-${i}`;
      const wire = createHash("md5").update(raw).digest("hex").slice(0, 16);
      if (hashOperationId(raw) !== wire) expect(hashOperationId(raw), raw).toBe(wire);
    }
  });

  it("joins raw ids with dashes below the root", () => {
    expect(childRawId(undefined, 2)).toBe("2");
    expect(childRawId("2", 1)).toBe("2-1");
    expect(childRawId("2-1", 3)).toBe("2-1-3");
  });
});
