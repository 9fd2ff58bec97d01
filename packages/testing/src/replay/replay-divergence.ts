/** Type, sub-type and name of an operation, with its wire id. */
export interface OperationIdentity {
  id: string;
  type: string;
  subType?: string;
  name?: string;
}

/** The first place where the current code departs from a recorded execution. */
export interface ReplayDivergence {
  /** `mismatch`: a call differs from the record at its id. `missing`: a recorded operation was never called. */
  kind: "mismatch" | "missing";
  /** For a mismatch, the first differing member in the SDK's check order. */
  field?: "type" | "name" | "subType";
  /** Enclosing operations, outermost first, with raw ids: `"fulfil" [2] > "charge" [2-1]`. */
  path: string;
  recorded: OperationIdentity;
  /** The current code's call at the same id (absent for `missing`), with where it was made. */
  current?: OperationIdentity & { rawId: string; callSite?: string };
  /** One readable sentence with both sides and the call site. */
  message: string;
}

/**
 * Thrown by {@link assertReplayCompatible} (and used internally to stop a replay) when the current code would not
 * replay a recorded execution. `divergence` holds both sides.
 *
 * @example
 * ```ts
 * try { await assertReplayCompatible(orderWorkflow, history); }
 * catch (e) { if (e instanceof ReplayDivergenceError) console.error(e.divergence.current?.callSite); }
 * ```
 */
export class ReplayDivergenceError extends Error {
  override readonly name = "ReplayDivergenceError";
  readonly code = "REPLAY_DIVERGENCE";
  constructor(readonly divergence: ReplayDivergence) {
    super(divergence.message);
  }
}
