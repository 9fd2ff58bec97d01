import {
  DurableEngine,
  InProcessDurableClient,
  InProcessInvoker,
  MemoryStore,
  VirtualClock,
  type FunctionDefinition,
} from "@durable-lambda/local";
import { withDurableExecution, type DurableExecutionConfig } from "durable-lambda";
import type { DurableFunction } from "../mock/run-on-mock.js";
import { EngineDriver } from "./engine-driver.js";
import { TestExecution } from "./test-execution.js";
import type { TestRunResult } from "./test-run-result.js";

/** A plain (non-durable) function standing in for an invoke target: gets the input, returns the result. */
export type PlainTarget = (input: any) => unknown;

/** Options of {@link DurableTestRunner}. */
export interface DurableTestRunnerOptions {
  /** The durable function under test (what you pass to `withDurableExecution`). */
  handler: DurableFunction;
  /** Its function name (default `"function-under-test"`). */
  functionName?: string;
  /** `withDurableExecution` configuration for every durable function (plugins, logger…); the transport is the kit's. */
  config?: Omit<DurableExecutionConfig, "client" | "durableExecutionClient">;
  /** More durable functions the handler invokes, by function name. */
  functions?: Record<string, DurableFunction>;
  /** Plain functions standing in for invoke targets, by function name. */
  targets?: Record<string, PlainTarget>;
  /** Virtual start time (default: now). */
  startTime?: Date | number;
  /** Per-invocation timeout in seconds (default 900). */
  timeoutSeconds?: number;
}

/** What to start an execution with. */
export interface StartOptions {
  /** The input; JSON-serialized (default `{}`). */
  payload?: unknown;
  /** The execution name (idempotent start). */
  executionName?: string;
}

const DEFAULT_NAME = "function-under-test";

/**
 * Runs durable functions in-process on the local service's engine — the same state machines, history and
 * scheduling as `durable dev` — with the in-memory store and a virtual clock: hour-long waits and retry backoffs
 * take no real time, and no global timers are patched, so the code under test (and the test) keep real `setTimeout`,
 * `Date` and promises. Works in any test framework.
 *
 * @example
 * ```ts
 * const runner = new DurableTestRunner({ handler: orderWorkflow, targets: { "payments": () => ({ ok: true }) } });
 * const run = await runner.run({ payload: { orderId: "o-1" } });
 * expect(run.status).toBe("SUCCEEDED");
 * expect(run.getOperation("charge").result).toEqual({ chargeId: "ch_1" });
 * await runner.close();
 * ```
 */
export class DurableTestRunner {
  readonly engine: DurableEngine;
  readonly clock: VirtualClock;
  private readonly functionName: string;
  private readonly driver: EngineDriver;
  private readonly client: InProcessDurableClient;
  private readonly config: DurableTestRunnerOptions["config"];
  private readonly timeoutSeconds: number | undefined;
  private closed = false;

  constructor(options: DurableTestRunnerOptions) {
    const start = options.startTime === undefined ? Date.now() : new Date(options.startTime).getTime();
    this.clock = new VirtualClock(start);
    const invoker = new InProcessInvoker();
    this.engine = new DurableEngine({
      store: new MemoryStore(),
      clock: this.clock,
      invokerFor: () => invoker,
    });
    this.client = new InProcessDurableClient(this.engine);
    this.config = options.config;
    this.timeoutSeconds = options.timeoutSeconds;
    this.functionName = options.functionName ?? DEFAULT_NAME;
    this.registerDurableFunction(this.functionName, options.handler);
    for (const [name, fn] of Object.entries(options.functions ?? {})) this.registerDurableFunction(name, fn);
    for (const [name, fn] of Object.entries(options.targets ?? {})) this.registerTarget(name, fn);
    this.engine.start();
    this.driver = new EngineDriver(this.engine, this.clock);
  }

  /** Registers another durable function the handler may invoke. */
  registerDurableFunction(name: string, fn: DurableFunction): void {
    const handler = withDurableExecution(fn, {
      ...this.config,
      durableExecutionClient: this.client,
    } as DurableExecutionConfig);
    this.register({ name, handler: handler as FunctionDefinition["handler"] });
  }

  /** Registers a plain function as an invoke target (a mock of another service's function). */
  registerTarget(name: string, fn: PlainTarget): void {
    this.register({
      name,
      durable: false,
      handler: async (event: unknown) => fn(typeof event === "string" ? parseOrRaw(event) : event),
    });
  }

  /** Starts an execution of the function under test and returns its handle (time is held until you wait). */
  async start<TResult = unknown>(options: StartOptions = {}): Promise<TestExecution<TResult>> {
    if (this.closed) throw new Error("DurableTestRunner is closed");
    const outcome = await this.engine.invoke({
      functionName: `${this.functionName}:$LATEST`,
      payload: JSON.stringify(options.payload ?? {}),
      invocationType: "Event",
      ...(options.executionName !== undefined ? { durableExecutionName: options.executionName } : {}),
    });
    if (outcome.durableExecutionArn === undefined) throw new Error("the engine did not start an execution");
    return new TestExecution<TResult>(this.engine, this.driver, outcome.durableExecutionArn);
  }

  /**
   * Starts an execution and runs it until it closes, or until only outside input could move it on (status
   * RUNNING: answer its callbacks through {@link DurableTestRunner.start}'s handle instead).
   */
  async run<TResult = unknown>(options: StartOptions = {}): Promise<TestRunResult<TResult>> {
    const execution = await this.start<TResult>(options);
    return execution.result();
  }

  /** Virtual now (epoch milliseconds). */
  now(): number {
    return this.clock.now();
  }

  /** Releases the engine; pending executions are abandoned. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.driver.dispose();
    await this.engine.close();
  }

  private register(def: FunctionDefinition): void {
    this.engine.registerFunction({
      ...def,
      ...(this.timeoutSeconds !== undefined ? { timeoutSeconds: this.timeoutSeconds } : {}),
    });
  }
}

function parseOrRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
