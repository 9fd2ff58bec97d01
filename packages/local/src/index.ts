// Public surface of @durable-lambda/local.
export { startLocalService, type LocalService, type LocalServiceOptions } from "./service.js";
export {
  DurableEngine,
  type DurableEngineOptions,
  type HistoryPage,
  type HistoryQuery,
  type InvokeOutcome,
  type InvokeRequest,
  type ListExecutionsQuery,
} from "./engine/engine.js";
export type { CheckpointResult } from "./engine/execution-state.js";
export { RealClock, VirtualClock, type Clock } from "./scheduler/clock.js";
export { MemoryStore } from "./store/memory.js";
export { SqliteStore } from "./store/sqlite.js";
export type { ExecutionRecord, HistoryEvent, Store, TimerRecord } from "./store/store.js";
export type {
  FunctionDefinition,
  InvocationLogLine,
  InvocationRequest,
  InvocationResult,
  Invoker,
  LambdaContextLike,
} from "./invoker/invoker.js";
export { InProcessInvoker } from "./invoker/in-process.js";
export { InProcessDurableClient } from "./invoker/in-process-client.js";
export { WorkerInvoker } from "./invoker/worker-invoker.js";
export { ServiceError } from "./errors.js";
export { DEFAULT_LIMITS, type Limits } from "./state-machines/transition.js";
export type {
  ErrorObject,
  OperationRecord,
  OperationUpdate,
  OperationStatus,
  OperationType,
  ExecutionStatus,
} from "./wire.js";
