/**
 * Formats a duration for people: `850ms`, `12.3s`, `4m 05s`, `2h 03m`, `3d 04h`; "" for undefined or NaN.
 *
 * @example
 * ```ts
 * formatDuration(245_000); // "4m 05s"
 * ```
 */
export function formatDuration(ms: number | undefined): string;
