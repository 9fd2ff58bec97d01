import { describe, expect, it } from "vitest";
import { DurableExecutionApiClient, withDurableExecution } from "../../src/index.js";
import { MemoryTransport } from "../support/memory-transport.js";
import { lambdaContext } from "./harness.js";

describe("DurableExecutionApiClient (official export)", () => {
  it("sends the SDK's calls through the given LambdaClient", async () => {
    const backend = new MemoryTransport();
    const sent: string[] = [];
    // A LambdaClient double: routes the AWS SDK commands to the in-memory backend.
    const lambdaClient = {
      send: async (command: { constructor: { name: string }; input: any }) => {
        sent.push(command.constructor.name);
        return command.constructor.name.startsWith("Checkpoint")
          ? backend.checkpoint(command.input)
          : backend.getExecutionState(command.input);
      },
    };
    const handler = withDurableExecution(async (_e, ctx) => ctx.step(async () => "ok"), {
      durableExecutionClient: new DurableExecutionApiClient(lambdaClient),
    });
    expect(await handler(backend.invocationEvent(), lambdaContext())).toEqual({
      Status: "SUCCEEDED",
      Result: '"ok"',
    });
    expect(sent).toEqual(["CheckpointDurableExecutionCommand"]);
  });
});
