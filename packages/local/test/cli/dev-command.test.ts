import { fileURLToPath } from "node:url";
import { GetDurableExecutionHistoryCommand, InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { cliContext, type CliIo } from "../../src/cli/cli-context.js";
import { devCommand } from "../../src/cli/commands/dev.js";

const greeter = fileURLToPath(new URL("./fixtures/greeter.ts", import.meta.url));

describe("durable dev (in process)", { timeout: 90_000 }, () => {
  it("runs with virtual time and an in-memory database until told to stop; --quiet keeps function output out", async () => {
    let out = "";
    let announce: (url: string) => void = () => {};
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const io: CliIo = {
      env: {},
      interactive: false,
      stdout: (text) => {
        out += text;
        const url = /listening on (\S+)/.exec(out)?.[1];
        if (url !== undefined) announce(url);
      },
      stderr: (text) => void (out += text),
    };
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = devCommand(
      [greeter, "--port", "0", "--db", ":memory:", "--virtual-time", "--quiet"],
      cliContext(io, "http://127.0.0.1:8787"),
      stopped,
    );
    const url = await announced;
    expect(out).toContain("database: :memory:  (virtual time: waits and timeouts elapse at once)");

    const client = new LambdaClient({
      endpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    const response = await client.send(
      new InvokeCommand({
        FunctionName: "greeter",
        Qualifier: "$LATEST",
        Payload: new TextEncoder().encode('{"name":"Vi","approval":true}'),
        InvocationType: "Event",
      }),
    );
    const arn = response.DurableExecutionArn ?? "";
    // The 1-second wait passes in virtual time; the execution reaches its callback, whose submitter step
    // (the second StepSucceeded) has logged the callback id by the time it is checkpointed.
    let types: string[] = [];
    while (types.filter((type) => type === "StepSucceeded").length < 2) {
      const history = await client.send(new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }));
      types = (history.Events ?? []).map((event) => event.EventType ?? "");
    }
    expect(types).toContain("WaitSucceeded");
    expect(types).toContain("CallbackStarted");
    client.destroy();
    expect(out).not.toContain("callback id:");

    stop();
    expect(await running).toBe(0);
    expect(out).toContain("Stopping the durable service");
  });
});
