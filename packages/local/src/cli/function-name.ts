/**
 * Function identifiers as Invoke accepts them: a name, a partial ARN (`<account>:function:<name>`) or a full
 * ARN, each optionally qualified (`:<version or alias>`). Durable functions must be invoked qualified, so the
 * CLI adds `$LATEST` when the user gave no qualifier.
 */

/**
 * True when `identifier` already carries a version or alias.
 *
 * @example
 * ```ts
 * isQualified("orders");           // false
 * isQualified("orders:3");         // true
 * isQualified("arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST"); // true
 * ```
 */
export function isQualified(identifier: string): boolean {
  const parts = identifier.split(":");
  if (parts[0] === "arn") return parts.length >= 8;
  if (parts[1] === "function") return parts.length >= 4;
  return parts.length >= 2;
}
