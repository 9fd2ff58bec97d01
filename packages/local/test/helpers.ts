import { LambdaClient, InvokeCommand, GetDurableExecutionHistoryCommand } from "@aws-sdk/client-lambda";
import {
  InProcessDurableClient,
  startLocalService,
  type LocalService,
  type LocalServiceOptions,
} from "@durable-lambda/local";

/** A real LambdaClient pointed at the local service (dummy credentials, no retries so errors surface at once). */
export function lambdaClient(url: string): LambdaClient {
  return new LambdaClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

export interface Envelope {
  DurableExecutionArn: string;
  CheckpointToken: string;
  InitialExecutionState: { Operations: Array<Record<string, unknown>>; NextMarker?: string };
  UpdatedOperationIds?: string[];
}

/** A tiny hand-written "SDK": the envelope, the operations by id, and a checkpoint helper keeping the token. */
export class Session {
  token: string;
  readonly ops = new Map<string, Record<string, unknown>>();
  constructor(
    readonly client: InProcessDurableClient,
    readonly envelope: Envelope,
  ) {
    this.token = envelope.CheckpointToken;
    for (const op of envelope.InitialExecutionState.Operations) this.ops.set(op.Id as string, op);
  }
  get arn(): string {
    return this.envelope.DurableExecutionArn;
  }
  get input(): unknown {
    const first = this.envelope.InitialExecutionState.Operations[0] as {
      ExecutionDetails?: { InputPayload?: string };
    };
    const text = first.ExecutionDetails?.InputPayload;
    return text === undefined || text === "" ? undefined : (JSON.parse(text) as unknown);
  }
  op(id: string): Record<string, unknown> | undefined {
    return this.ops.get(id);
  }
  status(id: string): string | undefined {
    return this.ops.get(id)?.Status as string | undefined;
  }
  async checkpoint(updates: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
    const response = await this.client.checkpoint({
      DurableExecutionArn: this.arn,
      CheckpointToken: this.token,
      Updates: updates,
    });
    this.token = response.CheckpointToken ?? "";
    const delta = (response.NewExecutionState?.Operations ?? []) as Array<Record<string, unknown>>;
    for (const op of delta) this.ops.set(op.Id as string, op);
    return delta;
  }
}

/** A durable handler written by hand against the checkpoint API. */
export function scripted(svc: () => LocalService, body: (s: Session) => Promise<unknown>) {
  return async (event: unknown): Promise<unknown> =>
    body(new Session(new InProcessDurableClient(svc().engine), event as Envelope));
}

/**
 * A hand-written caller: chain-invokes `functionName` once as operation "inv" (with `payload`, if given), answers
 * PENDING while the invoke runs, then ends as `finish` says from the finished CHAINED_INVOKE record.
 */
export function chainedInvokeCaller(
  svc: () => LocalService,
  functionName: string,
  finish: (inv: Record<string, unknown>) => unknown,
  payload?: string,
) {
  return scripted(svc, async (s) => {
    if (s.op("inv") === undefined) {
      await s.checkpoint([
        {
          Id: "inv",
          Type: "CHAINED_INVOKE",
          SubType: "ChainedInvoke",
          Action: "START",
          ...(payload === undefined ? {} : { Payload: payload }),
          ChainedInvokeOptions: { FunctionName: functionName },
        },
      ]);
    }
    const inv = s.op("inv");
    if (inv === undefined || inv.Status === "STARTED") return { Status: "PENDING" };
    return finish(inv);
  });
}

/** The `ChainedInvokeDetails` of a chained-invoke record. */
export function chainedInvokeDetails(inv: Record<string, unknown>): { Result?: string; Error?: object } {
  return (inv.ChainedInvokeDetails ?? {}) as { Result?: string; Error?: object };
}

export async function startService(options: LocalServiceOptions = {}): Promise<LocalService> {
  return startLocalService({ database: ":memory:", clock: "virtual", ...options });
}

/** Sync-invokes `name:$LATEST` and returns the ARN, payload text and function error. */
export async function invokeSync(
  client: LambdaClient,
  name: string,
  payload: unknown,
  executionName?: string,
) {
  const response = await client.send(
    new InvokeCommand({
      FunctionName: name,
      Qualifier: "$LATEST",
      Payload: Buffer.from(JSON.stringify(payload)),
      ...(executionName === undefined ? {} : { DurableExecutionName: executionName }),
    }),
  );
  return {
    arn: response.DurableExecutionArn ?? "",
    payload: response.Payload ? Buffer.from(response.Payload).toString("utf8") : "",
    functionError: response.FunctionError,
    status: response.StatusCode,
    version: response.ExecutedVersion,
  };
}

/** The whole history as `[EventId, EventType]` pairs plus the raw events. */
export async function history(client: LambdaClient, arn: string) {
  const events: Array<Record<string, unknown>> = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new GetDurableExecutionHistoryCommand({
        DurableExecutionArn: arn,
        IncludeExecutionData: true,
        Marker: marker,
        MaxItems: 1000,
      }),
    );
    events.push(...((page.Events ?? []) as Array<Record<string, unknown>>));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return { events, types: events.map((e) => `${e.EventId as number} ${e.EventType as string}`) };
}

/** Resolves once `predicate` holds, polling on real macrotasks (no fixed sleeps). */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  tries = 2000,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
