// Public surface of @durable-lambda/testing.
export {};
