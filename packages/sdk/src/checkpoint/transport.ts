// The seam between the SDK and any backend (docs/ARCHITECTURE.md "Transport contract"). Implementations:
// lambda-transport.ts (SigV4 HTTPS), lambda-client-transport.ts (a user's LambdaClient); the tests' in-memory
// service is test/support/memory-transport.ts.
export type { DurableExecutionClient } from "../types/durable-execution.js";
