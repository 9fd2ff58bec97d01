// How argument checks name the value they got, so every "expected …, received …" message reads alike.

/**
 * A short description of a received value for error messages: strings quoted, objects and arrays by
 * kind (their contents may be large or sensitive), everything else as `String(value)`.
 *
 * @example
 * describeReceived("nope"); // '"nope"'
 * describeReceived([1]);    // "an array"
 */
export function describeReceived(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  if (typeof value === "symbol") return value.toString();
  return String(value);
}
