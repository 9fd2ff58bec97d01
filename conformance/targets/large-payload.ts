// Invoke target "large-payload": accepts an input near the per-operation payload limit and returns a small
// summary of it (so only the request side is large).
// A PLAIN Lambda handler (not durable): register it with `durable: false`.

/** A small description of the payload this target received. */
export interface LargePayloadSummary {
  receivedType: string;
  serializedLength: number;
}

export async function handler(event: unknown): Promise<LargePayloadSummary> {
  return {
    receivedType: event === null ? "null" : Array.isArray(event) ? "array" : typeof event,
    serializedLength: JSON.stringify(event ?? null).length,
  };
}
