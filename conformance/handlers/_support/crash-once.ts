// Crash cases must kill the Lambda process exactly once per execution. A crash wipes in-memory state, so the
// "already crashed" fact lives outside the process — a marker file, standing in for the DynamoDB table
// upstream handlers use for cross-invocation state.
import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * How long to let fire-and-forget checkpoints (an at-least-once step START) reach the service before dying.
 * Generous on purpose: the first checkpoint of a fresh worker also sets up the transport (ours lost it with
 * 300 ms; the official SDK's AWS client needed more than 2 s), and there is no public signal that a
 * fire-and-forget update has been acknowledged.
 */
const CHECKPOINT_FLUSH_MS = 5000;

function markerPath(executionArn: string, label: string): string {
  const digest = createHash("sha256").update(`${executionArn}\u0000${label}`).digest("hex").slice(0, 32);
  return join(tmpdir(), `durable-conformance-crash-${digest}`);
}

/**
 * Ends the process with exit code 1 the first time it is called for this execution and label; returns
 * normally on every later call (after the crash, on re-invocation).
 *
 * @example
 * await context.step(async () => { await crashOnce(arn, "step"); return event; });
 */
export async function crashOnce(executionArn: string, label: string): Promise<void> {
  const marker = markerPath(executionArn, label);
  if (existsSync(marker)) return;
  writeFileSync(marker, new Date().toISOString());
  await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_FLUSH_MS));
  process.exit(1);
}
