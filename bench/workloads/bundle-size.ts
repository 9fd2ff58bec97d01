// Bundle size: esbuild, minified, a three-line handler with the SDK and its default transport included. Both
// SDKs are bundled as users get them from npm (our built dist, run.ts builds it first) with esbuild's defaults.
import { build } from "esbuild";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SdkName } from "../lib/sdk.js";

const HANDLER = (from: string) => `import { withDurableExecution } from "${from}";
export const handler = withDurableExecution(async (event, ctx) => ctx.step("greet", async () => "hello " + event.name));
`;

/** Minified ESM bundle size in KB for a three-line handler (nothing external except Node built-ins). */
export async function bundleSize(sdk: SdkName): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "bundle-"));
  const entry = join(dir, "handler.mjs");
  writeFileSync(entry, HANDLER(sdk === "ours" ? "durable-lambda" : "@aws/durable-execution-sdk-js"));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    nodePaths: [join(process.cwd(), "..", "node_modules")],
    logLevel: "silent",
    // Both SDKs reach the AWS SDK only through their default transport; the official one imports it eagerly.
  });
  const bytes = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  return { kb: bytes / 1024 };
}
