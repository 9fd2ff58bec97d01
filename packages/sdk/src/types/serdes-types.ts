// Serialization contracts used by every operation that stores a value.

/**
 * Identifies what a value is being (de)serialized for.
 *
 * @example
 * const ctx: SerdesContext = { entityId: "1", durableExecutionArn: "arn:..." };
 */
export interface SerdesContext {
  /** Raw id of the operation the value belongs to ("1", "2-1": the unhashed form of its wire id). */
  entityId: string;
  durableExecutionArn: string;
}

/**
 * Converts values to and from the strings stored in checkpoints.
 *
 * @example
 * const upper: Serdes<string> = {
 *   serialize: async (v) => v?.toUpperCase(),
 *   deserialize: async (s) => s,
 * };
 */
export interface Serdes<T> {
  serialize: (value: T | undefined, context: SerdesContext) => Promise<string | undefined>;
  deserialize: (data: string | undefined, context: SerdesContext) => Promise<T | undefined>;
}

/** A serdes for any value type. */
export type AnySerdes = Serdes<any>;
/** Only the deserializing half of a serdes (callbacks receive strings written by others). */
export type AnySerdesDeserializer = Pick<AnySerdes, "deserialize">;

/**
 * Context-wide serdes defaults, set with `ctx.configureSerdes`.
 *
 * @example
 * ctx.configureSerdes({ defaultCallbackDeserializer: { deserialize: async (s) => (s ? JSON.parse(s) : undefined) } });
 */
export interface SerdesConfig {
  defaultSerdes?: AnySerdes;
  defaultCallbackDeserializer?: AnySerdesDeserializer;
}
