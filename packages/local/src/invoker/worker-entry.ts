/**
 * Entry script of a worker process: the local stand-in for the Lambda Node.js runtime.
 *
 * Started by `WorkerProcess` with an IPC channel. It loads the function's module once ("init"), then runs
 * one invocation at a time, calling the handler with the event and a Lambda-like context. Every outcome is
 * reported over IPC after an end marker has been written to stdout and stderr (see worker-protocol.ts).
 * Uncaught errors during an invocation fail that invocation and end the process, as the Lambda runtime does.
 */
import { basename, extname } from "node:path";
import { pathToFileURL } from "node:url";
import {
  endMarker,
  isToWorkerMessage,
  type FromWorkerMessage,
  type ToWorkerMessage,
  type WorkerContextFields,
  type WorkerOutcome,
} from "./worker-protocol.js";

type Handler = (
  event: unknown,
  context: unknown,
  callback?: (error?: unknown, value?: unknown) => void,
) => unknown;

let handler: Handler | undefined;
let markerNonce = "";
/** The invocation in progress; `finished` guards against reporting one invocation twice. */
let current: { seq: number; finished: boolean } | undefined;

function send(message: FromWorkerMessage): void {
  process.send?.(message);
}

function describeError(error: unknown): { errorType: string; errorMessage: string } {
  if (error instanceof Error) return { errorType: error.name || "Error", errorMessage: error.message };
  if (typeof error === "object" && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === "string") {
      return { errorType: typeof name === "string" && name !== "" ? name : "Error", errorMessage: message };
    }
  }
  // Like the Lambda runtime, a thrown non-error is reported under its JavaScript type.
  return { errorType: typeof error, errorMessage: String(error) };
}

function writeLine(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(`${text}\n`, () => resolve()));
}

async function finish(seq: number, outcome: WorkerOutcome, discard = false): Promise<void> {
  if (current === undefined || current.seq !== seq || current.finished) return;
  current.finished = true;
  const marker = endMarker(markerNonce, seq);
  await Promise.all([writeLine(process.stdout, marker), writeLine(process.stderr, marker)]);
  current = undefined;
  send({ type: "result", seq, outcome, ...(discard ? { discard } : {}) });
}

async function init(module: string, exportName: string): Promise<void> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  } catch (error) {
    const { errorType, errorMessage } = describeError(error);
    send({
      type: "init-failed",
      errorType: "Runtime.ImportModuleError",
      errorMessage: `${errorType}: ${errorMessage}`,
    });
    return;
  }
  // A CommonJS module imported from ESM may expose its exports only under `default`.
  const fallback = namespace.default;
  const candidate =
    namespace[exportName] ??
    (typeof fallback === "object" && fallback !== null
      ? (fallback as Record<string, unknown>)[exportName]
      : undefined);
  if (typeof candidate !== "function") {
    const moduleName = basename(module, extname(module));
    send({
      type: "init-failed",
      errorType: "Runtime.HandlerNotFound",
      errorMessage: `${moduleName}.${exportName} is undefined or not exported`,
    });
    return;
  }
  handler = candidate as Handler;
  send({ type: "ready" });
}

function lambdaContext(fields: WorkerContextFields): Record<string, unknown> {
  const { deadlineMs, ...rest } = fields;
  return {
    ...rest,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/** Calls the handler; supports async handlers and callback-style handlers (three parameters). */
function callHandler(fn: Handler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, value?: unknown): void => {
      if (error !== undefined && error !== null) reject(error);
      else resolve(value);
    };
    const returned = fn(event, context, callback);
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === "function") {
      (returned as PromiseLike<unknown>).then(resolve, reject);
    } else if (fn.length < 3) {
      resolve(returned);
    }
  });
}

function returnedOutcome(value: unknown): WorkerOutcome {
  try {
    // The IPC channel serialises as JSON; check first so an unserialisable result is reported, not thrown.
    JSON.stringify(value);
    return { kind: "returned", value };
  } catch (error) {
    return {
      kind: "failed",
      errorType: "Runtime.MarshalError",
      errorMessage: describeError(error).errorMessage,
    };
  }
}

async function invoke(seq: number, event: unknown, fields: WorkerContextFields): Promise<void> {
  current = { seq, finished: false };
  let outcome: WorkerOutcome;
  try {
    if (handler === undefined)
      throw new Error("the worker received an invocation before its module was loaded");
    outcome = returnedOutcome(await callHandler(handler, event, lambdaContext(fields)));
  } catch (error) {
    outcome = { kind: "failed", ...describeError(error) };
  }
  await finish(seq, outcome);
}

/** An uncaught error fails the running invocation and ends the process (it may be in a broken state). */
async function fatal(error: unknown, errorType?: string): Promise<void> {
  const described = describeError(error);
  if (current !== undefined && !current.finished) {
    const outcome: WorkerOutcome =
      errorType === undefined
        ? { kind: "failed", ...described }
        : { kind: "failed", errorType, errorMessage: `${described.errorType}: ${described.errorMessage}` };
    await finish(current.seq, outcome, true);
  } else {
    process.stderr.write(`Uncaught ${described.errorType}: ${described.errorMessage}\n`);
  }
  process.exit(1);
}

process.on("uncaughtException", (error) => void fatal(error));
process.on("unhandledRejection", (reason) => void fatal(reason, "Runtime.UnhandledPromiseRejection"));
// The service went away (or closed the channel): a worker never outlives it.
process.on("disconnect", () => process.exit(0));
process.on("message", (message: unknown) => {
  if (!isToWorkerMessage(message)) return;
  const typed: ToWorkerMessage = message;
  if (typed.type === "init") {
    markerNonce = typed.markerNonce;
    void init(typed.module, typed.exportName);
  } else {
    void invoke(typed.seq, typed.event, typed.context);
  }
});
