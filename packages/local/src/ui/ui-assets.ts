/**
 * The UI's static files, read from `assets/` beside the sources on first request and kept in memory.
 * Bundled builds (dist/) find them in the package's shipped `src/ui/assets/`.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Served files by URL name under /ui/. */
export const UI_ASSETS: Record<string, { file: string; contentType: string } | undefined> = {
  "index.html": { file: "index.html", contentType: "text/html; charset=utf-8" },
  "app.js": { file: "app.js", contentType: "text/javascript; charset=utf-8" },
  "timeline.js": { file: "timeline.js", contentType: "text/javascript; charset=utf-8" },
  "format-duration.js": { file: "format-duration.js", contentType: "text/javascript; charset=utf-8" },
  "app.css": { file: "app.css", contentType: "text/css; charset=utf-8" },
};

let assetsDir: string | undefined;
const cache = new Map<string, Promise<Buffer>>();

function locateAssets(): string {
  if (assetsDir !== undefined) return assetsDir;
  // The CommonJS bundle has no import.meta.url but has __dirname; ESM has the opposite.
  const here = typeof __dirname === "string" ? __dirname : dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "assets"), join(here, "..", "src", "ui", "assets")];
  const found = candidates.find((candidate) => existsSync(join(candidate, "index.html")));
  if (found === undefined) throw new Error(`UI assets not found; looked in ${candidates.join(", ")}`);
  assetsDir = found;
  return found;
}

/** The bytes of one asset (read once). */
export function readUiAsset(file: string): Promise<Buffer> {
  let pending = cache.get(file);
  if (pending === undefined) {
    pending = Promise.resolve().then(() => readFile(join(locateAssets(), file)));
    // A failed read is retried on the next request rather than cached.
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}
