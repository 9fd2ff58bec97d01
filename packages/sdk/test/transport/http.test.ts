// The node:http sender's connect timeout, with a connection that never completes (deterministic:
// no reliance on unroutable addresses).
import { describe, expect, it } from "vitest";
import { Agent } from "node:http";
import { Socket } from "node:net";
import { createNodeHttpSender, DEFAULT_HTTP_TIMEOUTS, HttpTimeoutError } from "../../src/checkpoint/http.js";

/** An agent whose sockets stay in the "connecting" state forever. */
class NeverConnectingAgent extends Agent {
  readonly sockets_: Socket[] = [];
  override createConnection(): Socket {
    const socket = new Socket();
    // Invariant: a socket that has not connected yet reports `connecting`; net.connect would set it.
    (socket as { connecting: boolean }).connecting = true;
    this.sockets_.push(socket);
    return socket;
  }
}

describe("createNodeHttpSender", () => {
  it("gives up on a connection that does not complete within connectMs", async () => {
    const agent = new NeverConnectingAgent();
    const send = createNodeHttpSender({ ...DEFAULT_HTTP_TIMEOUTS, connectMs: 20 }, { "http:": agent });
    const error = await send({
      method: "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9,
      path: "/",
      headers: {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ name: "TimeoutError", phase: "connect", timeoutMs: 20, code: "ETIMEDOUT" });
    expect(agent.sockets_[0]?.destroyed).toBe(true);
  });
});
