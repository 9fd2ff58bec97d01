// Public surface of durable-lambda. Every export is deliberate; see docs/ARCHITECTURE.md.
export {};
