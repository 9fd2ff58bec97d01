// Default serdes (JSON) and the guarded (de)serialize calls every operation uses: failures become a typed
// SerdesFailedError naming the operation, and payloads are checked against a per-type size limit.
import { PayloadTooLargeError, SerdesFailedError } from "./errors.js";
import type { AnySerdes, Serdes, SerdesContext } from "./types/serdes-types.js";

/**
 * JSON serdes; `undefined` ↔ no payload.
 *
 * @example
 * await defaultSerdes.serialize({ a: 1 }, ctx); // '{"a":1}'
 */
export const defaultSerdes: Serdes<any> = {
  serialize: async (value) => jsonSerialize(value),
  deserialize: async (data) => jsonDeserialize(data),
};

function jsonSerialize(value: unknown): string | undefined {
  return value === undefined ? undefined : strictStringify(value);
}

function jsonDeserialize(data: string | undefined): unknown {
  return data === undefined ? undefined : (JSON.parse(data) as unknown);
}

/**
 * Pass-through serdes for strings (callback results are raw strings by default).
 *
 * @example
 * await passThroughSerdes.deserialize("raw", ctx); // "raw"
 */
export const passThroughSerdes: Serdes<any> = {
  serialize: async (value) => (value === undefined ? undefined : (value as string)),
  deserialize: async (data) => data,
};

/** JSON.stringify that refuses values JSON would silently drop or mangle. */
function strictStringify(value: unknown): string {
  // Strings, numbers, booleans and null need no checks (the common step result).
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean" || value === null)
    return JSON.stringify(value);
  // Circular structures make JSON.stringify itself throw a TypeError, which serializeFor wraps.
  const text = JSON.stringify(value, (key: string, v: unknown) => {
    if (typeof v === "bigint") throw new TypeError(`BigInt at ${pathOf(key)} cannot be serialized to JSON`);
    if (typeof v === "function")
      throw new TypeError(`function at ${pathOf(key)} cannot be serialized to JSON`);
    if (typeof v === "symbol") throw new TypeError(`symbol at ${pathOf(key)} cannot be serialized to JSON`);
    return v;
  });
  if (text === undefined) throw new TypeError("value cannot be serialized to JSON");
  return text;
}

function pathOf(key: string): string {
  return key === "" ? "the top level" : `key "${key}"`;
}

/**
 * Create a serdes for class instances (JSON, then the fields are assigned onto `new cls()`).
 *
 * @example
 * const s = createClassSerdes(Order);
 */
export function createClassSerdes<T extends object>(cls: new () => T): Serdes<T> {
  return createClassSerdesWithDates(cls, []);
}

/**
 * Like {@link createClassSerdes}, and the listed properties are revived as Dates.
 *
 * @example
 * const s = createClassSerdesWithDates(Order, ["createdAt"]);
 */
export function createClassSerdesWithDates<T extends object>(
  cls: new () => T,
  dateProps: string[],
): Serdes<T> {
  return {
    serialize: defaultSerdes.serialize,
    deserialize: async (data) => {
      if (data === undefined) return undefined;
      const plain = JSON.parse(data) as Record<string, unknown>;
      const instance = Object.assign(new cls(), plain) as Record<string, unknown>;
      for (const prop of dateProps) {
        const value = instance[prop];
        if (typeof value === "string" || typeof value === "number") instance[prop] = new Date(value);
      }
      return instance as T;
    },
  };
}

/** Describes the operation a payload belongs to, for error messages. */
export interface PayloadOwner {
  /** e.g. `step "charge" (raw id 3)` */
  describe(): string;
  context: SerdesContext;
}

/** Serialize with `serdes`; any failure becomes {@link SerdesFailedError} naming the operation. */
export async function serializeFor(
  serdes: AnySerdes,
  value: unknown,
  owner: PayloadOwner,
): Promise<string | undefined> {
  if (serdes === defaultSerdes) return serializeDefault(value, owner);
  let out: unknown;
  try {
    out = await serdes.serialize(value, owner.context);
  } catch (error) {
    throw serializationFailed(owner, error);
  }
  if (out !== undefined && typeof out !== "string") {
    throw new SerdesFailedError(
      `Serialization failed for ${owner.describe()}: serdes returned ${typeof out}, expected a string`,
    );
  }
  return out;
}

/**
 * {@link serializeFor} with the default JSON serdes, synchronously: hot paths call it directly when no custom
 * serdes is configured, so a payload costs no promise.
 */
export function serializeDefault(value: unknown, owner: PayloadOwner): string | undefined {
  try {
    return jsonSerialize(value);
  } catch (error) {
    throw serializationFailed(owner, error);
  }
}

/** Deserialize with `serdes`; any failure becomes {@link SerdesFailedError} naming the operation. */
export async function deserializeFor<T>(
  serdes: Pick<Serdes<T>, "deserialize">,
  data: string | undefined,
  owner: PayloadOwner,
): Promise<T | undefined> {
  if (serdes === defaultSerdes) return deserializeDefault(data, owner) as T | undefined;
  try {
    return await serdes.deserialize(data, owner.context);
  } catch (error) {
    throw deserializationFailed(owner, error);
  }
}

/** {@link deserializeFor} with the default JSON serdes, synchronously (see {@link serializeDefault}). */
export function deserializeDefault(data: string | undefined, owner: PayloadOwner): unknown {
  try {
    return jsonDeserialize(data);
  } catch (error) {
    throw deserializationFailed(owner, error);
  }
}

function serializationFailed(owner: PayloadOwner, error: unknown): SerdesFailedError {
  return new SerdesFailedError(`Serialization failed for ${owner.describe()}: ${messageOf(error)}`, error);
}

function deserializationFailed(owner: PayloadOwner, error: unknown): SerdesFailedError {
  return new SerdesFailedError(`Deserialization failed for ${owner.describe()}: ${messageOf(error)}`, error);
}

/**
 * Throw {@link PayloadTooLargeError} when `payload` exceeds `limitBytes` (UTF-8).
 *
 * @example
 * checkPayloadSize(text, 262_144, owner);
 */
export function checkPayloadSize(payload: string | undefined, limitBytes: number, owner: PayloadOwner): void {
  if (payload === undefined) return;
  // Cheap pre-check: UTF-8 uses at most 3 bytes per UTF-16 code unit.
  if (payload.length * 3 <= limitBytes) return;
  const size = Buffer.byteLength(payload, "utf8");
  if (size > limitBytes) {
    throw new PayloadTooLargeError(
      `Payload of ${owner.describe()} is ${size} bytes, over the limit of ${limitBytes} bytes`,
      size,
      limitBytes,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
