// Public surface of @durable-lambda/local.
export {};
