// Test helper: a plain HTTP server on 127.0.0.1 that records every request exactly as received
// (raw URL, raw header pairs, body bytes, socket identity) and answers with a scripted reply.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ReceivedRequest {
  method: string;
  /** Request target exactly as sent (path and query, still percent-encoded). */
  url: string;
  /** Header pairs with lower-case names, in arrival order. */
  headers: Array<[string, string]>;
  body: Buffer;
  /** Same number for requests that arrived on the same TCP connection. */
  connection: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (to provoke client timeouts); the reply is then sent if the socket is still open. */
  delayMs?: number;
  /** Destroy the connection instead of answering. */
  destroy?: boolean;
  /** Send the status line, headers and the first half of the body, then destroy the connection. */
  truncate?: boolean;
}

export interface RecordingServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startRecordingServer(
  reply: (request: ReceivedRequest, index: number) => Reply,
): Promise<RecordingServer> {
  const requests: ReceivedRequest[] = [];
  const connectionIds = new WeakMap<Socket, number>();
  let nextConnection = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (!connectionIds.has(req.socket)) connectionIds.set(req.socket, nextConnection++);
      const headers: Array<[string, string]> = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        headers.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
      }
      const received: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers,
        body: Buffer.concat(chunks),
        connection: connectionIds.get(req.socket)!,
      };
      requests.push(received);
      const answer = reply(received, requests.length - 1);
      const send = (): void => {
        if (answer.destroy) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        if (answer.truncate) {
          const body = answer.body ?? "";
          res.writeHead(answer.status, {
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(body)),
          });
          res.write(body.slice(0, Math.floor(body.length / 2)), () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
