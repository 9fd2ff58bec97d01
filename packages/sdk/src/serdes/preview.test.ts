import * as official from "@aws/durable-execution-sdk-js";
import { describe, expect, it } from "vitest";
import { InvalidOperationConfigError } from "../errors.js";
import { buildPreview, FieldMatchMode, PreviewMode, type PreviewConfig } from "./preview.js";

const order = {
  id: "order-123",
  status: "pending",
  user: { name: "Ann", email: "ann@example.com", address: { city: "Oslo", zip: "0150" } },
  lines: [
    { sku: "a", quantity: 2 },
    { sku: "b", quantity: 1, note: "gift" },
  ],
  card: "4111-1111",
};

describe("buildPreview", () => {
  it("keeps included fields at their nesting and masks others (the documented example)", () => {
    expect(
      buildPreview(order, {
        mode: PreviewMode.EXCLUDE_ALL,
        include: [{ name: "id" }, { name: "status" }],
        mask: [{ name: "email" }],
      }),
    ).toEqual({ id: "order-123", status: "pending", user: { email: "***" } });
  });

  it("selects a whole subtree by an ANYWHERE name, but only the exact field by a PATH", () => {
    const config = { mode: PreviewMode.EXCLUDE_ALL } as const;
    expect(buildPreview(order, { ...config, include: [{ name: "address" }] })).toEqual({
      user: { address: { city: "Oslo", zip: "0150" } },
    });
    expect(buildPreview(order, { ...config, include: [{ name: "city" }] })).toEqual({
      user: { address: { city: "Oslo" } },
    });
    expect(
      buildPreview(order, { ...config, include: [{ name: "user.name", match: FieldMatchMode.PATH }] }),
    ).toEqual({ user: { name: "Ann" } });
    // A PATH at an object selects nothing below it.
    expect(
      buildPreview(order, { ...config, include: [{ name: "user", match: FieldMatchMode.PATH }] }),
    ).toBeUndefined();
    // A one-segment PATH is the top-level field only.
    expect(
      buildPreview(
        { name: "top", user: { name: "nested" } },
        {
          ...config,
          include: [{ name: "name", match: FieldMatchMode.PATH }],
        },
      ),
    ).toEqual({ name: "top" });
  });

  it("lets exclude win over include and mask, and masks whole objects", () => {
    expect(
      buildPreview(order, {
        mode: PreviewMode.INCLUDE_ALL,
        exclude: [{ name: "card" }, { name: "lines" }, { name: "email" }],
        mask: [{ name: "email" }, { name: "address" }],
        maskString: "<hidden>",
      }),
    ).toEqual({ id: "order-123", status: "pending", user: { name: "Ann", address: "<hidden>" } });
  });

  it("merges array elements into one object at the array's position", () => {
    expect(buildPreview(order, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "lines" }] })).toEqual({
      lines: { sku: "b", quantity: 1, note: "gift" },
    });
    expect(buildPreview([{ a: 1 }, { b: 2 }, 3], { mode: PreviewMode.INCLUDE_ALL })).toEqual({ a: 1, b: 2 });
    expect(buildPreview({ tags: ["x", "y"] }, { mode: PreviewMode.INCLUDE_ALL })).toBeUndefined();
  });

  it("adds fields in order until the estimated size would exceed maxPreviewBytes", () => {
    const value = { a: "1234", b: "5678", c: "9" };
    // {} is 2 bytes, each `"a":"1234",` is 11.
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL, maxPreviewBytes: 24 })).toEqual({
      a: "1234",
      b: "5678",
    });
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL, maxPreviewBytes: 23 })).toEqual({
      a: "1234",
    });
    expect(buildPreview(value, { mode: PreviewMode.INCLUDE_ALL, maxPreviewBytes: 12 })).toBeUndefined();
  });

  it("returns undefined for non-objects and empty selections", () => {
    expect(buildPreview("text", { mode: PreviewMode.INCLUDE_ALL })).toBeUndefined();
    expect(buildPreview(null, { mode: PreviewMode.INCLUDE_ALL })).toBeUndefined();
    expect(buildPreview(order, { mode: PreviewMode.EXCLUDE_ALL })).toBeUndefined();
  });

  it("skips prototype keys and dotted names", () => {
    const value = JSON.parse('{"__proto__":{"polluted":1},"a.b":2,"constructor":3,"ok":4}') as unknown;
    const preview = buildPreview(value, { mode: PreviewMode.INCLUDE_ALL });
    expect(preview).toEqual({ ok: 4 });
    expect(Object.getPrototypeOf(preview)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("rejects a circular value it would have to walk, but not one behind an excluded field", () => {
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic["self"] = cyclic;
    expect(() => buildPreview(cyclic, { mode: PreviewMode.INCLUDE_ALL })).toThrow(
      /circular reference at "self"/,
    );
    expect(buildPreview(cyclic, { mode: PreviewMode.INCLUDE_ALL, exclude: [{ name: "self" }] })).toEqual({
      id: 1,
    });
  });

  it("rejects a malformed config with InvalidOperationConfigError saying what was received", () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /config must be an object, received undefined/],
      [{ mode: "SOME" }, /mode must be "INCLUDE_ALL" or "EXCLUDE_ALL", received "SOME"/],
      [{ mode: "INCLUDE_ALL", include: "id" }, /include must be an array of fields, received "id"/],
      [{ mode: "INCLUDE_ALL", mask: [{ name: 1 }] }, /mask\[0\]\.name must be a string, received number/],
      [{ mode: "INCLUDE_ALL", exclude: [{ name: "a", match: "X" }] }, /exclude\[0\]\.match must be/],
      [{ mode: "INCLUDE_ALL", maxPreviewBytes: "9" }, /maxPreviewBytes must be a number, received "9"/],
      [{ mode: "INCLUDE_ALL", maskString: 0 }, /maskString must be a string, received number/],
    ];
    for (const [config, message] of cases) {
      expect(() => buildPreview({ a: 1 }, config as PreviewConfig)).toThrow(InvalidOperationConfigError);
      expect(() => buildPreview({ a: 1 }, config as PreviewConfig)).toThrow(message);
    }
  });
});

