/**
 * One worker process: a Lambda execution environment that runs one invocation at a time.
 *
 * The process is forked with an IPC channel for control messages and piped stdout/stderr, which are split
 * into lines and attributed to the invocation in progress (output written between invocations goes to the
 * next one, as Lambda shows it in the next invocation's log). An invocation completes when the worker has
 * reported its outcome and both end markers have arrived, when the process exits (Runtime.ExitError), or
 * when the deadline passes (the process is killed: Sandbox.Timedout). A process that exited, timed out or
 * failed to load its module is not reusable.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { InvocationLogLine, InvocationRequest, InvocationResult } from "./invoker.js";
import { WorkerLineSplitter } from "./worker-line-splitter.js";
import {
  endMarker,
  isFromWorkerMessage,
  type FromWorkerMessage,
  type WorkerContextFields,
  type WorkerOutcome,
} from "./worker-protocol.js";

/** How to start a worker process. */
export interface WorkerSpawnSpec {
  /** Path of the worker entry script (worker-entry.ts). */
  entry: string;
  /** Node flags, e.g. `--conditions=source --import <tsx loader>`. */
  execArgv: string[];
  env: Record<string, string>;
  cwd: string;
  module: string;
  exportName: string;
  /** This environment's log stream name (also in its environment variables). */
  logStream: string;
  /** Limit of the init phase (loading the module) of a cold worker, in milliseconds. */
  initTimeoutMs: number;
}

/** Output kept for the next invocation while none is running; the oldest lines are dropped beyond this. */
const MAX_HELD_LINES = 1000;

interface ActiveInvocation {
  seq: number;
  req: InvocationRequest;
  /** The Lambda context fields sent with the invocation. */
  context: WorkerContextFields;
  resolve(result: InvocationResult): void;
  startedMs: number;
  /** The invocation's deadline: the request's, pushed back by a cold worker's init time. */
  deadlineMs: number;
  /** When the handler was called (the invoke message was sent). */
  dispatchedMs?: number;
  /** The init-phase limit while the worker loads its module, then the deadline. */
  timer: NodeJS.Timeout;
  initializing: boolean;
  sent: boolean;
  outcome?: WorkerOutcome;
  markersSeen: number;
  timedOut: boolean;
}

/** Go-style signal descriptions, as the Lambda runtime prints them in Runtime.ExitError messages. */
const SIGNAL_DESCRIPTIONS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: "killed",
  SIGTERM: "terminated",
  SIGSEGV: "segmentation fault",
  SIGABRT: "aborted",
  SIGINT: "interrupt",
  SIGBUS: "bus error",
};

/**
 * A forked worker process.
 *
 * @example
 * ```ts
 * const worker = new WorkerProcess(spec, () => pool.forget(worker));
 * const result = await worker.invoke(req, contextFields);
 * if (!worker.reusable) worker.kill();
 * ```
 */
export class WorkerProcess {
  readonly logStream: string;
  private readonly child: ChildProcess;
  private readonly markerNonce = randomBytes(12).toString("hex");
  private ready = false;
  private dead = false;
  /** Set when the process must not serve another invocation (init failure, fatal error, timeout). */
  private discarded = false;
  private seq = 0;
  private active: ActiveInvocation | undefined;
  private held: InvocationLogLine[] = [];
  private readonly closed: Promise<void>;
  private readonly initTimeoutMs: number;

