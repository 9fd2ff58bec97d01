// One scenario per import-swap handler: its input, the scripted outside world, and what must come out of the
// run — the same expectations whichever SDK the handler's `durable-lambda` import resolves to.
import { expect } from "vitest";
import type { ServiceScript } from "./harness/in-memory-service.js";
import type { ExecutionRun } from "./harness/run-execution.js";

/** A handler module, the input it runs with, its outside world and the assertions on its run. */
export interface Scenario {
  /** The module file under ./handlers, without extension. */
  handler: string;
  input: unknown;
  script?: ServiceScript;
  /** The handler uses jittered retry/poll delays, so their values are not compared between the SDKs. */
  jitteredDelays?: boolean;
  /** Checks the run and the module's own observations (the arrays some handler modules export). */
  verify: (run: ExecutionRun, module: Record<string, unknown>) => void;
}

/** The checkpointed payload of the last update with this operation name and action. */
function payloadOf(run: ExecutionRun, name: string, action: string): unknown {
  const update = run.updates.findLast(
    (recorded) => recorded.update.Name === name && recorded.update.Action === action,
  );
  expect(update, `an update ${action} for ${name}`).toBeDefined();
  return JSON.parse(update?.update.Payload ?? "null") as unknown;
}

/** The update actions of the operation with this name, in order. */
function actionsOf(run: ExecutionRun, name: string): string[] {
  return run.updates
    .filter((recorded) => recorded.update.Name === name)
    .map((recorded) => String(recorded.update.Action));
}

class LoyaltyRetiredError extends Error {
  constructor() {
    super("loyalty service retired");
    this.name = "LoyaltyRetiredError";
  }
}

