// One run of a user step / check function: marked as executing (blocks suspension), in the user-code scope
// (durable operations inside are misuse), plugin-wrapped, with a mode-independent logger and an optional timeout.
import type { OperationSlot } from "../context/operation-slot.js";
import { runAsUserCode } from "../context/user-code-scope.js";
import { StepTimeoutError, toError } from "../errors.js";
import { createDurableLogger } from "../logger.js";
import type { DurableLogger } from "../types/logger-types.js";
import type { AttemptInfo } from "../types/plugin.js";
import { slotInfo } from "./operation-hooks.js";

/** What one attempt produced; `thrown` is the raw value (a non-Error serializes as "Unknown error"). */
export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: Error; thrown: unknown };

/** One attempt of the user function: marked executing, plugin-wrapped, raced against the step timeout. */
export async function runAttempt<T>(
  slot: OperationSlot,
  attempt: number,
  timeoutSeconds: number | undefined,
  // The logger is typed by the user's logger type parameter, which the engine does not know.
  fn: (operationContext: { logger: any; attempt: number }) => Promise<T>,
): Promise<AttemptOutcome<T>> {
  const runtime = slot.ctx.runtime;
  const done = runtime.lifecycle.beginExecuting();
  const operationContext = new AttemptContext(slot, attempt);
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
    return { ok: true, value };
  } catch (thrown) {
    const error = toError(thrown);
    if (info) await plugins.attemptEnd({ ...info, outcome: "FAILED", error });
    return { ok: false, error, thrown };
  } finally {
    timer?.cancel();
    done();
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
