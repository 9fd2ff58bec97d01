/**
 * CallbackActions: how the runner plays the external system for async requirements. On each poll, every
 * CallbackStarted not yet handled takes the first unused action whose CallbackName is `*`, equals the
 * callback's Name, or is a `${/re/}` matching it; the action waits its `Delay` and sends success, failure or
 * heartbeat. A heartbeat leaves the callback matchable by a later action.
 *
 * @example
 * const responder = new CallbackResponder(req.callbackActions, ctx, api, busy, errors);
 * await responder.respond(events); // once per poll
 */
import type { ErrorObject } from "@aws-sdk/client-lambda";
import { regexMarker } from "./history-match.js";
import type { ConformanceApi } from "./lambda-api.js";
import type { PlaceholderContext } from "./placeholders.js";
import { pyJsonDumps } from "./py-json.js";
import { pySearch } from "./py-regex.js";
import { pyRepr, pyStr } from "./py-str.js";
import { isMapping, isPyNumber, numericValue, type PyMapping, type PyValue } from "./py-value.js";
import type { Busy } from "./runner-time.js";

const INHERITING_TYPES = new Set(["CallbackStarted", "StepStarted", "StepSucceeded"]);

/**
 * Gives a nameless CallbackStarted/StepStarted/StepSucceeded the Name of its parent when the parent (by
 * ParentId) is a named WaitForCallback operation, as upstream does before matching callback actions.
 */
export function inheritWaitForCallbackNames(events: PyMapping[]): void {
  const names = new Map<string, PyValue>();
  for (const e of events) {
    const id = e["Id"];
    const name = e["Name"];
    if (e["SubType"] === "WaitForCallback" && typeof id === "string" && name !== undefined && name !== null) {
      names.set(id, name);
    }
  }
  if (names.size === 0) return;
  for (const e of events) {
    const parent = e["ParentId"];
    if (typeof parent !== "string" || (e["Name"] !== undefined && e["Name"] !== null)) continue;
    const inherited = names.get(parent);
    if (
      inherited !== undefined &&
      typeof e["EventType"] === "string" &&
      INHERITING_TYPES.has(e["EventType"])
    ) {
      e["Name"] = inherited;
    }
  }
}

/** Answers callbacks as they appear in the history, recording send failures in `errors`. */
export class CallbackResponder {
  private readonly handled = new Set<string>();
  private readonly used = new Set<number>();

  constructor(
    private readonly actions: readonly PyValue[] | undefined,
    private readonly ctx: PlaceholderContext,
    private readonly api: ConformanceApi,
    private readonly busy: Busy,
    private readonly errors: string[],
  ) {}

  /** Handles every CallbackStarted event of this poll's history, in history order. */
  async respond(events: readonly PyMapping[]): Promise<void> {
    for (const event of events) {
      if (event["EventType"] !== "CallbackStarted") continue;
      const details = event["CallbackStartedDetails"];
      const callbackId = isMapping(details) ? details["CallbackId"] : undefined;
      if (typeof callbackId !== "string" || this.handled.has(callbackId)) continue;
      const name = typeof event["Name"] === "string" ? event["Name"] : "";
      const index = this.findAction(name);
      if (index === undefined) {
        this.handled.add(callbackId);
        if (this.actions !== undefined)
          this.errors.push(`No CallbackAction matches callback ${pyRepr(name)}`);
        continue;
      }
      const action = this.actions?.[index];
      this.used.add(index);
      await this.perform(isMapping(action) ? action : {}, callbackId, name);
    }
  }

  private findAction(name: string): number | undefined {
    const actions = this.actions ?? [];
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i];
      if (this.used.has(i) || !isMapping(action)) continue;
      const wanted = this.ctx.substitute(action["CallbackName"] ?? null);
      if (wanted === "*" || wanted === name) return i;
      const pattern = regexMarker(wanted);
      try {
        if (pattern !== undefined && pySearch(pattern, name)) return i;
      } catch (e) {
        this.errors.push(`CallbackActions[${i}].CallbackName: ${(e as Error).message}`);
      }
    }
    return undefined;
  }

  private async perform(action: PyMapping, callbackId: string, name: string): Promise<void> {
    const operation = action["Operation"];
    if (operation !== "heartbeat") this.handled.add(callbackId);
    const delay = action["Delay"];
    if (isPyNumber(delay) && numericValue(delay) > 0) await this.busy.sleep(numericValue(delay) * 1000);
    const payload = this.ctx.substitute(action["Payload"] ?? null);
    try {
      if (operation === "success") {
        await this.api.sendSuccess(callbackId, payload === null ? undefined : pyJsonDumps(payload));
      } else if (operation === "failure") {
        await this.api.sendFailure(callbackId, errorObject(payload));
      } else if (operation === "heartbeat") {
        await this.api.sendHeartbeat(callbackId);
      } else {
        throw new Error(
          `unknown Operation ${pyRepr(operation ?? null)} (expected success, failure or heartbeat)`,
        );
      }
    } catch (e) {
      this.errors.push(
        `Sending ${pyStr(operation ?? null)} for callback ${pyRepr(name)} failed: ${(e as Error).message}`,
      );
    }
  }
}

const ERROR_KEYS = ["ErrorType", "ErrorMessage", "ErrorData", "StackTrace"] as const;

/** The ErrorObject a failure action sends: the payload's error keys, or nothing. */
export function errorObject(payload: PyValue): ErrorObject | undefined {
  if (payload === null) return undefined;
  if (!isMapping(payload)) throw new Error(`a failure Payload must be a mapping, got ${pyRepr(payload)}`);
  const error: ErrorObject = {};
  let any = false;
  for (const key of ERROR_KEYS) {
    const value = payload[key];
    if (value === undefined) continue;
    any = true;
    if (key === "StackTrace") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        throw new Error(`StackTrace must be a list of strings, got ${pyRepr(value)}`);
      }
      error.StackTrace = value as string[];
    } else {
      if (typeof value !== "string") throw new Error(`${key} must be a string, got ${pyRepr(value)}`);
      error[key] = value;
    }
  }
  return any ? error : undefined;
}
