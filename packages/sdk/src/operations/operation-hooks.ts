// Plugin lifecycle events shared by every operation (SDK.md §11). Everything here is a no-op without plugins,
// so no OperationInfo is built on the hot path.
import type { OperationSlot } from "../context/operation-slot.js";
import { toOperationInfo } from "../plugins.js";
import type { OperationInfo, PluginOperationStatus } from "../types/plugin.js";
import type { Operation } from "../types/wire.js";
import { isTerminal } from "./record-outcome.js";

/** Info for an operation that may not have a record yet. */
export function slotInfo(
  slot: OperationSlot,
  isReplay: boolean,
  extra?: Partial<OperationInfo>,
): OperationInfo {
  const record = slot.record;
  const info: OperationInfo = record
    ? toOperationInfo(record, isReplay)
    : { id: slot.id, type: slot.expected.type, subType: slot.expected.subType, isReplay };
  if (slot.name !== undefined) info.name = slot.name;
  if (slot.parentId !== undefined) info.parentId = slot.parentId;
  return Object.assign(info, extra);
}

/**
 * A live START (isReplay false) or a retry / non-terminal record met on replay (isReplay true). Returns the hook
 * promise for callers that must let it finish first (context functions); others fire and forget.
 */
export function emitOperationStart(
  slot: OperationSlot,
  isReplay: boolean,
  status?: PluginOperationStatus,
): Promise<void> | undefined {
  const plugins = slot.ctx.runtime.plugins;
  if (!plugins.enabled) return undefined;
  return plugins.operationStart(slotInfo(slot, isReplay, status === undefined ? undefined : { status }));
}

/** The operation became terminal in this invocation. */
export function emitOperationEnd(slot: OperationSlot, error?: Error): void {
  const plugins = slot.ctx.runtime.plugins;
  if (!plugins.enabled) return;
  // Fire-and-forget completions (contexts) are not applied yet: report the status the operation ended with.
  const record = slot.record;
  const status: PluginOperationStatus =
    record && isTerminal(record) ? (record.Status as PluginOperationStatus) : error ? "FAILED" : "SUCCEEDED";
  void plugins.operationEnd(slotInfo(slot, false, error === undefined ? { status } : { status, error }));
}

/**
 * A terminal record met on replay: re-emitted only at its first sighting, i.e. when it completed between the
 * previous invocation and this one (UpdatedOperationIds).
 */
export function emitReplayedTerminal(slot: OperationSlot, record: Operation): void {
  const runtime = slot.ctx.runtime;
  if (!runtime.plugins.enabled || record.Id === undefined || !runtime.updatedOperationIds.has(record.Id))
    return;
  void runtime.plugins.operationEnd(toOperationInfo(record, true));
}
