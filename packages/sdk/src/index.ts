// Public surface of durable-lambda. Every export is deliberate; see docs/ARCHITECTURE.md.
// Names match @aws/durable-execution-sdk-js 2.4.0; durable-lambda extras are marked.

// Entry point
export { withDurableExecution } from "./with-durable-execution.js";
export { DurableExecutionInvocationInputWithClient, SDK_VERSION } from "./invocation-input.js";
export { DurableExecutionApiClient } from "./checkpoint/durable-execution-api-client.js";

// Core types
export type { DurableContext } from "./types/durable-context.js";
export type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  Duration,
  LambdaContext,
} from "./types/core.js";
export { InvocationStatus, OperationSubType } from "./types/core.js";
export type { StepConfig, StepFunc, RetryDecision, RetryStrategy } from "./types/step.js";
export { StepSemantics, JitterStrategy } from "./types/step.js";
export type { ChildConfig, ChildFunc } from "./types/child-context.js";
export type { InvokeConfig, InvokeRequest } from "./types/invoke.js";
export type {
  CreateCallbackConfig,
  CreateCallbackResult,
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
} from "./types/callback.js";
export type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionDecision,
  WaitForConditionWaitStrategyFunc,
} from "./types/wait-condition.js";
export type {
  MapFunc,
  MapConfig,
  ParallelFunc,
  ParallelConfig,
  NamedParallelBranch,
  ConcurrentExecutionItem,
  ConcurrentExecutor,
  ConcurrencyConfig,
  BatchItem,
  BatchResult,
  CompletionConfig,
  ThresholdCompletionConfig,
  CustomCompletionConfig,
  CompletionReason,
  CompletionStatus,
  CompletionItemStatus,
  CompletionDecision,
} from "./types/batch.js";
export {
  BatchItemStatus,
  CompletionOutcome,
  NestingType,
  completeBatch,
  continueBatch,
} from "./types/batch.js";
export type {
  DurableLambdaHandler,
  DurableExecutionHandler,
  DurableExecutionConfig,
  DurableExecutionClient,
  LambdaClientLike,
  PayloadLimits,
} from "./types/durable-execution.js";
export type {
  DurableLogger,
  DurableContextLogger,
  DurableLogData,
  DurableLoggingContext,
  LoggerConfig,
  StepContext,
  WaitForConditionContext,
  WaitForCallbackContext,
  OperationContext,
} from "./types/logger-types.js";
export { DurableLogLevel } from "./types/logger-types.js";
export { DurablePromise } from "./durable-promise.js";
export { refreshLogConfig } from "./logger.js";
export type { CompensateFunc, CompensationItem, CompensationResult } from "./types/compensation.js";

// Wire model
export { OperationType, OperationStatus, OperationAction } from "./types/wire.js";
export type {
  WireTimestamp,
  Operation,
  WireOperation,
  OperationUpdate,
  ErrorObject,
  ExecutionDetails,
  ContextDetails,
  StepDetails,
  WireStepDetails,
  WaitDetails,
  WireWaitDetails,
  CallbackDetails,
  ChainedInvokeDetails,
  ContextOptions,
  StepOptions,
  WaitOptions,
  CallbackOptions,
  ChainedInvokeOptions,
  CheckpointUpdatedExecutionState,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "./types/wire.js";

// Errors
export {
  DurableOperationError,
  StepError,
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
  CallbackSubmitterError,
  InvokeError,
  ChildContextError,
  WaitForConditionError,
  PromiseCombinatorError,
  BatchCompletionError,
  StepInterruptedError,
  PluginLoadError,
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
  // durable-lambda extras
  CompensationError,
  StepTimeoutError,
  NonDeterministicExecutionError,
  SerdesFailedError,
  PayloadTooLargeError,
  InvalidOperationConfigError,
  InvalidInvocationInputError,
  ContextMisuseError,
  CheckpointUnrecoverableExecutionError,
  CheckpointUnrecoverableInvocationError,
} from "./errors.js";
export type { DurableExecutionClientErrorOptions } from "./errors.js";

// Serdes
export { defaultSerdes, createClassSerdes, createClassSerdesWithDates } from "./serdes.js";
export type {
  Serdes,
  SerdesContext,
  SerdesConfig,
  AnySerdes,
  AnySerdesDeserializer,
} from "./types/serdes-types.js";
export {
  createFileSystemSerdes,
  FileSystemSerdesMode,
  FileSystemPathEncoding,
} from "./serdes/file-system-serdes.js";
export type { FileSystemSerdesConfig } from "./serdes/file-system-serdes.js";
export { buildPreview, FieldMatchMode, PreviewMode } from "./serdes/preview.js";
export type { PreviewField, PreviewConfig } from "./serdes/preview.js";

// Retry and wait strategies
export { createRetryStrategy, createLinearRetryStrategy, retryPresets, createWaitStrategy } from "./retry.js";
export type { RetryStrategyConfig, LinearRetryStrategyConfig, WaitStrategyConfig } from "./retry.js";
export { withRetry } from "./operations/with-retry.js";
export type { WithRetryConfig, RetryableFunc } from "./operations/with-retry.js";

// Plugins
export {
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  PluginInvocationStatus,
  PluginOperationStatus,
  AttemptEndInfoOutcome,
} from "./types/plugin.js";
export type {
  DurableInstrumentationPlugin,
  DurableInstrumentationPluginProvider,
  DurableInstrumentationPluginType,
  InvocationInfo,
  InvocationEndInfo,
  OperationChangeInfo,
  OperationInfo,
  OperationEndInfo,
  AttemptInfo,
  AttemptEndInfo,
} from "./types/plugin.js";
