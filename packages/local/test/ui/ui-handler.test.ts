import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUiHandler } from "../../src/ui/index.js";

describe("UI handler", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const ui = createUiHandler({ listFunctions: () => ["zeta", "alpha"] });
    server = createServer((req, res) => {
      if (!ui(req, res)) res.writeHead(418).end("not the UI");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  const extraServers: Server[] = [];
  afterAll(async () => {
    for (const s of [server, ...extraServers]) await new Promise<void>((resolve) => s.close(() => resolve()));
  });

  /** Serves `handler` (UI paths only) on an ephemeral port. */
  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<string> {
    const extra = createServer((req, res) => {
      if (!handler(req, res)) res.writeHead(418).end();
    });
    extraServers.push(extra);
    await new Promise<void>((resolve) => extra.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(extra.address() as AddressInfo).port}`;
  }

  it("redirects /ui to /ui/ keeping the query", async () => {
    const response = await fetch(`${base}/ui?fn=a`, { redirect: "manual" });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("/ui/?fn=a");
  });

  it("serves the page and its assets with their content types", async () => {
    const page = await fetch(`${base}/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="app.js"></script>');
    for (const [name, type] of [
      ["app.js", "text/javascript; charset=utf-8"],
      ["timeline.js", "text/javascript; charset=utf-8"],
      ["app.css", "text/css; charset=utf-8"],
    ]) {
      const response = await fetch(`${base}/ui/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect((await response.text()).length).toBeGreaterThan(100);
    }
  });

  it("lists the registered functions, sorted", async () => {
    const response = await fetch(`${base}/ui/api/functions`);
    expect(await response.json()).toEqual({ Functions: ["alpha", "zeta"] });
  });

  it("serves an execution's captured output when given a source of logs", async () => {
    const lines = [{ stream: "stdout" as const, line: "hi", timeMs: 5 }];
    const withLogs = createUiHandler({ logs: (arn) => (arn === "arn:x" ? lines : []) });
    const base2 = await serve(withLogs);
    expect(await (await fetch(`${base2}/ui/api/logs?arn=${encodeURIComponent("arn:x")}`)).json()).toEqual({
      Lines: lines,
    });
    expect((await fetch(`${base2}/ui/api/logs`)).status).toBe(400);
    // Without a source of logs (and no engine passed by the server) the endpoint says so.
    expect((await fetch(`${base}/ui/api/logs?arn=a`)).status).toBe(404);
  });

  it("reads functions and logs from the engine the server passes", async () => {
    const ui = createUiHandler();
    const engine = {
      functions: { names: () => ["b", "a"] },
      logs: (arn: string) => [{ stream: "stderr" as const, line: `for ${arn}`, timeMs: 1 }],
    };
    const base3 = await serve((req, res) => ui(req, res, engine));
    expect(await (await fetch(`${base3}/ui/api/functions`)).json()).toEqual({ Functions: ["a", "b"] });
    expect(await (await fetch(`${base3}/ui/api/logs?arn=e1`)).json()).toEqual({
      Lines: [{ stream: "stderr", line: "for e1", timeMs: 1 }],
    });
  });

  it("answers unknown UI paths with 404 and other methods with 405", async () => {
    expect((await fetch(`${base}/ui/../../etc/passwd`)).status).toBe(418); // normalised by fetch to /etc/passwd
    expect((await fetch(`${base}/ui/%2e%2e%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/ui/nope.js`)).status).toBe(404);
    const post = await fetch(`${base}/ui/`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("leaves other paths to the service", async () => {
    const response = await fetch(`${base}/2025-12-01/durable-executions/x`);
    expect(response.status).toBe(418);
    expect((await fetch(`${base}/uix`)).status).toBe(418);
  });
});
