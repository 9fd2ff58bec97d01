// Invoke target "echo": returns its input unchanged (strings, nested objects, null).
// A DURABLE function (withDurableExecution): chained invokes of it start a durable execution of their own, so
// ChainedInvokeStarted carries a real target DurableExecutionArn.
import { withDurableExecution } from "durable-lambda";

export const handler = withDurableExecution(async (event: unknown) => event ?? null);
