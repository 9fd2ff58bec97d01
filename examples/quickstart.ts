/**
 * Quickstart: `npm run example` (add `-- --manual` to answer the approval yourself).
 *
 * Starts the local durable execution service (Lambda API on 127.0.0.1, SQLite under .durable/), registers the
 * order workflow, starts one order and prints its timeline as it happens. The workflow waits for a manager's
 * approval through a callback: by default the quickstart answers it after a moment; with --manual it prints the
 * `npx durable callback …` command for you to run from another terminal.
 */
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { InProcessDurableClient, startLocalService, type LocalService } from "@durable-lambda/local";
import { withDurableExecution, type DurableExecutionClient } from "durable-lambda";
import { createOrderWorkflow, type OrderInput } from "./order-workflow/handler.js";
import { fakeServices } from "./order-workflow/services.js";
import { Timeline, type TimelineEvent } from "./timeline.js";

const DEFAULT_PORT = 8787; // where `npx durable …` looks unless told otherwise
const FUNCTION_NAME = "order-workflow";
const AUTO_ANSWER_AFTER_MS = 1500;
// The engine offers no history subscription, so the timeline re-reads the history this often (display only).
const POLL_MS = 50;

const { values } = parseArgs({
  options: {
    manual: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    "Usage: npm run example [-- --manual]\n  --manual  wait for you to answer the approval with `npx durable callback`",
  );
  process.exit(0);
}
// `npm run example -- --manual` reaches this script as npm config (npm_config_manual), not as an argument.
const manual = values.manual || process.env.npm_config_manual === "true";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Overrides for the quickstart's own test (an ephemeral port and an in-memory database).
const database = process.env.DURABLE_QUICKSTART_DB ?? join(repoRoot, ".durable", "durable.db");
const port =
  process.env.DURABLE_QUICKSTART_PORT === undefined
    ? DEFAULT_PORT
    : Number(process.env.DURABLE_QUICKSTART_PORT);
if (database !== ":memory:") mkdirSync(dirname(database), { recursive: true });
// The workflow's structured logs are JSON lines; keep the quickstart's output to the timeline.
process.env.AWS_LAMBDA_LOG_LEVEL ??= "WARN";

async function start(): Promise<LocalService> {
  try {
    return await startLocalService({ port, database });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    return startLocalService({ port: 0, database }); // 8787 is taken (a `durable dev` running?): any free port
  }
}

const svc = await start();
const endpointFlag = svc.url.endsWith(`:${DEFAULT_PORT}`) ? "" : ` --endpoint ${svc.url}`;
// What the fake services do shows up between the timeline lines, marked with »
const orderWorkflow = createOrderWorkflow(fakeServices((line) => console.log(`          » ${line}`)));
// In-process: the handler reaches the engine directly. `npx durable dev examples/order-workflow/handler.ts` runs the
// same handler in a worker process over the HTTP API instead.
const client = new InProcessDurableClient(svc.engine) as unknown as DurableExecutionClient;
const handler = withDurableExecution(orderWorkflow, { durableExecutionClient: client });
svc.registerFunction({
  name: FUNCTION_NAME,
  handler: (event, context) => handler(event as never, context as never),
});

const order: OrderInput = {
  orderId: `o-${Date.now().toString(36)}`,
  amountCents: 4999,
  items: ["kettle", "tea"],
  reviewWindowSeconds: 2, // 30 minutes in production; short here so the demo finishes quickly
  approvalTimeoutSeconds: manual ? 600 : 60,
};

console.log(`Local durable execution service on ${svc.url} (database ${database})`);
console.log(`Starting ${FUNCTION_NAME} for order ${order.orderId}\n`);
const { durableExecutionArn: arn } = await svc.engine.invoke({
  functionName: `${FUNCTION_NAME}:$LATEST`,
  payload: JSON.stringify(order),
  invocationType: "Event",
});
if (arn === undefined) throw new Error("the service did not start an execution");

const startedAt = Date.now();
let answered = false;
const timeline = new Timeline();
let printed = 0;

/** Prints the events appended since the last call; returns the approval's callback id once it has started. */
function printTimeline(): string | undefined {
  const events = svc.engine.getHistory(arn!, { maxItems: 1000 }).Events as TimelineEvent[];
  let callbackId: string | undefined;
  for (const event of events.slice(printed)) {
    console.log(timeline.format(event, Date.now() - startedAt));
    const details = event.CallbackStartedDetails as { CallbackId?: string } | undefined;
    if (event.EventType === "CallbackStarted" && details?.CallbackId !== undefined)
      callbackId = details.CallbackId;
  }
  printed = events.length;
  return callbackId;
}

function announce(callbackId: string): void {
  const quoted = `'${callbackId}'`;
  const approve = `npx durable callback succeed ${quoted} --payload '{"approved":true,"approver":"you"}'${endpointFlag}`;
  const reject = `npx durable callback succeed ${quoted} --payload '{"approved":false,"comment":"not today"}'${endpointFlag}`;
  console.log(`\n  The workflow is suspended, waiting for a manager's approval (callback ${callbackId}).`);
  if (manual) {
    console.log(`  Answer it from another terminal in this directory:\n\n    ${approve}\n    ${reject}\n`);
    return;
  }
  console.log(
    `  Answering it automatically in ${AUTO_ANSWER_AFTER_MS / 1000} s, as this command would:\n\n    ${approve}\n`,
  );
  console.log(`  (npm run example -- --manual waits for you instead.)\n`);
  setTimeout(() => {
    try {
      svc.engine.sendCallbackSuccess(callbackId, JSON.stringify({ approved: true, approver: "quickstart" }));
    } catch (error) {
      console.error(`  Could not answer the callback: ${(error as Error).message}`);
    }
  }, AUTO_ANSWER_AFTER_MS);
}

const done = svc.engine.waitForCompletion(arn);
let finished = false;
void done.then(() => {
  finished = true;
});
while (!finished) {
  const callbackId = printTimeline();
  if (callbackId !== undefined && !answered) {
    answered = true;
    announce(callbackId);
  }
  await Promise.race([done, new Promise((r) => setTimeout(r, POLL_MS))]);
}
printTimeline();

const record = await done;
console.log(`\nExecution ${record.status}`);
if (record.result !== undefined) console.log(JSON.stringify(JSON.parse(record.result), null, 2));
if (record.error !== undefined) console.log(JSON.stringify(record.error, null, 2));
console.log(
  `\nThe execution is kept in .durable/durable.db. To look at it again, run \`npx durable dev examples/order-workflow/handler.ts\`` +
    ` and in another terminal:\n  npx durable history '${arn}'`,
);
await svc.close();
process.exit(0);
