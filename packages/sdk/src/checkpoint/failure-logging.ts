// One log line per failed service call, on the developer's logger when the SDK passes one.
import type { DurableLogger } from "../types/logger-types.js";

/**
 * Reports a failed durable-execution API call to `logger` (if any), with the request id when the
 * service returned one. The error itself is rethrown by the caller.
 *
 * @example
 * try { return await call(); } catch (e) { logTransportFailure(logger, "CheckpointDurableExecution", e); throw e; }
 */
export function logTransportFailure(logger: DurableLogger | undefined, api: string, error: unknown): void {
  if (!logger) return;
  const requestId = (error as { $metadata?: { requestId?: unknown } } | null)?.$metadata?.requestId;
  logger.error(`${api} failed`, error, { requestId });
}
