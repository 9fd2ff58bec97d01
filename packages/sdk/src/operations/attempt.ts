// One run of a user step / check function: in the user-code scope (durable operations inside are misuse),
// plugin-wrapped, with a mode-independent logger and an optional timeout. Callers hold the invocation's
// "executing" mark around it (so suspension waits) and turn the settled promise into their outcome update.
import type { OperationSlot } from "../context/operation-slot.js";
import { runAsUserCode } from "../context/user-code-scope.js";
import { StepTimeoutError, toError } from "../errors.js";
import { createDurableLogger } from "../logger.js";
import type { DurableLogger } from "../types/logger-types.js";
import type { AttemptInfo } from "../types/plugin.js";
import { slotInfo } from "./operation-hooks.js";

/** The user function of an attempt; the logger is typed by the user's logger type, unknown to the engine. */
type AttemptFunc<T> = (operationContext: { logger: any; attempt: number }) => Promise<T>;

/**
 * Runs one attempt of the user function; the promise settles as the function did (a timeout rejects with
 * StepTimeoutError). Without plugins or a timeout this is the user's own promise: no wrapper per attempt.
 */
export function runAttempt<T>(
  slot: OperationSlot,
  attempt: number,
  timeoutSeconds: number | undefined,
  fn: AttemptFunc<T>,
): Promise<T> {
  const operationContext = new AttemptContext(slot, attempt);
  if (!slot.ctx.runtime.plugins.enabled && timeoutSeconds === undefined)
    return runAsUserCode(slot, fn, operationContext);
  return runInstrumentedAttempt(slot, attempt, timeoutSeconds, fn, operationContext);
}

async function runInstrumentedAttempt<T>(
  slot: OperationSlot,
  attempt: number,
  timeoutSeconds: number | undefined,
  fn: AttemptFunc<T>,
  operationContext: AttemptContext,
): Promise<T> {
  const runtime = slot.ctx.runtime;
  const plugins = runtime.plugins;
  const info: AttemptInfo | undefined = plugins.enabled ? { ...slotInfo(slot, false), attempt } : undefined;
  if (info) await plugins.attemptStart(info);
  let timer: { cancel(): void } | undefined;
  try {
    const call = (): Promise<T> => runAsUserCode(slot, fn, operationContext);
    const running = info ? plugins.wrapAttempt(info, call) : call();
    const value = await (timeoutSeconds === undefined
      ? running
      : Promise.race([
          running,
          new Promise<never>((_, reject) => {
            timer = runtime.setTimer(
              () => reject(new StepTimeoutError(timeoutSeconds, slot.name)),
              timeoutSeconds * 1000,
            );
          }),
        ]));
    if (info) await plugins.attemptEnd({ ...info, outcome: "SUCCEEDED" });
    return value;
  } catch (thrown) {
    if (info) await plugins.attemptEnd({ ...info, outcome: "FAILED", error: toError(thrown) });
    throw thrown;
  } finally {
    timer?.cancel();
  }
}

/** What the user function receives: the attempt number and a logger built only if the function reads it. */
class AttemptContext {
  private loggerInstance: DurableLogger | undefined;

  constructor(
    private readonly slot: OperationSlot,
    readonly attempt: number,
  ) {}

  get logger(): DurableLogger {
    const slot = this.slot;
    this.loggerInstance ??= createDurableLogger(slot.ctx.runtime.log, {
      isReplaying: () => false,
      config: () => slot.ctx.currentLoggerConfig,
      operationId: slot.id,
      operationName: slot.name,
      attempt: this.attempt,
      parentId: slot.parentId,
    });
    return this.loggerInstance;
  }
}
