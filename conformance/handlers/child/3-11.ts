// 3-11 Child context with a large result: the child turns a small step result into a result above the
// checkpoint size limit, so the SDK stores no payload (ReplayChildren) and re-runs the child body on replay to
// rebuild it. Replay logging is on for the child's logger, so the re-run logs the input a second time.
import { withDurableExecution } from "durable-lambda";

/** Comfortably above the 256 KB per-checkpoint payload limit. */
const LARGE_RESULT_CHARS = 300 * 1024;

export const handler = withDurableExecution(async (event: string, context) => {
  const large = await context.runInChildContext("large_result_child", async (child) => {
    child.configureLogger({ modeAware: false });
    child.logger.info(`Building large result for input ${event}`);
    const seed = await child.step(async () => event);
    return seed.repeat(Math.ceil(LARGE_RESULT_CHARS / Math.max(seed.length, 1)));
  });
  await context.wait({ seconds: 1 });
  return { length: large.length, startsWithInput: large.startsWith(event) };
});
