import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { md5Hex16 } from "../../src/replay/md5.js";

const reference = (text: string): string => createHash("md5").update(text).digest("hex").slice(0, 16);

describe("md5Hex16 (pure-JS MD5 of raw ids)", () => {
  it("matches the RFC 1321 test suite", () => {
    expect(md5Hex16("")).toBe("d41d8cd98f00b204");
    expect(md5Hex16("a")).toBe("0cc175b9c0f1b6a8");
    expect(md5Hex16("abc")).toBe("900150983cd24fb0");
    expect(md5Hex16("message digest")).toBe("f96b697d7cb7938d");
    expect(md5Hex16("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toBe(
      "57edf4a22be3c955",
    );
  });

  it("matches node:crypto on every length around the block boundaries", () => {
    for (let length = 0; length <= 200; length++) {
      const text = Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join("");
      expect(md5Hex16(text), `length ${length}`).toBe(reference(text));
    }
  });

  it("matches node:crypto on many raw ids", () => {
    for (let i = 0; i < 5000; i++) {
      for (const raw of [String(i), `${i % 97}-${i}`, `${i % 5}-${i % 11}-${i}-${i * 31}`]) {
        if (md5Hex16(raw) !== reference(raw)) expect(md5Hex16(raw), raw).toBe(reference(raw));
      }
    }
  });

  it("hashes non-ASCII text by its UTF-8 bytes", () => {
    for (const text of ["é", "日本-1", "emoji 🎉", "\u0080"]) expect(md5Hex16(text)).toBe(reference(text));
  });
});
