// 5-8 Invoke with tenantId: the tenant id from the input is passed in the invoke configuration.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

interface TenantPayload {
  tenantId: string;
  payload: string;
}

export const handler = withDurableExecution(async (event: TenantPayload, context) => {
  // Named overload: the payload is a string (see 5-1).
  return context.invoke<string, string>("tenant_invoke", invokeTargetName("echo"), event.payload, {
    tenantId: event.tenantId,
  });
});
