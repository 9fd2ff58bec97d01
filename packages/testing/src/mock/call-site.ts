import { fileURLToPath } from "node:url";

const KIT_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * The first stack frame outside the test kit and Node internals: where the handler called the operation.
 * Captured when an operation is called, so a non-determinism report can point at the line that changed.
 *
 * @example
 * callSite(); // "orderWorkflow (/repo/examples/order-workflow/handler.ts:31:28)"
 */
export function callSite(): string | undefined {
  const stack = new Error().stack?.split("\n").slice(1) ?? [];
  for (const line of stack) {
    const frame = line.trim().replace(/^at /, "");
    const inKit = frame.includes(KIT_DIR) && !/\.test\.[cm]?[jt]s/.test(frame);
    if (inKit || frame.includes("node:") || frame.includes("node_modules")) continue;
    // tsx/vite may report file URLs; keep them readable as paths.
    return frame.replace(/file:\/\//g, "");
  }
  return undefined;
}
