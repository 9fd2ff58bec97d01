import {
  BatchCompletionError,
  type BatchItem,
  type BatchResult,
  type ChildContextError,
  type CompletionReason,
} from "durable-lambda";

/** A BatchResult built by the mock context's map/parallel (same public surface as the SDK's). */
export class MockBatchResult<R> implements BatchResult<R> {
  constructor(
    readonly all: Array<BatchItem<R>>,
    readonly completionReason: CompletionReason,
    /** Items the batch was given, started or not. */
    readonly totalCount: number,
  ) {}

  succeeded(): Array<BatchItem<R> & { result: R }> {
    return this.all.filter(
      (i): i is BatchItem<R> & { result: R } => i.status === "SUCCEEDED" && i.result !== undefined,
    );
  }
  failed(): Array<BatchItem<R> & { error: ChildContextError }> {
    return this.all.filter(
      (i): i is BatchItem<R> & { error: ChildContextError } => i.status === "FAILED" && i.error !== undefined,
    );
  }
  started(): Array<BatchItem<R> & { status: "STARTED" }> {
    return this.all.filter((i): i is BatchItem<R> & { status: "STARTED" } => i.status === "STARTED");
  }
  get status(): "SUCCEEDED" | "FAILED" {
    return this.hasFailure || this.completionReason === "CUSTOM_COMPLETION_FAILED" ? "FAILED" : "SUCCEEDED";
  }
  get hasFailure(): boolean {
    return this.failureCount > 0;
  }
  throwIfError(): void {
    const first = this.failed()[0];
    if (first !== undefined) throw first.error;
    if (this.completionReason === "CUSTOM_COMPLETION_FAILED") {
      throw new BatchCompletionError(this.completionReason, "batch completed with a custom FAILED outcome");
    }
  }
  getResults(): R[] {
    return this.succeeded().map((i) => i.result);
  }
  getErrors(): ChildContextError[] {
    return this.failed().map((i) => i.error);
  }
  get successCount(): number {
    return this.all.filter((i) => i.status === "SUCCEEDED").length;
  }
  get failureCount(): number {
    return this.all.filter((i) => i.status === "FAILED").length;
  }
  get startedCount(): number {
    return this.all.filter((i) => i.status === "STARTED").length;
  }
  toJSON(): unknown {
    return {
      all: this.all.map((i) =>
        i.status === "FAILED"
          ? { error: i.error?.toErrorObject(), index: i.index, status: i.status }
          : { ...(i.result !== undefined ? { result: i.result } : {}), index: i.index, status: i.status },
      ),
      completionReason: this.completionReason,
    };
  }
}
