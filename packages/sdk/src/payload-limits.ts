// Per-operation-type payload limits ([ours], SDK.md §13.1): defaults, and the check of the user's overrides.
import { InvalidOperationConfigError } from "./errors.js";
import type { PayloadLimits } from "./types/durable-execution.js";

/**
 * Default limits in UTF-8 bytes. STEP, CONTEXT and CHAINED_INVOKE reject a larger payload with
 * PayloadTooLargeError; EXECUTION is the largest handler result returned inline — a larger one is checkpointed
 * on the EXECUTION operation and the output carries an empty Result (SDK.md §1).
 */
export const DEFAULT_PAYLOAD_LIMITS: Required<PayloadLimits> = {
  STEP: 256 * 1024,
  CONTEXT: 256 * 1024,
  CHAINED_INVOKE: 256 * 1024,
  EXECUTION: 6 * 1024 * 1024 - 50,
};

/**
 * The effective limits: `overrides` over the defaults. Throws {@link InvalidOperationConfigError} for an
 * unknown key or a value that is not a non-negative number.
 *
 * @example
 * resolvePayloadLimits({ STEP: 1_000_000 }).STEP; // 1000000
 */
export function resolvePayloadLimits(overrides: unknown): Required<PayloadLimits> {
  if (overrides === undefined) return DEFAULT_PAYLOAD_LIMITS;
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw new InvalidOperationConfigError("payloadLimits must be an object");
  }
  const limits = { ...DEFAULT_PAYLOAD_LIMITS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(DEFAULT_PAYLOAD_LIMITS, key)) {
      throw new InvalidOperationConfigError(
        key === "CALLBACK"
          ? "payloadLimits.CALLBACK is not a limit: the SDK never sends a callback's result (the service " +
              "receives it from SendDurableExecutionCallbackSuccess)"
          : `payloadLimits.${key} is not a known limit; use ${Object.keys(DEFAULT_PAYLOAD_LIMITS).join(", ")}`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
      throw new InvalidOperationConfigError(
        `payloadLimits.${key} must be a non-negative number of bytes, received ${String(value)}`,
      );
    }
    limits[key as keyof PayloadLimits] = value;
  }
  return limits;
}
