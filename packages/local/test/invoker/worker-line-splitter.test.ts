import { describe, expect, it } from "vitest";
import { WorkerLineSplitter } from "../../src/invoker/worker-line-splitter.js";

function collect(chunks: string[], end = false): { lines: string[]; markers: number[] } {
  const lines: string[] = [];
  const markers: number[] = [];
  const splitter = new WorkerLineSplitter(
    "\u0000end:n:",
    (l) => lines.push(l),
    (s) => markers.push(s),
  );
  for (const chunk of chunks) splitter.push(chunk);
  if (end) splitter.end();
  return { lines, markers };
}

describe("WorkerLineSplitter", () => {
  it("joins lines split across chunks and strips CR", () => {
    expect(collect(["hel", "lo\r\nwor", "ld\n"]).lines).toEqual(["hello", "world"]);
  });

  it("keeps an unterminated line until end()", () => {
    expect(collect(["a\nb"]).lines).toEqual(["a"]);
    expect(collect(["a\nb"], true).lines).toEqual(["a", "b"]);
  });

  it("reports a marker and the unterminated output written before it", () => {
    const { lines, markers } = collect(["partial\u0000end:n:", "12\nnext\n"]);
    expect(lines).toEqual(["partial", "next"]);
    expect(markers).toEqual([12]);
  });

  it("ignores markers with another nonce", () => {
    const { lines, markers } = collect(["\u0000end:x:3\n"]);
    expect(lines).toEqual(["\u0000end:x:3"]);
    expect(markers).toEqual([]);
  });
});