/** A deterministic pseudo-random source (Park–Miller), so failures reproduce. */
function randomSource(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const KEYS = ["id", "user", "email", "name", "items", "", "x", "a.b", "toString", "__proto__"];
const LEAVES: unknown[] = [1, "s", "ünïcødé", null, true, undefined, 0, ""];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const roll = next();
  if (depth >= 4 || roll < 0.35) return pick(LEAVES);
  if (roll < 0.5) return Array.from({ length: Math.floor(next() * 3) }, () => randomValue(next, depth + 1));
  const record: Record<string, unknown> = {};
  const size = Math.floor(next() * 4);
  for (let i = 0; i < size; i++)
    Object.defineProperty(record, pick(KEYS), {
      value: randomValue(next, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return record;
}

function randomConfig(next: () => number): PreviewConfig {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const names = ["id", "user", "email", "name", "items", "", "x", "user.email", "items.name", "a.b"];
  const fields = () =>
    next() < 0.3
      ? undefined
      : Array.from({ length: Math.floor(next() * 3) }, () => ({
          name: pick(names),
          ...(next() < 0.5 ? { match: pick([FieldMatchMode.ANYWHERE, FieldMatchMode.PATH]) } : {}),
        }));
  return {
    mode: pick([PreviewMode.INCLUDE_ALL, PreviewMode.EXCLUDE_ALL]),
    include: fields(),
    exclude: fields(),
    mask: fields(),
    ...(next() < 0.3 ? { maskString: "#" } : {}),
    ...(next() < 0.5 ? { maxPreviewBytes: Math.floor(next() * 80) } : {}),
  };
}

describe("buildPreview against the official SDK", () => {
  it("gives the same preview for 3000 generated values and configs", () => {
    const next = randomSource(20261128);
    let nonEmpty = 0;
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 0);
      const config = randomConfig(next);
      const ours = buildPreview(value, config);
      const theirs = official.buildPreview(value, config as official.PreviewConfig);
      // Compared as JSON text too: member order is part of the checkpointed bytes.
      expect({ value, config, preview: ours }).toEqual({ value, config, preview: theirs });
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
      if (ours !== undefined) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(500);
  });
});
