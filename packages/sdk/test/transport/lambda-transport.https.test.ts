// LambdaTransport over real TLS: a local HTTPS server with a throwaway certificate for 127.0.0.1
// (made with the openssl CLI; the test is skipped where openssl is missing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, Agent, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LambdaTransport } from "../../src/checkpoint/lambda-transport.js";
import { createNodeHttpSender, DEFAULT_HTTP_TIMEOUTS } from "../../src/checkpoint/http.js";

function makeCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "durable-lambda-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = makeCertificate();
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:1/durable-execution/n/i";

describe.skipIf(tls === undefined)("LambdaTransport over HTTPS", () => {
  let server: Server;
  let url: string;
  const seen: Array<{ url: string; authorization: string | undefined; connection: Socket }> = [];

  beforeAll(async () => {
    server = createServer({ key: tls!.key, cert: tls!.cert }, (req, res) => {
      req.resume();
      req.on("end", () => {
        seen.push({ url: req.url ?? "", authorization: req.headers.authorization, connection: req.socket });
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"CheckpointToken":"next","NewExecutionState":{"Operations":[]}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("verifies the server certificate, signs, and reuses the TLS connection", async () => {
    const agent = new Agent({ keepAlive: true, ca: tls!.cert });
    const transport = new LambdaTransport(
      { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: "s" } },
      { env: {}, send: createNodeHttpSender(DEFAULT_HTTP_TIMEOUTS, { "https:": agent }) },
    );
    const first = await transport.checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "a", Updates: [] });
    await transport.checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "b", Updates: [] });
    expect(first.CheckpointToken).toBe("next");
    expect(seen).toHaveLength(2);
    expect(seen[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\//);
    expect(seen[0]!.connection).toBe(seen[1]!.connection);
    agent.destroy();
  });

  it("refuses a server whose certificate it cannot verify", async () => {
    const transport = new LambdaTransport(
      {
        endpoint: url,
        region: "us-east-1",
        credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
        retry: { maxAttempts: 1 },
      },
      {
        env: {},
        send: createNodeHttpSender(DEFAULT_HTTP_TIMEOUTS, { "https:": new Agent({ keepAlive: false }) }),
      },
    );
    const error = await transport
      .getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: "t" })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
  });
});
