// Duration formatting shared by the browser UI and the CLI (the browser cannot load TypeScript, so the one
// implementation is plain JavaScript with a declaration file beside it).

/**
 * `850ms`, `12.3s`, `4m 05s`, `2h 03m`, `3d 04h`; "" for undefined or NaN.
 * @param {number | undefined} ms
 * @returns {string}
 */
export function formatDuration(ms) {
  if (ms === undefined || Number.isNaN(ms)) return "";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, "0")}h`;
}
