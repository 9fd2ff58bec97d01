import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRequirement, RequirementFormatError } from "../runner/requirement.js";

const dir = mkdtempSync(join(tmpdir(), "conformance-req-"));
function load(yaml: string, id = "1-1") {
  const file = join(dir, `${id}.yaml`);
  writeFileSync(file, yaml);
  return loadRequirement(file);
}

describe("loading a requirement", () => {
  it("reads the keys the runner uses, with upstream's defaults", () => {
    const req = load("description: Basic\nExpectedExecutionHistory: [{EventId: 2}]\n");
    expect(req).toMatchObject({
      id: "1-1",
      description: "Basic",
      variables: {},
      input: null,
      asyncInvoke: false,
      expectedResult: undefined,
      callbackActions: undefined,
      expectedLogs: undefined,
      optional: false,
      pollIntervalMs: 2000,
      noProgressTimeoutMs: 30000,
    });
  });

  it("tells an absent CallbackActions key from an empty one", () => {
    expect(load("CallbackActions:\n").callbackActions).toEqual([]);
    expect(load("CallbackActions: []\n").callbackActions).toEqual([]);
    expect(load("{}\n").callbackActions).toBeUndefined();
  });

  it("reads AsyncInvoke and optional with Python truthiness, and AsyncConfig overrides", () => {
    const req = load(
      "AsyncInvoke: yes\noptional: 1\nAsyncConfig: {PollIntervalSeconds: 0.5, NoProgressTimeoutSeconds: 5}\n",
    );
    expect(req).toMatchObject({
      asyncInvoke: true,
      optional: true,
      pollIntervalMs: 500,
      noProgressTimeoutMs: 5000,
    });
  });

  it("rejects malformed files with a typed error naming the file", () => {
    expect(() => load("- just\n- a list\n")).toThrow(RequirementFormatError);
    expect(() => load("ExpectedExecutionHistory: {EventId: 2}\n")).toThrow(
      /ExpectedExecutionHistory must be a list/,
    );
    expect(() => load("ExpectedResult: SUCCEEDED\n")).toThrow(/ExpectedResult must be a mapping/);
    expect(() => load("AsyncConfig: {PollIntervalSeconds: soon}\n")).toThrow(/must be numbers, got 'soon'/);
    expect(() => load("a: [unclosed\n")).toThrow(/not valid YAML/);
    expect(() => load("Variables: [1]\n")).toThrow(new RegExp(`${dir}.*Variables must be a mapping`));
  });
});
