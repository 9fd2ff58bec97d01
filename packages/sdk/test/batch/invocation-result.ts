// Reading a handler's outcome in batch tests.

/** The handler's JSON result of an invocation output, parsed (undefined when there is none). */
export function resultOf(out: { Status: string }): unknown {
  const text = (out as { Result?: string }).Result;
  return text === undefined ? undefined : JSON.parse(text);
}
