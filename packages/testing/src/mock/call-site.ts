import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";

// This file's path: from import.meta in ESM (sources, ESM bundle), from __filename in the CJS bundle, where
// import.meta is empty. Two levels up is the kit's src/ (sources) or package root (bundles).
const SELF = import.meta.url ? fileURLToPath(import.meta.url) : __filename;
const KIT_DIR = dirname(dirname(SELF)) + sep;

/**
 * Captures where the handler called an operation, cheaply: the stack is only formatted (the costly part, more so
 * with source maps) when the returned function is first called — i.e. when a report needs it.
 *
 * @example
 * const site = captureCallSite();
 * site(); // "orderWorkflow (/repo/examples/order-workflow/handler.ts:31:28)"
 */
export function captureCallSite(): () => string | undefined {
  const holder = new Error();
  let cached: string | null | undefined;
  return () => {
    if (cached === undefined) cached = firstUserFrame(holder.stack ?? "") ?? null;
    return cached ?? undefined;
  };
}

/** The first stack frame outside the test kit (its own tests excepted) and Node internals. */
function firstUserFrame(stack: string): string | undefined {
  for (const line of stack.split("\n").slice(1)) {
    const frame = line.trim().replace(/^at /, "");
    const inKit = frame.includes(KIT_DIR) && !/\.test\.[cm]?[jt]s/.test(frame);
    if (inKit || frame.includes("node:") || frame.includes("node_modules")) continue;
    // tsx/vite may report file URLs; keep them readable as paths.
    return frame.replace(/file:\/\//g, "");
  }
  return undefined;
}
