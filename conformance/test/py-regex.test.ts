import { describe, expect, it } from "vitest";
import { PyRegexError, pySearch } from "../runner/py-regex.js";

describe("Python re.search on JavaScript", () => {
  it("turns a leading (?i) into case-insensitive matching", () => {
    expect(pySearch("(?i)context", "Child CONTEXT ended")).toBe(true);
    expect(pySearch("context", "Child CONTEXT ended")).toBe(false);
    expect(pySearch("(?i)(?s)a.b", "A\nB")).toBe(true);
  });

  it("lets $ match before a final newline only", () => {
    expect(pySearch("^hello$", "hello\n")).toBe(true);
    expect(pySearch("^hello$", "hello\n\n")).toBe(false);
    expect(pySearch("^hello\\Z", "hello\n")).toBe(false);
    expect(pySearch("(?m)^b$", "a\nb\nc")).toBe(true);
  });

  it("keeps Python's Unicode classes and dot", () => {
    expect(pySearch("^\\d{4}-", "٢٠٢٦-01")).toBe(true);
    expect(pySearch("(?a)^\\d{4}-", "٢٠٢٦-01")).toBe(false);
    expect(pySearch("^\\w+$", "héllo_1")).toBe(true);
    expect(pySearch("\\bfoo\\b", "é foo")).toBe(true);
    expect(pySearch("\\bfoo\\b", "éfoo")).toBe(false);
    expect(pySearch("a.b", "a\nb")).toBe(false);
    expect(pySearch("a.b", "a\rb")).toBe(true);
  });

  it("treats braces that are not quantifiers as literals", () => {
    expect(pySearch("a{", "a{")).toBe(true);
    expect(pySearch("x{}", "x{}")).toBe(true);
    expect(pySearch("^a{,2}b$", "aab")).toBe(true);
    expect(pySearch("^a{2}$", "aa")).toBe(true);
    expect(pySearch('"\\w+": \\{', '"status": {')).toBe(true);
  });

  it("translates sets, named groups and escapes", () => {
    expect(pySearch("[]a]+", "]]a")).toBe(true);
    expect(pySearch("^[\\w-]+$", "ab-c")).toBe(true);
    expect(pySearch("[a-]", "-")).toBe(true);
    expect(pySearch("[a\\-z]", "-")).toBe(true); // an escaped "-" is a character, not a range
    expect(pySearch("[a\\-z]", "b")).toBe(false);
    expect(pySearch("[%--]", ",")).toBe(true);
    expect(pySearch("(?P<n>ab)(?P=n)", "abab")).toBe(true);
    expect(pySearch("\\'x\\\"", "'x\"")).toBe(true);
    expect(pySearch("\\x41\\u00e9", "Aé")).toBe(true);
    expect(pySearch(".*TransientError$", "MyTransientError")).toBe(true);
    expect(pySearch("^[1-9]\\d*$", "012")).toBe(false);
  });

  it("rejects patterns JavaScript cannot express, with a typed error", () => {
    expect(() => pySearch("a(?i:b)", "ab")).toThrow(PyRegexError);
    expect(() => pySearch("\\q", "q")).toThrow(/bad escape/);
    expect(() => pySearch("[abc", "a")).toThrow(/unterminated/);
  });
});
