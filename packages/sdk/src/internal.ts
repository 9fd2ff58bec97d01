// durable-lambda/internal: SDK internals shared with the sibling packages of this repository
// (@durable-lambda/testing's mock context, which must number, serialize and batch exactly as the
// SDK does). Not part of the public API and not covered by semver: anything here may change or
// disappear in any release. Applications import from "durable-lambda" only. (In the built package these exports
// live in dist/index.js as its `__internal` namespace, which dist/internal.js re-exports, so both entries share one
// copy of every class; see scripts/bundle-package.mjs.)

// Operation ids (SDK.md §2).
export { hashOperationId, childRawId } from "./replay/operation-id.js";
// The `(name?, ...rest)` argument parser every DurableContext method shares.
export { splitName } from "./context/parse-args.js";
// Duration → seconds, with typed errors for bad input; the checked forms waits and callbacks send.
export { durationToSeconds, wholeSeconds, MAX_WAIT_SECONDS } from "./duration.js";
export { callbackOptions } from "./operations/callback.js";
// Errors as checkpointed (ErrorObject) and as a child context's caller receives them.
export { toErrorObject } from "./errors.js";
export { asChildContextError } from "./operations/batch-result.js";
// Guarded (de)serialization: serdes failures become SerdesFailedError naming the operation.
export { serializeFor, deserializeFor } from "./serdes.js";
export type { PayloadOwner } from "./serdes.js";
// map and parallel over any DurableContext: argument checks, the concurrency engine, the completion
// policy and the BatchResult payload format (SDK.md §4.8).
export { runMap } from "./operations/map.js";
export { runParallel } from "./operations/parallel.js";
// ctx.waitForCallback over any DurableContext (SDK.md §4.5).
export { runWaitForCallback } from "./operations/wait-for-callback.js";
// ctx.promise.all / allSettled / any / race over any DurableContext (SDK.md §4.10).
export { runCombinator } from "./operations/combinators.js";
// Compensation (saga) steps over any DurableContext; the registry is kept per context object.
export { stepWithCompensation, runCompensations, compensationCount } from "./operations/compensation.js";