  constructor(spec: WorkerSpawnSpec, onExit: (worker: WorkerProcess) => void) {
    this.logStream = spec.logStream;
    this.initTimeoutMs = spec.initTimeoutMs;
    this.child = fork(spec.entry, [], {
      execArgv: spec.execArgv,
      env: spec.env,
      cwd: spec.cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    this.attachStream("stdout", this.child.stdout);
    this.attachStream("stderr", this.child.stderr);
    this.child.on("message", (message: unknown) => {
      if (isFromWorkerMessage(message)) this.onMessage(message);
    });
    // 'exit' settles a timed-out invocation at once (a killed process may leave its pipes to a grandchild);
    // 'close' waits for the pipes so a crash's last lines are captured first.
    this.child.on("exit", () => {
      this.dead = true;
      if (this.active?.timedOut) this.settleTimedOut(this.active);
    });
    this.closed = new Promise((resolve) => {
      this.child.on("close", (code: number | null, signal: NodeJS.Signals | null) => {
        this.dead = true;
        if (this.active !== undefined) this.settleExited(this.active, code, signal);
        onExit(this);
        resolve();
      });
    });
    this.child.on("error", () => {
      // Spawn or channel failure: the process is unusable; 'close' (if it ever ran) settles the invocation.
      this.discarded = true;
      if (this.child.pid === undefined && this.active !== undefined)
        this.settleExited(this.active, null, null);
    });
    this.send({
      type: "init",
      module: spec.module,
      exportName: spec.exportName,
      markerNonce: this.markerNonce,
    });
    this.setReferenced(false);
  }

  /** True while the process can take another invocation. */
  get reusable(): boolean {
    return !this.dead && !this.discarded && this.active === undefined;
  }

  /** Runs one invocation. Never rejects: every way it can end is an `InvocationResult`. */
  invoke(req: InvocationRequest, context: WorkerContextFields): Promise<InvocationResult> {
    if (this.active !== undefined) throw new Error("a worker process runs one invocation at a time");
    return new Promise((resolve) => {
      const startedMs = Date.now();
      const initializing = !this.ready;
      // As in Lambda, a cold start's init phase has its own limit and does not eat into the function timeout.
      const firstLimitMs = initializing ? this.initTimeoutMs : req.deadlineMs - startedMs;
      const active: ActiveInvocation = {
        seq: ++this.seq,
        req,
        context,
        resolve,
        startedMs,
        deadlineMs: req.deadlineMs,
        timer: setTimeout(() => this.onTimeout(active), Math.max(0, firstLimitMs)),
        initializing,
        sent: false,
        markersSeen: 0,
        timedOut: false,
      };
      this.active = active;
      this.setReferenced(true);
      for (const line of this.held) req.onLog(line);
      this.held = [];
      if (this.dead) {
        this.settleExited(active, this.child.exitCode, this.child.signalCode);
        return;
      }
      if (this.ready) this.dispatch(active);
    });
  }

  /** Ends the process; resolves when it has exited. */
  kill(): Promise<void> {
    this.discarded = true;
    if (!this.dead) {
      // Whoever awaits the exit must keep the host alive until it happens (an idle worker is unreferenced).
      this.setReferenced(true);
      this.child.kill("SIGKILL");
    }
    return this.closed;
  }

  /** Synchronous best-effort kill, for the host process's own exit. */
  killNow(): void {
    if (!this.dead) this.child.kill("SIGKILL");
  }

  private dispatch(active: ActiveInvocation): void {
    const now = Date.now();
    if (active.initializing) {
      // Init is over: the handler gets its whole timeout from now.
      clearTimeout(active.timer);
      active.initializing = false;
      const initMs = now - active.startedMs;
      active.deadlineMs = active.req.deadlineMs + initMs;
      active.context = { ...active.context, deadlineMs: active.deadlineMs };
      active.timer = setTimeout(() => this.onTimeout(active), Math.max(0, active.deadlineMs - now));
    }
    active.dispatchedMs = now;
    active.sent = true;
    this.send({ type: "invoke", seq: active.seq, event: active.req.payload, context: active.context });
  }

  private send(message: object): void {
    if (this.dead || !this.child.connected) return;
    this.child.send(message, (error) => {
      // The channel closed under us: the process is gone or going; 'close' settles the invocation.
      if (error) this.discarded = true;
    });
  }

  private onMessage(message: FromWorkerMessage): void {
    const active = this.active;
    switch (message.type) {
      case "ready":
        this.ready = true;
        if (active !== undefined && !active.sent) this.dispatch(active);
        return;
      case "init-failed":
        this.discarded = true;
        if (active !== undefined) {
          this.settle(active, {
            kind: "failed",
            errorType: message.errorType,
            errorMessage: message.errorMessage,
          });
        }
        this.child.kill("SIGKILL");
        return;
      case "result":
        if (active === undefined || active.seq !== message.seq) return;
        if (message.discard === true) this.discarded = true;
        active.outcome = message.outcome;
        this.settleIfComplete(active);
        return;
    }
  }

  private attachStream(stream: "stdout" | "stderr", readable: Readable | null): void {
    if (readable === null) return;
    const splitter = new WorkerLineSplitter(
      endMarker(this.markerNonce, 0).slice(0, -1),
      (line) => this.onLine({ stream, line, timeMs: Date.now() }),
      (seq) => {
        const active = this.active;
        if (active === undefined || active.seq !== seq) return;
        active.markersSeen += 1;
        this.settleIfComplete(active);
      },
    );
    readable.setEncoding("utf8");
    readable.on("data", (chunk: string) => splitter.push(chunk));
    readable.on("end", () => splitter.end());
  }

  private onLine(line: InvocationLogLine): void {
    if (this.active !== undefined) {
      this.active.req.onLog(line);
      return;
    }
    this.held.push(line);
    if (this.held.length > MAX_HELD_LINES) this.held.shift();
  }

  private onTimeout(active: ActiveInvocation): void {
    if (this.active !== active) return;
    active.timedOut = true;
    this.discarded = true;
    if (this.dead) this.settleTimedOut(active);
    else this.child.kill("SIGKILL");
  }

  private settleIfComplete(active: ActiveInvocation): void {
    // Both markers mean every line the invocation wrote has been read from the pipes.
    if (active.outcome !== undefined && active.markersSeen >= 2) this.settle(active, active.outcome);
  }

  private settleTimedOut(active: ActiveInvocation): void {
    if (active.initializing) {
      this.settle(active, {
        kind: "failed",
        errorType: "Sandbox.Timedout",
        errorMessage: `RequestId: ${active.req.requestId} Error: Init phase timed out after ${(this.initTimeoutMs / 1000).toFixed(2)} seconds`,
      });
      return;
    }
    const configured = active.req.fn.timeoutSeconds;
    const seconds = configured ?? (active.deadlineMs - (active.dispatchedMs ?? active.startedMs)) / 1000;
    this.settle(active, {
      kind: "failed",
      errorType: "Sandbox.Timedout",
      errorMessage: `RequestId: ${active.req.requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`,
    });
  }

  private settleExited(active: ActiveInvocation, code: number | null, signal: NodeJS.Signals | null): void {
    if (active.timedOut) {
      this.settleTimedOut(active);
      return;
    }
    // The worker reported before exiting (an uncaught error ends the process right after reporting it).
    if (active.outcome !== undefined) {
      this.settle(active, active.outcome);
      return;
    }
    const status =
      signal !== null
        ? `signal: ${SIGNAL_DESCRIPTIONS[signal] ?? signal}`
        : `exit status ${code ?? "unknown"}`;
    this.settle(active, {
      kind: "failed",
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${active.req.requestId} Error: Runtime exited with error: ${status}`,
    });
  }

  private settle(active: ActiveInvocation, result: InvocationResult): void {
    if (this.active !== active) return;
    clearTimeout(active.timer);
    this.active = undefined;
    this.setReferenced(false);
    active.resolve(result);
  }

  /** An idle worker must not keep the host process alive; a busy one must. */
  private setReferenced(referenced: boolean): void {
    const handles: Array<{ ref(): unknown; unref(): unknown } | null | undefined> = [
      this.child,
      this.child.channel as { ref(): unknown; unref(): unknown } | null | undefined,
      this.child.stdout as unknown as { ref(): unknown; unref(): unknown } | null,
      this.child.stderr as unknown as { ref(): unknown; unref(): unknown } | null,
    ];
    for (const handle of handles) {
      if (handle === null || handle === undefined) continue;
      if (referenced) handle.ref();
      else handle.unref();
    }
  }
}
