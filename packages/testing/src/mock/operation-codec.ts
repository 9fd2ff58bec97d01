import { defaultSerdes, SerdesFailedError, type AnySerdes } from "durable-lambda";
import { deserializeFor, serializeFor, type PayloadOwner } from "durable-lambda/internal";
import type { OperationCall } from "./record-source.js";

/** Serializer pair bound to one operation's value: its serdes (or the context default, or JSON) and its owner. */
export interface OperationCodec {
  serialize(value: unknown): Promise<string | undefined>;
  deserialize(payload: string | undefined): Promise<unknown>;
}

/**
 * The payload owner the SDK names in serialization errors, for a mock operation call.
 *
 * @example
 * payloadOwner(call, arn).describe(); // 'Step "charge" (id 3)'
 */
export function payloadOwner(call: OperationCall, durableExecutionArn: string): PayloadOwner {
  return {
    describe: () => `${call.subType}${call.name === undefined ? "" : ` "${call.name}"`} (id ${call.rawId})`,
    context: { entityId: call.rawId, durableExecutionArn },
  };
}

/**
 * A codec that (de)serializes as the SDK does — through the SDK's guarded serdes calls, so a value the
 * serdes refuses (a function, a BigInt, a cycle) is a {@link SerdesFailedError} naming the operation. Like
 * the SDK, that error ends the run: it goes to `fault` (the mock execution's `raise`) instead of the caller.
 *
 * @example
 * const codec = operationCodec(undefined, payloadOwner(call, arn), (e) => exec.raise(e));
 * await codec.serialize({ a: 1 }); // '{"a":1}'
 */
export function operationCodec(
  serdes: AnySerdes | undefined,
  owner: PayloadOwner,
  fault: (error: Error) => Promise<never>,
): OperationCodec {
  const chosen = serdes ?? defaultSerdes;
  const guarded =
    <A, R>(run: (arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      try {
        return await run(arg);
      } catch (error) {
        if (error instanceof SerdesFailedError) return fault(error);
        throw error;
      }
    };
  return {
    serialize: guarded((value: unknown) => serializeFor(chosen, value, owner)),
    deserialize: guarded((payload: string | undefined) => deserializeFor(chosen, payload, owner)),
  };
}
