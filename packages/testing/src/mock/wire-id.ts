import { createHash } from "node:crypto";

/**
 * The wire id of an operation: the first 16 hex characters of MD5 of its raw id (`"1"`, `"2-1"`), SDK.md §2.
 * The mock context numbers operations the way the SDK does so its ids match recorded histories.
 *
 * @example
 * wireId("1"); // "c4ca4238a0b92382"
 */
export function wireId(rawId: string): string {
  return createHash("md5").update(rawId).digest("hex").slice(0, 16);
}
