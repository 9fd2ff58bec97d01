/**
 * Thrown when a recorded history or operation list cannot be read: not JSON, not one of the accepted shapes, or
 * an event/operation missing a required member. The message names the offending index and member.
 *
 * @example
 * ```ts
 * try { readRecordedExecution("{}"); } catch (e) { if (e instanceof HistoryFormatError) console.error(e.message); }
 * ```
 */
export class HistoryFormatError extends Error {
  override readonly name = "HistoryFormatError";
  readonly code = "HISTORY_FORMAT";
}
