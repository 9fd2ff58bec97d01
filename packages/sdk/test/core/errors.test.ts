import { describe, expect, it } from "vitest";
import {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  CompensationError,
  DurableExecutionClientError,
  DurableOperationError,
  InvokeError,
  PromiseCombinatorError,
  StepError,
  WaitForConditionError,
  isDurableExecutionClientError,
} from "../../src/index.js";
import { toErrorObject } from "../../src/errors.js";

describe("error taxonomy (SDK.md §9)", () => {
  const classes = [
    [StepError, "StepError", "STEP_FAILED"],
    [CallbackError, "CallbackError", "CALLBACK_ERROR"],
    [CallbackExternalError, "CallbackExternalError", "CALLBACK_FAILED"],
    [CallbackTimeoutError, "CallbackTimeoutError", "CALLBACK_TIMED_OUT"],
    [CallbackSubmitterError, "CallbackSubmitterError", "CALLBACK_SUBMITTER_FAILED"],
    [InvokeError, "InvokeError", "INVOKE_FAILED"],
    [ChildContextError, "ChildContextError", "CHILD_CONTEXT_FAILED"],
    [WaitForConditionError, "WaitForConditionError", "WAIT_FOR_CONDITION_FAILED"],
    [PromiseCombinatorError, "PromiseCombinatorError", "PROMISE_COMBINATOR_FAILED"],
    [CompensationError, "CompensationError", "COMPENSATION_FAILED"],
  ] as const;

  it.each(classes)("%o round-trips through ErrorObject by its type tag", (Cls, errorType, code) => {
    const original = new Cls("msg", undefined, "data");
    expect(original.errorType).toBe(errorType);
    expect(original.code).toBe(code);
    const object = original.toErrorObject();
    expect(object).toEqual({ ErrorType: errorType, ErrorMessage: "msg", ErrorData: "data" });
    const rebuilt = DurableOperationError.fromErrorObject(object);
    expect(rebuilt).toBeInstanceOf(Cls);
    expect(rebuilt.message).toBe("msg");
    expect(rebuilt.errorData).toBe("data");
    expect(rebuilt.cause?.name).toBe(errorType);
  });

  it("BatchCompletionError keeps its reason and serializes with its tag", () => {
    const e = new BatchCompletionError("CUSTOM_COMPLETION_FAILED");
    expect(e.completionReason).toBe("CUSTOM_COMPLETION_FAILED");
    expect(e.toErrorObject().ErrorType).toBe("BatchCompletionError");
  });

  it("unknown types become StepError carrying the message and the original type as cause name", () => {
    const rebuilt = DurableOperationError.fromErrorObject({
      ErrorType: "TransientError",
      ErrorMessage: "flaky",
    });
    expect(rebuilt).toBeInstanceOf(StepError);
    expect(rebuilt.message).toBe("flaky");
    expect(rebuilt.cause?.name).toBe("TransientError");
  });

  it("ErrorData is taken from the first string up the cause chain", () => {
    const inner = new InvokeError("inner", undefined, "payload");
    const outer = new ChildContextError("outer", new StepError("middle", inner));
    expect(outer.toErrorObject()).toEqual({
      ErrorType: "ChildContextError",
      ErrorMessage: "outer",
      ErrorData: "payload",
    });
  });

  it("serializes plain errors by name and non-errors as Unknown error, never with a stack", () => {
    class CustomError extends Error {
      override name = "CustomError";
    }
    expect(toErrorObject(new CustomError("c"))).toEqual({ ErrorType: "CustomError", ErrorMessage: "c" });
    expect(toErrorObject("text")).toEqual({ ErrorMessage: "Unknown error" });
    expect(toErrorObject(new StepError("s")).StackTrace).toBeUndefined();
  });

  it("DurableExecutionClientError carries a scope and is recognised structurally", () => {
    const e = new DurableExecutionClientError("x", { scope: "EXECUTION" });
    expect(e.scope).toBe("EXECUTION");
    expect(new DurableExecutionClientError("y").scope).toBe("INVOCATION");
    expect(isDurableExecutionClientError(e)).toBe(true);
    expect(isDurableExecutionClientError({ isDurableExecutionClientError: true })).toBe(true);
    expect(isDurableExecutionClientError(new Error("z"))).toBe(false);
  });
});
