// The local service: executions per second for a three-step workflow started through the real LambdaClient
// (synchronous Invoke, which returns when the execution has finished), sequentially and 50 at a time.
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { startLocalService } from "@durable-lambda/local";
import { fileURLToPath } from "node:url";

export async function serviceThroughput(total: number): Promise<Record<string, number>> {
  const svc = await startLocalService({
    port: 0,
    database: ":memory:",
    functions: [
      { name: "three-steps", module: fileURLToPath(new URL("../fixtures/three-steps.ts", import.meta.url)) },
    ],
  });
  const client = new LambdaClient({
    endpoint: svc.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
  });
  const invoke = async (n: number) => {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: "three-steps",
        Qualifier: "$LATEST",
        Payload: JSON.stringify({ n }),
      }),
    );
    const body = JSON.parse(new TextDecoder().decode(out.Payload)) as { total?: number };
    if (body.total !== (n + 1) * 2) throw new Error(`unexpected result ${JSON.stringify(body)}`);
  };
  try {
    for (let i = 0; i < 5; i++) await invoke(i); // warm the worker pool
    let start = performance.now();
    for (let i = 0; i < total; i++) await invoke(i);
    const sequential = total / ((performance.now() - start) / 1000);
    start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < total) await invoke(next++);
      }),
    );
    const concurrent = total / ((performance.now() - start) / 1000);
    return { sequentialPerSec: sequential, concurrent50PerSec: concurrent };
  } finally {
    client.destroy();
    await svc.close();
  }
}
