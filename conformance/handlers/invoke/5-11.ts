// 5-11 Step then invoke: the step's result is the invoke's input.
import { withDurableExecution } from "durable-lambda";
import { invokeTargetName } from "../_support/targets.js";

interface Order {
  orderId: string;
  quantity: number;
}

export const handler = withDurableExecution(async (_event: unknown, context) => {
  const order = await context.step(async (): Promise<Order> => ({ orderId: "order-42", quantity: 3 }));
  return context.invoke<Order, Order>(invokeTargetName("echo"), order);
});