export const scenarios: Scenario[] = [
  {
    handler: "order-fulfilment",
    input: { orderId: "o-1", lines: [{ sku: "a", quantity: 2, unitPrice: 5 }] },
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        orderId: "o-1",
        total: 10,
        reservation: { reservationId: "res-o-1", attempt: 2 },
        charge: { charged: 10, currency: "EUR" },
      });
      expect(actionsOf(run, "reserve-inventory")).toEqual(["START", "RETRY", "START", "SUCCEED"]);
      const retry = run.updates.find((recorded) => recorded.update.Action === "RETRY");
      expect(retry?.update.StepOptions?.NextAttemptDelaySeconds).toBe(2);
      const coolingOff = run.updates.find((recorded) => recorded.update.Name === "cooling-off");
      expect(coolingOff?.update.WaitOptions?.WaitSeconds).toBe(90);
      expect(run.invocations).toBe(4);
    },
  },
  {
    handler: "retry-policies",
    input: null,
    jitteredDelays: true,
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        viaDefault: 2,
        viaLinear: 3,
        viaCustom: 2,
        declined: { message: "card declined", errorType: "StepError", isDurableError: true },
      });
      const delays = run.updates
        .filter((recorded) => recorded.update.Name === "linear" && recorded.update.Action === "RETRY")
        .map((recorded) => recorded.update.StepOptions?.NextAttemptDelaySeconds);
      expect(delays).toEqual([1, 3]);
      const custom = run.updates.find(
        (recorded) => recorded.update.Name === "custom" && recorded.update.Action === "RETRY",
      );
      expect(custom?.update.StepOptions?.NextAttemptDelaySeconds).toBe(3);
      expect(custom?.update.Error?.ErrorType).toBe("TransientError");
      expect(actionsOf(run, "charge-card")).toEqual(["START", "FAIL"]);
    },
  },
  {
    handler: "invoke-chain",
    input: { tenantId: "t-9", sku: "sku-1", quantity: 3 },
    script: {
      invokeTargets: {
        "pricing-function": (request) => {
          const [sku, quantity] = String(request).split(":");
          return { sku, amountEuros: 2.5 * Number(quantity) };
        },
        "audit-function": (_event, tenantId) => ({ recorded: true, tenant: tenantId }),
        "loyalty-function": () => {
          throw new LoyaltyRetiredError();
        },
      },
    },
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        quote: { sku: "sku-1", amountCents: 750 },
        receipt: { recorded: true, tenant: "t-9" },
        loyalty: "unavailable: loyalty service retired",
      });
      const starts = run.updates.map((recorded) => recorded.update);
      expect(starts.map((update) => update.ChainedInvokeOptions?.FunctionName)).toEqual([
        "pricing-function",
        "audit-function",
        "loyalty-function",
      ]);
      expect(starts[0]?.Payload).toBe('"sku-1:3"');
      expect(starts[1]?.ChainedInvokeOptions?.TenantId).toBe("t-9");
    },
  },
  {
    handler: "child-contexts",
    input: { street: "  1 Main St ", city: "paris" },
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        address: { street: "1 Main St", city: "PARIS" },
        catalogueLength: 360_000,
        validation: "validation failed: postcode missing",
      });
      const address = run.updates.find(
        (recorded) => recorded.update.Name === "normalise-address" && recorded.update.Action === "SUCCEED",
      );
      expect(address?.update.SubType).toBe("AddressNormalisation");
      expect(address?.update.Payload).toBe("1 Main St|PARIS");
      const large = run.updates.find(
        (recorded) =>
          recorded.update.Type === "CONTEXT" && recorded.update.ContextOptions?.ReplayChildren === true,
      );
      expect(large, "the oversized child result is checkpointed with ReplayChildren").toBeDefined();
      expect(large?.update.Payload ?? "").toContain("360000");
      expect(actionsOf(run, "validate")).toEqual(["START", "FAIL"]);
    },
  },
  {
    handler: "map-batch",
    input: [
      { id: "s1", weightKg: 3 },
      { id: "s2", weightKg: 40 },
      { id: "s3", weightKg: 12 },
    ],
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        labels: {
          results: ["s1/3kg", "s3/12kg"],
          status: "FAILED",
          completionReason: "ALL_COMPLETED",
          hasFailure: true,
          counts: [2, 1, 0, 3],
          statuses: ["SUCCEEDED", "FAILED", "SUCCEEDED"],
          failedIndexes: [1],
          errors: ["s2 is too heavy"],
          succeeded: ["s1/3kg", "s3/12kg"],
          started: 0,
          allSucceeded: false,
        },
        weights: { completionReason: "MIN_SUCCESSFUL_REACHED", succeeded: 2 },
        grid: [
          [10, 20],
          [20, 40],
        ],
      });
      const iterationNames = run.updates
        .filter(
          (recorded) => recorded.update.SubType === "MapIteration" && recorded.update.Action === "START",
        )
        .map((recorded) => recorded.update.Name);
      expect(iterationNames.slice(0, 3)).toEqual(["ship-0-s1", "ship-1-s2", "ship-2-s3"]);
      const firstLabel = run.updates.find(
        (recorded) => recorded.update.Name === "ship-0-s1" && recorded.update.Action === "SUCCEED",
      );
      expect(firstLabel?.update.Payload).toBe("label:s1/3kg");
      const flatIterations = run.updates.filter(
        (recorded) => recorded.update.SubType === "MapIteration" && recorded.update.ParentId === undefined,
      );
      expect(flatIterations).toEqual([]);
    },
  },
  {
    handler: "parallel-branches",
    input: null,
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        checks: { results: ["in stock", "clean"], reason: "CUSTOM_COMPLETION_SUCCEEDED", started: 0 },
        risky: { status: "FAILED", failures: 1 },
        mixed: [7, "seven"],
        thrown: "child: carrier API down",
      });
      const branches = run.updates
        .filter(
          (recorded) => recorded.update.SubType === "ParallelBranch" && recorded.update.Action === "START",
        )
        .map((recorded) => recorded.update.Name);
      expect(branches.slice(0, 2)).toEqual(["stock", "fraud"]);
      expect(branches).toHaveLength(6);
    },
  },
  {
    handler: "wait-for-condition",
    input: null,
    jitteredDelays: true,
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toMatchObject({ job: { status: "DONE", polls: 3 }, counter: 12 });
      expect((run.result as { failure?: string }).failure).toContain("probe endpoint returned 500");
      const polls = run.updates.filter(
        (recorded) => recorded.update.SubType === "WaitForCondition" && recorded.update.Action === "RETRY",
      );
      expect(polls[0]?.update.Payload).toBe("RUNNING#1");
      expect(actionsOf(run, "count-to-ten")).toEqual([
        "START",
        "RETRY",
        "START",
        "RETRY",
        "START",
        "SUCCEED",
      ]);
      expect(actionsOf(run, "broken-probe")).toEqual(["START", "FAIL"]);
    },
  },
  {
    handler: "callbacks",
    input: null,
    script: {
      answerCallback: ({ name }) => {
        if (name === "manager-approval") {
          return { outcome: "success", result: JSON.stringify({ approved: true, approver: "kim" }) };
        }
        if (name === undefined) return { outcome: "success", result: "receipt-42" };
        if (name === "courier-pickup") return { outcome: "timeout" };
        return { outcome: "failure", error: { ErrorType: "LegalRejected", ErrorMessage: "clause 7" } };
      },
    },
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        decision: { approved: true, approver: "kim" },
        receiptText: "receipt-42",
        isDurablePromise: true,
        pickup: "timed out",
        review: "rejected (CallbackExternalError): clause 7",
      });
      const receipt = run.updates.find(
        (recorded) => recorded.update.Type === "CALLBACK" && recorded.update.Name === undefined,
      );
      expect(receipt?.update.CallbackOptions?.TimeoutSeconds).toBe(300);
      const approval = run.updates.find((recorded) => recorded.update.Name === "manager-approval");
      expect(approval?.update.CallbackOptions).toEqual({
        TimeoutSeconds: 86_400,
        HeartbeatTimeoutSeconds: 1800,
      });
    },
  },
  {
    handler: "wait-for-callback",
    input: "doc-1",
    script: {
      answerCallback: ({ parentName }) =>
        parentName === "collect-signature"
          ? { outcome: "success", result: JSON.stringify({ signedBy: "lee" }) }
          : { outcome: "success", result: '"archived"' },
    },
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({ signature: { signedBy: "lee" }, archiveAck: '"archived"' });
      const signatureCallback = run.updates.find((recorded) => recorded.update.Type === "CALLBACK");
      expect(signatureCallback?.update.CallbackOptions).toEqual({
        TimeoutSeconds: 604_800,
        HeartbeatTimeoutSeconds: 43_200,
      });
      const submitterRetries = run.updates.filter(
        (recorded) => recorded.update.Type === "STEP" && recorded.update.Action === "RETRY",
      );
      expect(submitterRetries).toHaveLength(1);
    },
  },
  {
    handler: "promise-combinators",
    input: null,
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        notYetRun: true,
        prices: [10, 12],
        settled: ["fulfilled", "rejected"],
        firstHealthy: "mirror-2",
        fastest: "fast",
      });
      expect(actionsOf(run, "warehouse-b")).toEqual(["START", "FAIL"]);
    },
  },
  {
    handler: "logging",
    input: "ada",
    verify: (run, module) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({ account: "acct-ada", arnIsExecution: true, hasRequestId: true });
      expect(run.invocations).toBe(2);
      const lines = module["capturedLines"] as { level: string; message: string; operationName?: string }[];
      // modeAware: every line exactly once although the first part of the handler ran twice.
      expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual([
        "INFO onboarding ada",
        "DEBUG creating account for ada",
        "WARN account opened acct-ada",
        "ERROR welcome email bounced for ada",
      ]);
      expect(lines[1]?.operationName).toBe("open-account");
    },
  },
  {
    handler: "serdes-config",
    input: null,
    script: { answerCallback: () => ({ outcome: "success", result: JSON.stringify({ paid: 1999 }) }) },
    verify: (run, module) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        invoice: "INV-7: 1999 cents",
        issuedYear: 2026,
        greeting: "Dear Ada (gold)",
        plain: { ok: true },
        confirmation: { paid: 1999 },
      });
      expect(payloadOf(run, "issue-invoice", "SUCCEED")).toEqual({
        number: "INV-7",
        amountCents: 1999,
        issuedAt: "2026-01-02T03:04:05.000Z",
      });
      // The configured default serdes served the step without its own serdes, and only that one.
      expect(module["serdesEntities"]).toHaveLength(1);
    },
  },
  {
    handler: "plugins",
    input: null,
    verify: (run, module) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toBe("HELLO");
      const events = module["hookEvents"] as string[];
      expect(events).toEqual(
        expect.arrayContaining([
          "invocation-start first=true",
          "operation-start STEP greet replay=false",
          "attempt-end greet #1 SUCCEEDED",
          "operation-end STEP greet SUCCEEDED",
          "invocation-end PENDING",
          "invocation-start first=false",
          "operation-end WAIT pause SUCCEEDED",
          "operation-end CONTEXT shout SUCCEEDED",
          "invocation-end SUCCEEDED",
        ]),
      );
      expect(events.filter((event) => event === "operation-end STEP greet SUCCEEDED")).toHaveLength(1);
      expect(events.indexOf("invocation-end PENDING")).toBeLessThan(
        events.indexOf("invocation-start first=false"),
      );
    },
  },
  {
    handler: "with-retry",
    input: null,
    verify: (run) => {
      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({ booked: "booked on attempt 2", confirmed: "confirmed #1" });
      const booking = run.updates.find((recorded) => recorded.update.Name === "book-slot");
      expect(booking?.update.SubType).toBe("BookingAttempt");
      expect(run.invocations).toBe(2);
    },
  },
  {
    handler: "error-classes",
    input: "acme",
    verify: (run) => {
      expect(run.status).toBe("FAILED");
      expect(run.error).toMatchObject({
        ErrorType: "QuotaExceededError",
        ErrorMessage: "tenant acme is over quota",
      });
      expect(payloadOf(run, "record-failures", "SUCCEED")).toEqual({
        stepFailure: {
          classes: ["DurableOperationError", "StepError"],
          errorType: "StepError",
          wire: { ErrorType: "StepError", ErrorMessage: "tenant acme is over quota" },
        },
        childFailure: ["DurableOperationError", "ChildContextError"],
      });
    },
  },
];
