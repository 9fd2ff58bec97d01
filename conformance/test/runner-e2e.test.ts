import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { formatOutcome, summaryLine, type Outcome } from "../runner/report.js";
import { runConformance } from "../runner/run-conformance.js";

// A tiny synthetic requirement set (written here, not taken from the shared suite) run through the real local
// service, worker processes, SDK and LambdaClient.
const GREETING = (description: string) => `
description: ${description}
Input: World
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: Hello, World!
ExpectedExecutionHistory:
  - EventType: StepStarted
    SubType: Step
    EventId: 2
    Id: \${ID1}
    EventTimestamp: '*'
    StepStartedDetails: {}
  - EventType: StepSucceeded
    SubType: Step
    EventId: 3
    Id: \${ID1}
    EventTimestamp: '*'
    StepSucceededDetails:
      Result:
        Payload: '"Hello, World!"'
  - EventType: InvocationCompleted
    EventId: 4
    EventTimestamp: '*'
    InvocationCompletedDetails: {}
`;

const WAIT = (description: string, seconds: number, async: boolean) => `
description: ${description}
AsyncInvoke: ${async}
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: waited
ExpectedExecutionHistory:
  - EventType: WaitStarted
    SubType: Wait
    EventId: 2
    Id: \${W}
    WaitStartedDetails:
      Duration: ${seconds}
  - EventType: WaitSucceeded
    EventId: 4
    Id: \${W}
`;

const root = mkdtempSync(join(tmpdir(), "conformance-e2e-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeRequirements(files: Record<string, string>): string {
  const dir = join(root, "requirements");
  mkdirSync(join(dir, "synthetic"), { recursive: true });
  for (const [id, yaml] of Object.entries(files)) writeFileSync(join(dir, "synthetic", `${id}.yaml`), yaml);
  return dir;
}

const fixtures = fileURLToPath(new URL("./fixtures/handlers", import.meta.url));
const targets = fileURLToPath(new URL("../targets", import.meta.url));

describe("the runner end to end", () => {
  it("reports PASSED, a readable FAILED diff, NOT_IMPLEMENTED and UNCOVERED", async () => {
    const requirementsDir = writeRequirements({
      "greet-ok": GREETING("Correct greeting"),
      "greet-broken": GREETING("Broken greeting"),
      "long-wait": WAIT("An hour-long wait, invoked synchronously", 3600, false),
      "short-wait": WAIT("A 10 s wait, polled asynchronously", 10, true),
      "declared-gap": GREETING("Declared gap"),
      "no-handler": GREETING("Nobody wrote this one"),
    });
    const resultsDir = join(root, "results");
    const result = await runConformance({
      requirementsDir,
      handlersDir: fixtures,
      targetsDir: targets,
      time: "virtual",
      concurrency: 4,
      resultsDir,
    });
    expect(result.kind).toBe("ran");
    if (result.kind !== "ran") return;
    const byId = new Map<string, Outcome>(result.outcomes.map((o) => [o.id, o]));
    expect(byId.get("greet-ok")?.verdict).toBe("PASSED");
    // Virtual time: the hour passes while the sync Invoke waits; the async case polls every 2 virtual seconds.
    expect(byId.get("long-wait")?.verdict).toBe("PASSED");
    expect(byId.get("short-wait")?.verdict).toBe("PASSED");
    expect(byId.get("declared-gap")).toMatchObject({
      verdict: "NOT_IMPLEMENTED",
      reason: "fixture: declared gap",
    });
    expect(byId.get("no-handler")?.verdict).toBe("UNCOVERED");

    const broken = byId.get("greet-broken");
    expect(broken?.verdict).toBe("FAILED");
    const report = formatOutcome(broken as Outcome).map((l) => l.replace(/\[\d+\.\d s\]/, "[X s]"));
    expect(report[0]).toBe(
      "FAILED greet-broken synthetic: Broken greeting [X s] — Event[EventId=3].StepSucceededDetails.Result.Payload: " +
        `expected '"Hello, World!"', got '"Goodbye, World!"'`,
    );
    expect(report).toContain("    first mismatching event (- expected, + actual):");
    expect(report).toContain(`      -     Payload: '"Hello, World!"'`);
    expect(report).toContain(`      +     Payload: '"Goodbye, World!"'`);
    expect(report).toContain("        EventType: StepSucceeded");
    expect(report.filter((l) => /^ {6}[-+]/.test(l))).toHaveLength(2);
    expect(report).toContain(
      "    actual history: 1 ExecutionStarted · 2 StepStarted(Step) · 3 StepSucceeded(Step) · " +
        "4 InvocationCompleted · 5 ExecutionSucceeded",
    );
    expect(summaryLine(result.outcomes)).toBe("3 passed, 3 failed");

    const saved = JSON.parse(readFileSync(join(resultsDir, "greet-broken.json"), "utf8")) as {
      Events: Array<{ EventType: string }>;
    };
    expect(saved.Events.map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  }, 60_000);

  it("skips with a clear result when the requirements folder is absent", async () => {
    const result = await runConformance({
      requirementsDir: join(root, "missing"),
      handlersDir: fixtures,
      targetsDir: targets,
      time: "virtual",
      concurrency: 1,
    });
    expect(result).toEqual({ kind: "absent", requirementsDir: join(root, "missing") });
  });
});
