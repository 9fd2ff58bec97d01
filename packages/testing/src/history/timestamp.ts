/**
 * Normalises a timestamp as found in service JSON (epoch seconds, possibly fractional), invocation events (ISO
 * strings) or SDK objects (`Date`) to epoch milliseconds. Returns undefined for anything else.
 */
export function toEpochMillis(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string" && value !== "") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
