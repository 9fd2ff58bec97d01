// Invoke target "second": another succeeding function, for requirements that invoke two targets in sequence.
// A PLAIN Lambda handler (not durable): register it with `durable: false`. It acknowledges its input.

/** What the second target answers. */
export interface SecondTargetReply {
  target: "second";
  received: unknown;
}

export async function handler(event: unknown): Promise<SecondTargetReply> {
  return { target: "second", received: event ?? null };
}
