import { invalidParameter } from "../errors.js";
import { OPERATION_ACTIONS, OPERATION_TYPES, type ErrorObject, type OperationUpdate } from "../wire.js";

/**
 * Field validation of one OperationUpdate (SERVICE.md §4–§5, §7.2). Input is untrusted JSON; the result is a typed
 * update or an InvalidParameterValueException whose message names the field, what was expected and what arrived.
 *
 * @example
 * ```ts
 * const update = parseOperationUpdate(body.Updates[0], 0);
 * ```
 */
const ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const NAME_PATTERN = /^[\x20-\x7E]{1,256}$/;
const SUBTYPE_PATTERN = /^[a-zA-Z0-9_-]{1,32}$/;
const TENANT_PATTERN = /^[a-zA-Z0-9._:/=+\-@ ]{1,256}$/;
const MAX_SECONDS = 31_622_400;
const MAX_CALLBACK_SECONDS = 99_999_999;

const describe = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "string"
        ? `"${value.slice(0, 80)}"`
        : typeof value === "object"
          ? "an object"
          : String(value);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(
  obj: Record<string, unknown>,
  key: string,
  where: string,
  pattern?: RegExp,
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw invalidParameter(`${where}.${key} must be a string, got ${describe(value)}`);
  if (pattern && !pattern.test(value)) {
    throw invalidParameter(`${where}.${key} must match ${pattern.source}, got ${describe(value)}`);
  }
  return value;
}

function optionalInteger(
  obj: Record<string, unknown>,
  key: string,
  where: string,
  min: number,
  max: number,
): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`${where}.${key} must be an integer in ${min}..${max}, got ${describe(value)}`);
  }
  return value;
}

function optionalObject(
  obj: Record<string, unknown>,
  key: string,
  where: string,
): Record<string, unknown> | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalidParameter(`${where}.${key} must be an object, got ${describe(value)}`);
  return value;
}

/** Validates an ErrorObject (used by updates, Stop and callback failure). */
export function parseErrorObject(value: unknown, where: string, maxBytes: number): ErrorObject {
  if (!isRecord(value)) throw invalidParameter(`${where} must be an object, got ${describe(value)}`);
  const error: ErrorObject = {};
  const message = optionalString(value, "ErrorMessage", where);
  const type = optionalString(value, "ErrorType", where);
  const data = optionalString(value, "ErrorData", where);
  if (message !== undefined) error.ErrorMessage = message;
  if (type !== undefined) error.ErrorType = type;
  if (data !== undefined) error.ErrorData = data;
  const stack = value.StackTrace;
  if (stack !== undefined && stack !== null) {
    if (!Array.isArray(stack) || !stack.every((line) => typeof line === "string")) {
      throw invalidParameter(`${where}.StackTrace must be an array of strings, got ${describe(stack)}`);
    }
    error.StackTrace = stack as string[];
  }
  const size = Buffer.byteLength(JSON.stringify(error), "utf8");
  if (size > maxBytes)
    throw invalidParameter(`${where} must be at most ${maxBytes} bytes in total, got ${size}`);
  return error;
}

/** Validates the shape of `Updates[index]`; semantic checks belong to the state machines. */
export function parseOperationUpdate(value: unknown, index: number, maxErrorBytes: number): OperationUpdate {
  const where = `Updates[${index}]`;
  if (!isRecord(value)) throw invalidParameter(`${where} must be an object, got ${describe(value)}`);
  const id = optionalString(value, "Id", where, ID_PATTERN);
  if (id === undefined) throw invalidParameter(`${where}.Id is required`);
  const type = value.Type;
  if (typeof type !== "string" || !OPERATION_TYPES.has(type)) {
    throw invalidParameter(
      `${where}.Type must be one of ${[...OPERATION_TYPES].join("|")}, got ${describe(type)}`,
    );
  }
  const action = value.Action;
  if (typeof action !== "string" || !OPERATION_ACTIONS.has(action)) {
    throw invalidParameter(
      `${where}.Action must be one of ${[...OPERATION_ACTIONS].join("|")}, got ${describe(action)}`,
    );
  }
  const update: OperationUpdate = {
    Id: id,
    Type: type as OperationUpdate["Type"],
    Action: action as OperationUpdate["Action"],
  };
  const parentId = optionalString(value, "ParentId", where, ID_PATTERN);
  const name = optionalString(value, "Name", where, NAME_PATTERN);
  const subType = optionalString(value, "SubType", where, SUBTYPE_PATTERN);
  const payload = optionalString(value, "Payload", where);
  if (parentId !== undefined) update.ParentId = parentId;
  if (name !== undefined) update.Name = name;
  if (subType !== undefined) update.SubType = subType;
  if (payload !== undefined) update.Payload = payload;
  if (value.Error !== undefined && value.Error !== null) {
    update.Error = parseErrorObject(value.Error, `${where}.Error`, maxErrorBytes);
  }

  const context = optionalObject(value, "ContextOptions", where);
  if (context) {
    const replay = context.ReplayChildren;
    if (replay !== undefined && replay !== null && typeof replay !== "boolean") {
      throw invalidParameter(
        `${where}.ContextOptions.ReplayChildren must be a boolean, got ${describe(replay)}`,
      );
    }
    update.ContextOptions = typeof replay === "boolean" ? { ReplayChildren: replay } : {};
  }
  const step = optionalObject(value, "StepOptions", where);
  if (step) {
    const delay = optionalInteger(step, "NextAttemptDelaySeconds", `${where}.StepOptions`, 1, MAX_SECONDS);
    update.StepOptions = delay === undefined ? {} : { NextAttemptDelaySeconds: delay };
  }
  const wait = optionalObject(value, "WaitOptions", where);
  if (wait) {
    const seconds = optionalInteger(wait, "WaitSeconds", `${where}.WaitOptions`, 1, MAX_SECONDS);
    update.WaitOptions = seconds === undefined ? {} : { WaitSeconds: seconds };
  }
  const callback = optionalObject(value, "CallbackOptions", where);
  if (callback) {
    update.CallbackOptions = {};
    const timeout = optionalInteger(
      callback,
      "TimeoutSeconds",
      `${where}.CallbackOptions`,
      0,
      MAX_CALLBACK_SECONDS,
    );
    const heartbeat = optionalInteger(
      callback,
      "HeartbeatTimeoutSeconds",
      `${where}.CallbackOptions`,
      0,
      MAX_CALLBACK_SECONDS,
    );
    if (timeout !== undefined) update.CallbackOptions.TimeoutSeconds = timeout;
    if (heartbeat !== undefined) update.CallbackOptions.HeartbeatTimeoutSeconds = heartbeat;
  }
  const invoke = optionalObject(value, "ChainedInvokeOptions", where);
  if (invoke) {
    const functionName = optionalString(invoke, "FunctionName", `${where}.ChainedInvokeOptions`);
    if (functionName === undefined || functionName.length < 1 || functionName.length > 256) {
      throw invalidParameter(`${where}.ChainedInvokeOptions.FunctionName is required (1..256 characters)`);
    }
    update.ChainedInvokeOptions = { FunctionName: functionName };
    const tenant = optionalString(invoke, "TenantId", `${where}.ChainedInvokeOptions`, TENANT_PATTERN);
    const trace = optionalString(invoke, "XAmznTraceId", `${where}.ChainedInvokeOptions`);
    if (tenant !== undefined) update.ChainedInvokeOptions.TenantId = tenant;
    if (trace !== undefined) update.ChainedInvokeOptions.XAmznTraceId = trace;
  }
  return update;
}
