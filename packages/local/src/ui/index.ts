/**
 * The timeline web UI, served by the local service's HTTP server under `/ui`.
 *
 * A static page (no build step, no framework) that reads the service's own JSON APIs —
 * ListDurableExecutionsByFunction, GetDurableExecution and GetDurableExecutionHistory — and draws one
 * execution's operations as a timeline. The only UI-specific endpoint is `/ui/api/functions`, the names of
 * the registered functions (the Lambda API has no call the page could use for that).
 *
 * @example
 * ```ts
 * // in the service's request listener, before the API routes:
 * const ui = createUiHandler({ listFunctions: () => registry.names() });
 * if (ui(req, res)) return;
 * ```
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readUiAsset, UI_ASSETS } from "./ui-assets.js";

/** Options of {@link createUiHandler}. */
export interface UiHandlerOptions {
  /** Names of the registered functions, for the page's function picker. */
  listFunctions?: () => Iterable<string>;
}

/** Handles the request if it is for the UI (returns true), else leaves it alone (returns false). */
export type UiHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The path prefix the UI is served under. */
export const UI_PATH = "/ui";

/**
 * Creates the UI's request handler.
 *
 * @example
 * ```ts
 * const handleUi = createUiHandler({ listFunctions: () => ["orders"] });
 * http.createServer((req, res) => handleUi(req, res) || routeApi(req, res));
 * ```
 */
export function createUiHandler(options: UiHandlerOptions = {}): UiHandler {
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path !== UI_PATH && !path.startsWith(`${UI_PATH}/`)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "text/plain; charset=utf-8", "Method Not Allowed\n", { Allow: "GET, HEAD" });
      return true;
    }
    if (path === UI_PATH) {
      // Relative asset URLs in the page resolve against /ui/.
      send(res, 308, "text/plain; charset=utf-8", "", {
        Location: `${UI_PATH}/${(req.url ?? "").slice(path.length)}`,
      });
      return true;
    }
    const name = path.slice(UI_PATH.length + 1);
    if (name === "api/functions") {
      const functions = [...(options.listFunctions?.() ?? [])].sort();
      send(res, 200, "application/json", JSON.stringify({ Functions: functions }));
      return true;
    }
    const asset = UI_ASSETS[name === "" ? "index.html" : name];
    if (asset === undefined) {
      send(res, 404, "text/plain; charset=utf-8", `Not found: ${path}\n`);
      return true;
    }
    readUiAsset(asset.file).then(
      (body) => send(res, 200, asset.contentType, body),
      (error: unknown) =>
        send(res, 500, "text/plain; charset=utf-8", `UI asset unavailable: ${String(error)}\n`),
    );
    return true;
  };
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-cache",
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}
