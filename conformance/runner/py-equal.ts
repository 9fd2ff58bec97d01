/**
 * Python `==` on {@link PyValue}s: numbers compare by value across int, float and bool (`1 == 1.0 == True`),
 * mappings compare as sets of keys with equal values (order-insensitive), lists element by element, and
 * values of different kinds are never equal (`"1" != 1`).
 *
 * @example
 * pyEquals({ a: 1, b: true }, { b: 1, a: new PyFloat(1) }); // true
 */
import { isMapping, isPyNumber, numericValue, type PyValue } from "./py-value.js";

/** Python `a == b`. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  const aNumeric = isPyNumber(a) || typeof a === "boolean";
  const bNumeric = isPyNumber(b) || typeof b === "boolean";
  if (aNumeric || bNumeric) return aNumeric && bNumeric && numericValue(a) === numericValue(b);
  if (a === null || b === null || typeof a === "string" || typeof b === "string") return a === b;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => pyEquals(item, b[i] ?? null));
  }
  if (isMapping(a) && isMapping(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && pyEquals(a[k] ?? null, b[k] ?? null));
  }
  return false;
}
