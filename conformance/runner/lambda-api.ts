/**
 * The service calls upstream's harness makes, through a real `LambdaClient` from `@aws-sdk/client-lambda`
 * (the only channel between the runner and the service): Invoke, GetDurableExecutionHistory (every page,
 * with execution data), GetDurableExecution, the three callback sends and StopDurableExecution.
 *
 * @example
 * const api = lambdaApi(new LambdaClient({ endpoint: svc.url, region: "us-east-1", credentials }));
 * const { arn } = await api.invoke("1-1", '"World"', "RequestResponse");
 */
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  LambdaClient,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
  type ErrorObject,
} from "@aws-sdk/client-lambda";
import { fromJs, isMapping, type PyMapping } from "./py-value.js";

/** What an Invoke returned. */
export interface InvokeOutcome {
  arn: string | undefined;
  statusCode: number | undefined;
  functionError: string | undefined;
  payload: string;
}

/** The status and result of an execution (GetDurableExecution). */
export interface ExecutionDescription {
  status: string | undefined;
  result: string | undefined;
}

/** The calls the runner makes; an interface so unit tests can script a service. */
export interface ConformanceApi {
  invoke(functionName: string, payload: string, type: "RequestResponse" | "Event"): Promise<InvokeOutcome>;
  history(arn: string): Promise<PyMapping[]>;
  execution(arn: string): Promise<ExecutionDescription>;
  sendSuccess(callbackId: string, result: string | undefined): Promise<void>;
  sendFailure(callbackId: string, error: ErrorObject | undefined): Promise<void>;
  sendHeartbeat(callbackId: string): Promise<void>;
  stop(arn: string): Promise<void>;
}

/**
 * A client for the local service with dummy credentials. The SDK's default retries stay on, as boto3's do
 * upstream: a keep-alive socket the server closed while idle (e.g. during a callback Delay) fails the next
 * request with ECONNRESET before it reaches the service, and a retry is the expected answer.
 */
export function localLambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "conformance", secretAccessKey: "conformance" },
  });
}

/** {@link ConformanceApi} over a `LambdaClient`. */
export function lambdaApi(client: LambdaClient): ConformanceApi {
  return {
    async invoke(functionName, payload, type) {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: functionName,
          Qualifier: "$LATEST",
          InvocationType: type,
          Payload: Buffer.from(payload, "utf8"),
        }),
      );
      return {
        arn: out.DurableExecutionArn,
        statusCode: out.StatusCode,
        functionError: out.FunctionError,
        payload: out.Payload == null ? "" : Buffer.from(out.Payload).toString("utf8"),
      };
    },

    async history(arn) {
      const events: PyMapping[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(
          new GetDurableExecutionHistoryCommand({
            DurableExecutionArn: arn,
            IncludeExecutionData: true,
            Marker: marker,
          }),
        );
        for (const event of page.Events ?? []) {
          const converted = fromJs(event);
          if (isMapping(converted)) events.push(converted);
        }
        marker = page.NextMarker === "" ? undefined : page.NextMarker;
      } while (marker !== undefined);
      return events;
    },

    async execution(arn) {
      const out = await client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
      return { status: out.Status, result: out.Result };
    },

    async sendSuccess(callbackId, result) {
      const Result = result === undefined ? undefined : Buffer.from(result, "utf8");
      await client.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result }));
    },

    async sendFailure(callbackId, error) {
      await client.send(
        new SendDurableExecutionCallbackFailureCommand({ CallbackId: callbackId, Error: error }),
      );
    },

    async sendHeartbeat(callbackId) {
      await client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: callbackId }));
    },

    async stop(arn) {
      await client.send(new StopDurableExecutionCommand({ DurableExecutionArn: arn }));
    },
  };
}
