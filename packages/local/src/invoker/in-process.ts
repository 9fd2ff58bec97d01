import type { InvocationRequest, InvocationResult, Invoker } from "./invoker.js";
import { lambdaContext } from "./lambda-context.js";

/**
 * Runs functions registered with a `handler` by calling it directly in this process. The handler's SDK reaches the
 * engine through whatever transport it was built with — typically an `InProcessDurableClient` (no HTTP), or the
 * HTTP API when it uses the default transport with AWS_ENDPOINT_URL_LAMBDA pointing at the service.
 *
 * A timeout abandons the invocation (`Sandbox.Timedout`); the handler cannot be killed in-process, but its
 * checkpoint token dies with the invocation, so nothing it does afterwards takes effect.
 *
 * @example
 * ```ts
 * const invoker = new InProcessInvoker();
 * await invoker.invoke({ fn: { name: "f", handler }, version: "$LATEST", payload, requestId, serviceUrl, deadlineMs, onLog });
 * ```
 */
export class InProcessInvoker implements Invoker {
  async invoke(req: InvocationRequest): Promise<InvocationResult> {
    const handler = req.fn.handler;
    if (handler === undefined) {
      return {
        kind: "failed",
        errorType: "Runtime.HandlerNotFound",
        errorMessage: `Function ${req.fn.name} has no in-process handler`,
      };
    }
    const context = lambdaContext(req.fn, req.version, req.requestId, req.deadlineMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<InvocationResult>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            kind: "failed",
            errorType: "Sandbox.Timedout",
            errorMessage: `Task timed out after ${(req.fn.timeoutSeconds ?? 900).toFixed(2)} seconds`,
          }),
        Math.max(0, req.deadlineMs - Date.now()),
      );
      timer.unref();
    });
    const run = (async (): Promise<InvocationResult> => {
      try {
        return { kind: "returned", value: await handler(req.payload, context) };
      } catch (error) {
        return error instanceof Error
          ? { kind: "failed", errorType: error.name, errorMessage: error.message }
          : { kind: "failed", errorType: "Error", errorMessage: String(error) };
      }
    })();
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {}
}
